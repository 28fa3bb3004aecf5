import { Alert, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import type { EnforcementDomain, EventCategory, Offence, OffenceBody, PenaltyTypeCode } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { domainOptions } from '../../../i18n/labels.ts';
import { blankToNull, eventOptions, fenToYuan, fromDay, penaltyOptions, toDay, yuanToFen } from '../labels.ts';
import { EffectiveFields, ProvenanceFields, type ProvenanceForm } from './CommonFields.tsx';
import { EntryDrawer } from './EntryDrawer.tsx';
import type { LibraryDrawerProps } from './LibraryPage.tsx';
import { OffenceVersions } from './OffenceVersions.tsx';

export const OFFENCE_CODE = /^[A-Za-z0-9._-]{1,40}$/;

/** Same names as OffenceBody so the server's field errors land on the field; money in 元. */
type OffenceForm = ProvenanceForm & {
  code: string;
  name: string;
  domain: EnforcementDomain;
  violatedProvision: string;
  penaltyProvision: string;
  penaltyTypes: PenaltyTypeCode[];
  minFineFen?: number | null;
  maxFineFen?: number | null;
  finesOnlyAfterRefusal: boolean;
  illegal: boolean;
  offsiteEligible: boolean;
  eventCategory?: EventCategory | null;
  keywords?: string[];
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
};

const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
const fen = (y: number | null | undefined) => (y === null || y === undefined ? null : yuanToFen(y));

const toForm = (o: Offence): OffenceForm => ({
  ...o,
  minFineFen: yuan(o.minFineFen),
  maxFineFen: yuan(o.maxFineFen),
  effectiveFrom: toDay(o.effectiveFrom)!,
  effectiveTo: toDay(o.effectiveTo),
});

const toBody = (v: OffenceForm): OffenceBody => ({
  code: v.code.trim(),
  name: v.name.trim(),
  domain: v.domain,
  violatedProvision: v.violatedProvision.trim(),
  penaltyProvision: v.penaltyProvision.trim(),
  penaltyTypes: v.penaltyTypes ?? [],
  minFineFen: fen(v.minFineFen),
  maxFineFen: fen(v.maxFineFen),
  finesOnlyAfterRefusal: v.finesOnlyAfterRefusal,
  illegal: v.illegal,
  offsiteEligible: v.offsiteEligible,
  eventCategory: v.eventCategory ?? null,
  keywords: (v.keywords ?? []).map((k) => k.trim()).filter((k) => k !== ''),
  effectiveFrom: fromDay(v.effectiveFrom)!,
  effectiveTo: fromDay(v.effectiveTo),
  verification: v.verification,
  source: v.source.trim(),
  note: blankToNull(v.note),
});

export function OffenceDrawer(props: LibraryDrawerProps<'offences'>) {
  const { t } = useI18n();
  const isNewVersion = props.target?.mode === 'create' && !!props.target.from;
  return (
    <EntryDrawer<'offences', OffenceForm>
      {...props}
      kind="offences"
      testId="law-offence"
      titleCreate={isNewVersion ? t('law.offence.newVersion') : t('law.offence.create')}
      titleOf={(o) => `${o.code} ${o.name}`}
      toForm={toForm}
      blank={(from) =>
        from
          ? { ...toForm(from), effectiveFrom: undefined, effectiveTo: null, verification: 'U' }
          : { penaltyTypes: ['fine'], finesOnlyAfterRefusal: false, illegal: true, offsiteEligible: false, verification: 'U', keywords: [] }
      }
      toBody={toBody}
      aside={(o) => (
        <OffenceVersions
          offence={o}
          canWrite={props.canWrite}
          onOpen={(v) => props.onTarget({ mode: 'edit', entry: v })}
          onNewVersion={(from) => props.onTarget({ mode: 'create', from })}
        />
      )}
    >
      {isNewVersion && <Alert type="info" showIcon message={t('law.offence.newVersionHint')} style={{ marginBottom: 16 }} />}
      <Space wrap size={12} align="start">
        <Form.Item
          name="code"
          label={t('law.offence.code')}
          rules={[{ required: true, pattern: OFFENCE_CODE, message: t('law.offence.codeRule') }]}
        >
          <Input maxLength={40} style={{ width: 200 }} disabled={isNewVersion} data-testid="law-field-code" />
        </Form.Item>
        <Form.Item name="domain" label={t('law.domain')} rules={[{ required: true }]}>
          <Select options={domainOptions(t)} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item name="name" label={t('law.offence.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="violatedProvision" label={t('law.offence.violated')} rules={[{ required: true, whitespace: true, max: 500 }]}>
        <Input maxLength={500} placeholder="《上海市生活垃圾管理条例》第二十九条" />
      </Form.Item>
      <Form.Item name="penaltyProvision" label={t('law.offence.penaltyProvision')} rules={[{ required: true, whitespace: true, max: 500 }]}>
        <Input maxLength={500} placeholder="《上海市生活垃圾管理条例》第五十七条第二款" />
      </Form.Item>
      <Form.Item name="penaltyTypes" label={t('law.offence.penaltyTypes')}>
        <Select mode="multiple" options={penaltyOptions(t)} />
      </Form.Item>
      <Space wrap size={12} align="start">
        <Form.Item name="minFineFen" label={t('law.offence.minFine')}>
          <InputNumber min={0} precision={2} suffix={t('law.yuan')} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="maxFineFen"
          label={t('law.offence.maxFine')}
          dependencies={['minFineFen']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: number | null | undefined) => {
                const min = getFieldValue('minFineFen') as number | null | undefined;
                return v === null || v === undefined || min === null || min === undefined || v >= min
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('law.maxBelowMin')));
              },
            }),
          ]}
        >
          <InputNumber min={0} precision={2} suffix={t('law.yuan')} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Space wrap size={24}>
        <Form.Item
          name="finesOnlyAfterRefusal"
          label={t('law.offence.onlyAfterRefusal')}
          valuePropName="checked"
          tooltip={t('law.offence.onlyAfterRefusalTip')}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="illegal" label={t('law.offence.illegal')} valuePropName="checked" tooltip={t('law.offence.illegalTip')}>
          <Switch />
        </Form.Item>
        <Form.Item name="offsiteEligible" label={t('law.offence.offsite')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="eventCategory" label={t('law.offence.eventCategory')}>
        <Select allowClear options={eventOptions(t)} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="keywords" label={t('law.keywords')} extra={t('law.keywordsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} />
      </Form.Item>
      <EffectiveFields />
      <ProvenanceFields />
    </EntryDrawer>
  );
}
