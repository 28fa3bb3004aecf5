import { useMemo } from 'react';
import { Checkbox, Col, DatePicker, Form, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Art32GroundCode, DiscretionBody, HarmCode, PartyTypeCode } from '@chengguan/contracts';
import { libraryApi } from '../../../api/law.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { OffenceSelect } from '../components/OffenceSelect.tsx';
import { art32Options, fromDay, harmOptions, partyOptions, yuanToFen } from '../labels.ts';

export type DiscretionFormValues = {
  offenceCode: string;
  partyType: PartyTypeCode;
  birthDate?: Dayjs | null;
  actDate: Dayjs;
  decisionDate: Dayjs;
  firstViolation: boolean;
  correctedPromptly: boolean;
  minorViolation: boolean;
  harm: HarmCode;
  art32Grounds?: Art32GroundCode[];
  aggravatingFactors?: string[];
  mentalIncapacityAtAct: boolean;
  partialMentalCapacity: boolean;
  provenNoFault: boolean;
  majorPublicInterest: boolean;
  complex: boolean;
  hearingHeld: boolean;
  proposedFine?: number | null;
};

export function toDiscretionBody(v: DiscretionFormValues): DiscretionBody {
  const natural = v.partyType === 'natural_person';
  return {
    offenceCode: v.offenceCode,
    party: { type: v.partyType, ...(natural && v.birthDate ? { birthDate: fromDay(v.birthDate)! } : {}) },
    circumstances: {
      actDate: fromDay(v.actDate)!,
      decisionDate: fromDay(v.decisionDate)!,
      firstViolation: v.firstViolation,
      correctedPromptly: v.correctedPromptly,
      minorViolation: v.minorViolation,
      harm: v.harm,
      art32Grounds: v.art32Grounds ?? [],
      aggravatingFactors: v.aggravatingFactors ?? [],
      mentalIncapacityAtAct: natural && v.mentalIncapacityAtAct,
      partialMentalCapacity: natural && v.partialMentalCapacity,
      provenNoFault: v.provenNoFault,
      majorPublicInterest: v.majorPublicInterest,
      complex: v.complex,
      hearingHeld: v.hearingHeld,
      ...(v.proposedFine !== null && v.proposedFine !== undefined ? { proposedFineFen: yuanToFen(v.proposedFine) } : {}),
    },
  };
}

/** Request field (`circumstances.actDate`, `party.birthDate` …) → form field. */
export function discretionField(parts: string[]): string | undefined {
  const [head, leaf] = parts;
  if (head === 'offenceId' || head === 'offenceCode') return 'offenceCode';
  if (head === 'party') return leaf === 'type' ? 'partyType' : 'birthDate';
  if (head === 'circumstances') return leaf === 'proposedFineFen' ? 'proposedFine' : leaf;
  return undefined;
}

const sw = (name: keyof DiscretionFormValues, label: string, testId?: string, tooltip?: string) => (
  <Form.Item name={name} label={label} valuePropName="checked" tooltip={tooltip} style={{ marginBottom: 12 }}>
    <Switch data-testid={testId} />
  </Form.Item>
);

/** The aggravating factors that the tiers of this offence's standard name (the calculator matches them). */
function useAggravatingFactors(code: string | undefined): string[] {
  const tiers = useLoad(
    async (signal) => (code ? libraryApi('discretion-standards').list({ offenceCode: code, page: 1, pageSize: 200 }, signal) : null),
    code ?? '',
  );
  return useMemo(() => {
    const all = (tiers.data?.items ?? []).filter((s) => s.offenceCode === code).flatMap((s) => s.conditions.aggravatingFactorsAny ?? []);
    return [...new Set(all)];
  }, [tiers.data, code]);
}

