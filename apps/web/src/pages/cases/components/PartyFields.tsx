import { Form, Input, Radio, Select } from 'antd';
import { PARTY_ID_TYPES, type PartyBody, type PartyIdType, type PartyTypeCode } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { checkCreditCode, checkIdNumber, organisationWordInPersonName } from '@chengguan/domain/vocabulary';
import { idTypeLabel, partyTypeOptions } from '../labels.ts';

/** The party block of a flat form (field errors of `party.*` are renamed onto these, see field-names.ts). */
export type PartyValues = {
  partyType: PartyTypeCode;
  partyName: string;
  idType: PartyIdType;
  idNumber: string;
  phone?: string;
  address?: string;
  legalRepresentative?: string;
};

const opt = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

export function toPartyBody(v: PartyValues): PartyBody {
  return {
    type: v.partyType,
    name: v.partyName.trim(),
    idType: v.idType,
    idNumber: v.idNumber.trim().toUpperCase(),
    phone: opt(v.phone),
    address: opt(v.address),
    legalRepresentative: v.partyType === 'natural_person' ? undefined : opt(v.legalRepresentative),
  };
}

export const PARTY_DEFAULTS: Pick<PartyValues, 'partyType' | 'idType'> = { partyType: 'natural_person', idType: 'id_card' };

/**
 * 当事人: a natural person by 居民身份证号 (GB 11643) or an organisation by 统一社会信用代码 (GB 32100). The check
 * character is verified here as the officer types; the server verifies again and its answer shows at the same field.
 */
export function PartyFields({ compact }: { compact?: boolean }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<PartyValues>();
  const partyType = Form.useWatch('partyType', form) ?? 'natural_person';
  const idType = Form.useWatch('idType', form) ?? 'id_card';
  const person = partyType === 'natural_person';

  return (
    <>
      <Form.Item name="partyType" label={t('case.partyType')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={partyTypeOptions(t)}
          onChange={(e) => form.setFieldsValue({ idType: e.target.value === 'natural_person' ? 'id_card' : 'uscc' })}
          data-testid="party-type"
        />
      </Form.Item>
      <Form.Item
        name="partyName"
        label={person ? t('case.partyNamePerson') : t('case.partyNameOrg')}
        rules={[
          { required: true, whitespace: true, max: 100, message: t('common.required', { field: t('case.partyName') }) },
          // A warning, not a block: the officer may still record a person whose name reads like a shop's.
          {
            warningOnly: true,
            validator: async (_, v: string | undefined) => {
              const word = person && v ? organisationWordInPersonName(v) : null;
              if (word) throw new Error(t('case.partyNameLooksLikeOrg', { word }));
            },
          },
        ]}
        dependencies={['partyType']}
      >
        <Input maxLength={100} autoComplete="off" data-testid="party-name" />
      </Form.Item>
      <PartyIdFields idType={idType} hidden={compact} testId="party-id-number" />
      {!person && (
        <Form.Item name="legalRepresentative" label={t('case.legalRepresentative')} rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t('case.phone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('case.phoneRule') }]}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" />
      </Form.Item>
      {!compact && (
        <Form.Item name="address" label={t('case.address')} rules={[{ max: 300 }]}>
          <Input maxLength={300} />
        </Form.Item>
      )}
    </>
  );
}

/**
 * ID type and number, checked as the person types against GB 11643 / GB 32100 (the domain's checks); the
 * server checks again. Used by the officer's summary form and by the party's own confirmation page.
 */
export function PartyIdFields({ idType, hidden, testId }: { idType: PartyIdType; hidden?: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="idType" label={t('case.idTypeLabel')} rules={[{ required: true }]} hidden={hidden}>
        <Select options={PARTY_ID_TYPES.map((i) => ({ value: i, label: idTypeLabel(t, i) }))} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={idTypeLabel(t, idType)}
        validateTrigger={['onBlur', 'onChange']}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: idTypeLabel(t, idType) }) },
          {
            validator: async (_, v: string | undefined) => {
              if (!v) return;
              const problem = idType === 'id_card' ? checkIdNumber(v).reason : idType === 'uscc' ? checkCreditCode(v).reason : null;
              if (problem) throw new Error(t(`case.idProblem.${problem}`));
            },
          },
        ]}
      >
        <Input
          maxLength={idType === 'id_card' || idType === 'uscc' ? 18 : 40}
          autoComplete="off"
          autoCapitalize="characters"
          style={{ fontFamily: 'monospace' }}
          data-testid={testId}
        />
      </Form.Item>
    </>
  );
}
