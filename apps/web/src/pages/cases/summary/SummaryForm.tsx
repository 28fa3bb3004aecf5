import { useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CaseDetail, GeoPointBody, Offence, SummaryCaseBody, SummaryDraftBody } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { LocationField } from '../../../map/LocationField.tsx';
import { FileUpload } from '../components/FileUpload.tsx';
import { OffenceSearch } from '../components/OffenceSearch.tsx';
import { OfficerSelect } from '../components/OfficerSelect.tsx';
import { PARTY_DEFAULTS, PartyFields, toPartyBody, type PartyValues } from '../components/PartyFields.tsx';
import { RuleAlert } from '../components/RuleAlert.tsx';
import { OwnCredentialAlert, useOwnCredential } from '../components/OwnCredentialAlert.tsx';
import { PartyScanButton } from './PartyScanButton.tsx';
import { DECISION_DEFAULTS, SummaryDecisionFields, toDecisionParts, type DecisionValues } from './SummaryDecisionFields.tsx';
import { flatFieldOf, withFlatFields } from '../field-names.ts';
import { formatFen, toLegalDate } from '../format.ts';
import { useCaseSubmit } from '../useCaseSubmit.ts';
import { bureauToday } from '../../../lib/bureauTime';

type SummaryValues = PartyValues &
  DecisionValues & {
    offenceCode: string;
    date: Dayjs;
    location: string;
    point?: GeoPointBody | null;
    facts: string;
    photos?: string[];
    secondOfficerId: string;
    factsCertain: boolean;
    legalBasisPresent: boolean;
    correctionOrdered?: boolean;
    refusedToCorrect?: boolean;
  };

/** E12: the offence's law is marked 未核实 — the ticket waits, as a draft, for the legal reviewer's confirmation. */
const isUnverifiedLawRefusal = (rule: string | undefined) => (rule ?? '').split(' ')[0] === 'E12';

const renameSummaryField = (f: string) => {
  const flat = flatFieldOf(f);
  return flat === 'officerIds' ? 'secondOfficerId' : flat === 'flags' ? 'factsCertain' : flat;
};

function Section({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={`${n}. ${title}`} styles={{ body: { paddingBottom: 0 } }}>
      {children}
    </Card>
  );
}

/**
 * 当场处罚 in one flow, made for a phone: offence, party, facts and photos, the second officer, the fine, submit.
 * Whether the summary procedure applies (B1), whether the team may act (A1) and the decision's number (B2) and
 * remedy text (B3) are the server's: a refusal comes back with its rule and is shown above the submit button.
 */
