import { Descriptions, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CaseDetail, CaseOfficer, PenaltyBody } from '@chengguan/contracts';
import { useI18n, type Translate } from '../../../i18n/i18n.tsx';
import { CredentialStatusTag } from '../../staff/CredentialStatusTag.tsx';
import { CasePlace } from '../../../map/CasePlace.tsx';
import { formatFen } from '../format.ts';
import { outcomeLabel, partyTypeLabel, idTypeLabel, penaltyLabel, sourceLabel } from '../labels.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { SourceTicketLink } from '../../tickets/SourceTicketLink.tsx';

export function penaltyText(t: Translate, p: PenaltyBody | null | undefined): string {
  if (!p) return '—';
  const parts = p.penalties.map((x) =>
    x === 'fine' && p.fineFen !== undefined ? `${penaltyLabel(t, x)} ${formatFen(p.fineFen)}` : penaltyLabel(t, x),
  );
  if (p.confiscationFen !== undefined) parts.push(`${t('case.confiscationYuan')} ${formatFen(p.confiscationFen)}`);
  return parts.join('；');
}

const VISIT_REF = /^检查记录 ([0-9a-f-]{36})$/;

/** The source's reference; a case registered from an inspection visit links to the visit's result. */
function SourceRef({ source, sourceRef }: { source: string; sourceRef: string | null }) {
  const { t } = useI18n();
  if (!sourceRef) return null;
  const visit = source === 'inspection' ? VISIT_REF.exec(sourceRef) : null;
  if (!visit) return <>{`（${sourceRef}）`}</>;
  return (
    <>
      （
      <Link to={`/inspection-visits/${visit[1]}`} data-testid="case-source-visit">
        {t('insp.case.fromVisit')}
      </Link>
      ）
    </>
  );
}

/** 概况: the facts, the party, the act, the handling officers, the proposal and the decision. */
export function OverviewTab({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const d = detail;
  const p = d.party;
  const dash = (v: string | null | undefined) => v ?? '—';
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        title={t('case.facts')}
        style={{ marginBottom: 16 }}
      >
        <Descriptions.Item label={t('case.source')}>
          {sourceLabel(t, d.source)}
          <SourceRef source={d.source} sourceRef={d.sourceRef} />
          <SourceTicketLink caseId={d.id} source={d.source} />
        </Descriptions.Item>
        <Descriptions.Item label={t('case.field.location')}>{d.location}</Descriptions.Item>
        <Descriptions.Item label={t('case.actDate')}>
          {d.act.actDate}
          {d.act.continuingUntil ? ` — ${d.act.continuingUntil}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.discoveredOn')}>{dash(d.dates.discoveredOn)}</Descriptions.Item>
        <Descriptions.Item label={t('case.filedOn')}>{dash(d.dates.filedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('case.decidedOn')}>{dash(d.dates.decidedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('case.provision')} span="filled">
          {d.offence.provision}
        </Descriptions.Item>
        {d.lawBasis && (
          <Descriptions.Item label={t('case.lawBasis.title')} span="filled">
            <div data-testid="case-law-basis" data-printable={String(d.lawBasis.printable)}>
              <div>{d.lawBasis.violatedProvision}</div>
              <div>{d.lawBasis.penaltyProvision}</div>
              <Typography.Text type={d.lawBasis.printable ? 'secondary' : 'danger'} data-testid="case-law-basis-status">
                {d.lawBasis.confirmation
                  ? t('case.lawBasis.confirmed', {
                      name: d.lawBasis.confirmation.reviewerName ?? '',
                      date: d.lawBasis.confirmation.confirmedOn,
                    })
                  : d.lawBasis.printable
                    ? t('case.lawBasis.verified')
                    : t('case.lawBasis.unverified')}
              </Typography.Text>
            </div>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('case.factsText')} span="filled">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="case-facts">
            {d.facts}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      <CasePlace point={d.point} />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        title={t('case.party')}
        style={{ marginBottom: 16 }}
      >
        <Descriptions.Item label={t('case.partyName')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('case.partyType')}>{partyTypeLabel(t, p.type)}</Descriptions.Item>
        <Descriptions.Item label={idTypeLabel(t, p.idType)}>{p.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('case.birthDate')}>{dash(p.birthDate)}</Descriptions.Item>
        <Descriptions.Item label={t('case.phone')}>{dash(p.phone)}</Descriptions.Item>
        <Descriptions.Item label={t('case.address')}>{dash(p.address)}</Descriptions.Item>
        {p.type !== 'natural_person' && (
          <Descriptions.Item label={t('case.legalRepresentative')}>{dash(p.legalRepresentative)}</Descriptions.Item>
        )}
      </Descriptions>
      {(d.proposal || d.decision || d.summary) && (
        <Descriptions size="small" bordered column={1} title={t('case.penaltyTitle')} style={{ marginBottom: 16 }}>
          {d.proposal && (
            <Descriptions.Item label={t('case.proposal')}>
              {outcomeLabel(t, d.proposal.outcome)} · {penaltyText(t, d.proposal.penalty)}
            </Descriptions.Item>
          )}
          {d.decision && (
            <Descriptions.Item label={t('case.decision')}>
              <span data-testid="case-decision">
                {d.decision.number ? `${d.decision.number} · ` : ''}
                {outcomeLabel(t, d.decision.outcome)} · {penaltyText(t, d.decision.penalty)}（{d.decision.decidedOn}）
              </span>
            </Descriptions.Item>
          )}
          {d.summary && <Descriptions.Item label={t('case.remedy')}>{d.summary.remedyText}</Descriptions.Item>}
          <Descriptions.Item label={t('case.paid')}>{formatFen(d.paidFen)}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Title level={5}>{t('case.officers')}</Typography.Title>
      <DataTable<CaseOfficer>
        rowKey="officerId"
        size="small"
        pagination={false}
        dataSource={d.officers}
        data-testid="case-officers"
        columns={[
          { title: t('officer.name'), dataIndex: 'name' },
          { title: t('case.officerRole'), dataIndex: 'role', render: (r: CaseOfficer['role']) => t(`case.officerRole.${r}`) },
          { title: t('credential.number'), dataIndex: 'credentialNumber', render: (n: string | null) => n ?? '—' },
          {
            title: t('officer.credentialStatus'),
            dataIndex: 'credentialStatus',
            render: (s: CaseOfficer['credentialStatus']) => <CredentialStatusTag status={s} />,
          },
        ]}
      />
    </>
  );
}
