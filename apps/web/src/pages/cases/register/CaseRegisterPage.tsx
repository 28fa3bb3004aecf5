import { useNavigate } from 'react-router-dom';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CaseDetail, CaseSourceCode, GeoPointBody, RegisterCaseBody } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { Page } from '../../../components/Page.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useOrgTree } from '../../../lib/orgTree.ts';
import { LocationField } from '../../../map/LocationField.tsx';
import { OrgTreeSelect } from '../../staff/OfficerFields.tsx';
import { OffenceSearch } from '../components/OffenceSearch.tsx';
import { OfficerSelect } from '../components/OfficerSelect.tsx';
import { PARTY_DEFAULTS, PartyFields, toPartyBody, type PartyValues } from '../components/PartyFields.tsx';
import { RuleAlert } from '../components/RuleAlert.tsx';
import { OwnCredentialAlert } from '../components/OwnCredentialAlert.tsx';
import { FLAG_KEYS, type CheckKey } from '../detail/action-forms.ts';
import { withFlatFields } from '../field-names.ts';
import { toLegalDate } from '../format.ts';
import { sourceOptions } from '../labels.ts';
import { useCaseSubmit } from '../useCaseSubmit.ts';
import { bureauToday } from '../../../lib/bureauTime';

type RegisterValues = PartyValues & {
  source: CaseSourceCode;
  sourceRef?: string;
  date: Dayjs;
  discoveredOn: Dayjs;
  orgId: string;
  offenceCode: string;
  actDate: Dayjs;
  continuingUntil?: Dayjs | null;
  location: string;
  point?: GeoPointBody | null;
  facts: string;
  officerIds: string[];
  flags?: CheckKey[];
};

const opt = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/** 登记: an ordinary-procedure case from any source; filing (立案) is the next step on the case page. */
export default function CaseRegisterPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const orgs = useOrgTree();
  const [form] = Form.useForm<RegisterValues>();
  const orgId = Form.useWatch('orgId', form);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  const { submit, loading, ruleError, clearRuleError } = useCaseSubmit<RegisterValues, CaseDetail>(
    form,
    (v, idempotencyKey) => {
      const body: RegisterCaseBody = {
        date: toLegalDate(v.date),
        discoveredOn: toLegalDate(v.discoveredOn),
        source: v.source,
        sourceRef: opt(v.sourceRef),
        orgId: v.orgId,
        offenceCode: v.offenceCode,
        party: toPartyBody(v),
        act: { actDate: toLegalDate(v.actDate), continuingUntil: v.continuingUntil ? toLegalDate(v.continuingUntil) : undefined },
        location: v.location.trim(),
        point: v.point ?? undefined,
        facts: v.facts.trim(),
        officerIds: v.officerIds,
        flags: Object.fromEntries(FLAG_KEYS.map((k) => [k, (v.flags ?? []).includes(k)])),
      };
      return withFlatFields(casesApi.register(body, { idempotencyKey }));
    },
    { successMessage: t('case.registered'), onSuccess: (c) => navigate(`/cases/${c.id}`) },
  );

  return (
    <Page title={t('case.register')} testId="case-register-page">
      {/* Registration itself needs no 执法证 (the server takes it); the steps after filing do (A1). */}
      <OwnCredentialAlert blocking={false} />
      <Form<RegisterValues>
        form={form}
        name="caseRegister"
        layout="vertical"
        scrollToFirstError
        initialValues={{
          ...PARTY_DEFAULTS,
          source: 'patrol',
          date: bureauToday(),
          discoveredOn: bureauToday(),
          actDate: bureauToday(),
          orgId: me?.orgId,
          officerIds: me ? [me.id] : [],
          flags: ['factsCertain', 'legalBasisPresent'],
        }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<RegisterValues>) => {
          if (ruleError) clearRuleError();
          if (changed.orgId) form.setFieldsValue({ officerIds: [] });
        }}
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('case.registerSource')} style={{ marginBottom: 16 }}>
              <Form.Item name="source" label={t('case.source')} rules={[required(t('case.source'))]}>
                <Select options={sourceOptions(t)} data-testid="register-source" />
              </Form.Item>
              <Form.Item name="sourceRef" label={t('case.sourceRef')} rules={[{ max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="discoveredOn" label={t('case.discoveredOn')} rules={[required(t('case.discoveredOn'))]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="date" label={t('case.registeredOn')} rules={[required(t('case.registeredOn'))]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="orgId" label={t('case.squad')} rules={[required(t('case.squad'))]}>
                <OrgTreeSelect tree={orgs.data ?? []} testId="register-org" />
              </Form.Item>
              <Form.Item
                name="officerIds"
                label={t('case.handlingOfficers')}
                rules={[required(t('case.handlingOfficers'))]}
                extra={t('case.leadFirst')}
              >
                <OfficerSelect orgId={orgId} multiple testId="register-officers" />
              </Form.Item>
            </Card>
            <Card size="small" title={t('case.party')} style={{ marginBottom: 16 }}>
              <PartyFields />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('case.facts')} style={{ marginBottom: 16 }}>
              <Form.Item name="offenceCode" label={t('case.offence')} rules={[required(t('case.offence'))]}>
                <OffenceSearch placeholder={t('case.summary.offenceSearch')} testId="register-offence" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="actDate" label={t('case.actDate')} rules={[required(t('case.actDate'))]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="continuingUntil" label={t('case.continuingUntil')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="location" label={t('case.field.location')} rules={[required(t('case.field.location')), { max: 300 }]}>
                <Input maxLength={300} data-testid="register-location" />
              </Form.Item>
              <Form.Item name="point" label={t('map.field')}>
                <LocationField orgId={orgId} testId="register-point" />
              </Form.Item>
              <Form.Item name="facts" label={t('case.factsText')} rules={[required(t('case.factsText')), { max: 20000 }]}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="register-facts" />
              </Form.Item>
              <Form.Item name="flags" label={t('case.field.flags')}>
                <Checkbox.Group
                  style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 4 }}
                  options={FLAG_KEYS.map((k) => ({ value: k, label: t(`case.flag.${k}`) }))}
                />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <RuleAlert error={ruleError} onClose={clearRuleError} />
        <Button type="primary" htmlType="submit" loading={loading} data-testid="register-submit">
          {t('case.registerSubmit')}
        </Button>
      </Form>
    </Page>
  );
}