/** The inputs of the discretion calculator; the parent owns the form and submits it. */
export function DiscretionFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance<DiscretionFormValues>();
  const code = Form.useWatch('offenceCode', form);
  const partyType = Form.useWatch('partyType', form);
  const factors = useAggravatingFactors(code);
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <>
      <Form.Item name="offenceCode" label={t('law.calc.offence')} rules={required(t('law.calc.offence'))}>
        <OffenceSelect by="code" placeholder={t('law.calc.offencePlaceholder')} testId="law-calc-offence" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="partyType" label={t('law.calc.partyType')} rules={required(t('law.calc.partyType'))}>
            <Select options={partyOptions(t)} data-testid="law-calc-party" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          {partyType === 'natural_person' && (
            <Form.Item name="birthDate" label={t('law.calc.birthDate')} tooltip={t('law.calc.birthDateTip')}>
              <DatePicker style={{ width: '100%' }} data-testid="law-calc-birth" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="actDate" label={t('law.calc.actDate')} rules={required(t('law.calc.actDate'))}>
            <DatePicker style={{ width: '100%' }} data-testid="law-calc-act-date" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="decisionDate"
            label={t('law.calc.decisionDate')}
            dependencies={['actDate']}
            rules={[
              ...required(t('law.calc.decisionDate')),
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null | undefined) => {
                  const act = getFieldValue('actDate') as Dayjs | null | undefined;
                  return !v || !act || !v.isBefore(act, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('law.calc.decisionBeforeAct')));
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="law-calc-decision-date" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} sm={8}>
          {sw('firstViolation', t('law.calc.firstViolation'), 'law-calc-first')}
        </Col>
        <Col xs={12} sm={8}>
          {sw('correctedPromptly', t('law.calc.correctedPromptly'), 'law-calc-corrected')}
        </Col>
        <Col xs={12} sm={8}>
          {sw('minorViolation', t('law.calc.minorViolation'))}
        </Col>
      </Row>
      <Form.Item name="harm" label={t('law.calc.harm')} rules={required(t('law.calc.harm'))}>
        <Radio.Group options={harmOptions(t)} data-testid="law-calc-harm" />
      </Form.Item>
      <Form.Item name="art32Grounds" label={t('law.calc.art32')}>
        <Checkbox.Group options={art32Options(t)} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
      </Form.Item>
      <Form.Item name="aggravatingFactors" label={t('law.calc.aggravating')}>
        {factors.length > 0 ? (
          <Checkbox.Group options={factors.map((f) => ({ value: f, label: f }))} data-testid="law-calc-aggravating" />
        ) : (
          <Typography.Text type="secondary">{code ? t('law.calc.noAggravating') : t('law.calc.pickOffenceFirst')}</Typography.Text>
        )}
      </Form.Item>
      <Row gutter={12}>
        {partyType === 'natural_person' && (
          <>
            <Col xs={12} sm={8}>
              {sw('mentalIncapacityAtAct', t('law.calc.mentalIncapacity'), undefined, t('law.calc.mentalIncapacityTip'))}
            </Col>
            <Col xs={12} sm={8}>
              {sw('partialMentalCapacity', t('law.calc.partialCapacity'))}
            </Col>
          </>
        )}
        <Col xs={12} sm={8}>
          {sw('provenNoFault', t('law.calc.noFault'), undefined, t('law.calc.noFaultTip'))}
        </Col>
        <Col xs={12} sm={8}>
          {sw('majorPublicInterest', t('law.calc.majorPublicInterest'))}
        </Col>
        <Col xs={12} sm={8}>
          {sw('complex', t('law.calc.complex'))}
        </Col>
        <Col xs={12} sm={8}>
          {sw('hearingHeld', t('law.calc.hearingHeld'))}
        </Col>
      </Row>
      <Form.Item name="proposedFine" label={t('law.calc.proposedFine')} extra={t('law.calc.proposedFineHint')}>
        <InputNumber min={0} precision={2} suffix={t('law.yuan')} style={{ width: 220 }} data-testid="law-calc-fine" />
      </Form.Item>
    </>
  );
}