export function SummaryForm({ onIssued }: { onIssued: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const ownCred = useOwnCredential();
  const [form] = Form.useForm<SummaryValues>();
  const [offence, setOffence] = useState<Offence | undefined>();
  const alertRef = useRef<HTMLDivElement>(null);

  const navigate = useNavigate();
  const draftBody = (v: SummaryValues): SummaryDraftBody => {
    const date = toLegalDate(v.date);
    return {
      date,
      actDate: date,
      offenceCode: v.offenceCode,
      party: toPartyBody(v),
      location: v.location.trim(),
      point: v.point ?? undefined,
      facts: v.facts.trim(),
      photos: v.photos ?? [],
      officerIds: me ? [me.id, v.secondOfficerId] : [v.secondOfficerId],
      flags: {
        factsCertain: v.factsCertain,
        legalBasisPresent: v.legalBasisPresent,
        correctionOrdered: !!v.correctionOrdered,
        refusedToCorrect: !!v.refusedToCorrect,
      },
    };
  };
  const scrollToAlert = () => window.setTimeout(() => alertRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 50);

  const { submit, loading, ruleError, clearRuleError } = useCaseSubmit<SummaryValues, CaseDetail>(
    form,
    async (v, idempotencyKey) => {
      const body: SummaryCaseBody = { ...draftBody(v), ...toDecisionParts(v) };
      try {
        return await withFlatFields(casesApi.summary(body, { idempotencyKey }), renameSummaryField);
      } catch (e) {
        scrollToAlert();
        throw e;
      }
    },
    { successMessage: t('case.summary.issued'), onSuccess: onIssued },
  );
  // The way on unverified law: the same registration and photos as a draft; the decision is taken on the case page
  // once the legal reviewer has confirmed the article for this case.
  const draft = useCaseSubmit<SummaryValues, CaseDetail>(
    form,
    async (v, idempotencyKey) => {
      try {
        return await withFlatFields(casesApi.summaryDraft(draftBody(v), { idempotencyKey }), renameSummaryField);
      } catch (e) {
        scrollToAlert();
        throw e;
      }
    },
    { successMessage: t('case.summary.draftSaved'), onSuccess: (c) => navigate(`/cases/${c.id}`) },
  );
  const unverifiedLaw = isUnverifiedLawRefusal(ruleError?.body.rule);

  const range =
    offence && offence.minFineFen !== null && offence.maxFineFen !== null
      ? `${formatFen(offence.minFineFen)} – ${formatFen(offence.maxFineFen)}`
      : null;

  return (
    <Form<SummaryValues>
      form={form}
      name="summary"
      layout="vertical"
      size="large"
      // The server refuses a ticket from an officer without a valid 执法证 (A1): the form waits, the alert says why.
      disabled={ownCred !== null && !ownCred.canAct}
      scrollToFirstError
      initialValues={{
        ...PARTY_DEFAULTS,
        ...DECISION_DEFAULTS,
        date: bureauToday(),
        factsCertain: true,
        legalBasisPresent: true,
      }}
      onFinish={(v) => void submit(v)}
      onValuesChange={() => {
        if (ruleError) clearRuleError();
        if (draft.ruleError) draft.clearRuleError();
      }}
      data-testid="summary-form"
    >
      <OwnCredentialAlert blocking />
      <Section n={1} title={t('case.summary.offence')}>
        <Form.Item name="offenceCode" rules={[{ required: true, message: t('common.required', { field: t('case.offence') }) }]}>
          <OffenceSearch placeholder={t('case.summary.offenceSearch')} onPicked={setOffence} size="large" />
        </Form.Item>
        {offence && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }} data-testid="summary-offence-info">
            {offence.penaltyProvision}
            {range && (
              <>
                <br />
                {t('case.statutoryRange')}：{range}
              </>
            )}
          </Typography.Paragraph>
        )}
      </Section>
      <Section n={2} title={t('case.party')}>
        <PartyScanButton />
        <PartyFields compact />
      </Section>
      <Section n={3} title={t('case.summary.factsAndPhotos')}>
        <Form.Item name="date" label={t('case.summary.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly allowClear={false} />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('case.field.location')}
          rules={[{ required: true, whitespace: true, max: 300, message: t('common.required', { field: t('case.field.location') }) }]}
        >
          <Input maxLength={300} data-testid="summary-location" />
        </Form.Item>
        <Form.Item name="point" label={t('map.field')}>
          <LocationField orgId={me?.orgId} testId="summary-point" />
        </Form.Item>
        <Form.Item
          name="facts"
          label={t('case.factsText')}
          rules={[{ required: true, whitespace: true, max: 5000, message: t('common.required', { field: t('case.factsText') }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} data-testid="summary-facts" />
        </Form.Item>
        <Form.Item name="photos" label={t('case.summary.photos')}>
          <FileUpload multiple accept="image/*,video/*" testId="summary-photos" />
        </Form.Item>
      </Section>
      <Section n={4} title={t('case.summary.officers')}>
        <Form.Item label={t('case.summary.me')}>
          <Typography.Text strong>{me?.name}</Typography.Text>
        </Form.Item>
        <Form.Item
          name="secondOfficerId"
          label={t('case.summary.secondOfficer')}
          rules={[{ required: true, message: t('case.summary.secondOfficerRule') }]}
          extra={t('case.summary.twoOfficers')}
        >
          <OfficerSelect orgId={me?.orgId} exclude={me ? [me.id] : []} testId="summary-second-officer" />
        </Form.Item>
      </Section>
      <Section n={5} title={t('case.summary.penalty')}>
        <SummaryDecisionFields>
          <Space direction="vertical" style={{ marginBottom: 16 }}>
            <Form.Item name="factsCertain" valuePropName="checked" noStyle>
              <Checkbox>{t('case.flag.factsCertain')}</Checkbox>
            </Form.Item>
            <Form.Item name="legalBasisPresent" valuePropName="checked" noStyle>
              <Checkbox>{t('case.flag.legalBasisPresent')}</Checkbox>
            </Form.Item>
            {/* The offence's norm reads 「责令改正；拒不改正的，处…」: the officer records both facts (rule E10 is the server's). */}
            {offence?.finesOnlyAfterRefusal &&
              (['correctionOrdered', 'refusedToCorrect'] as const).map((k) => (
                <Form.Item key={k} name={k} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`summary-${k}`}>{t(`case.flag.${k}`)}</Checkbox>
                </Form.Item>
              ))}
          </Space>
        </SummaryDecisionFields>
      </Section>
      <div ref={alertRef}>
        <RuleAlert error={ruleError} onClose={clearRuleError} />
        <RuleAlert error={draft.ruleError} onClose={draft.clearRuleError} />
        {unverifiedLaw && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('case.summary.draftTitle')}
            data-testid="summary-draft-offer"
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 8 }}>{t('case.summary.draftHint')}</Typography.Paragraph>
                <Button
                  type="primary"
                  block
                  loading={draft.loading}
                  onClick={() =>
                    void form.validateFields().then(
                      (v) => draft.submit(v),
                      () => undefined,
                    )
                  }
                  data-testid="summary-save-draft"
                >
                  {t('case.summary.saveDraft')}
                </Button>
              </>
            }
          />
        )}
      </div>
      <div style={{ position: 'sticky', bottom: 0, background: '#f5f5f5', padding: '8px 0', zIndex: 2 }}>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={loading}
          disabled={ownCred !== null && !ownCred.canAct}
          data-testid="summary-submit"
        >
          {t('case.summary.submit')}
        </Button>
      </div>
    </Form>
  );
}
