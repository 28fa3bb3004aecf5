import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import type { PortalAction, PortalCase, PortalDeadline } from '@chengguan/contracts';
import { portalApi } from '../../api/portal.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { StatementCard, HearingCard } from './PortalActions.tsx';
import { ConsentCard } from './ConsentCard.tsx';
import { PaymentCard } from './PaymentCard.tsx';
import { formatFen } from '../cases/format.ts';
import { citationText } from '../../components/Citation.tsx';

export type PortalViewProps = { data: PortalCase; onChange: (c: PortalCase) => void; onError: (e: unknown) => void };

export const yuan = formatFen;

/** Why the portal does not take the act today (rule and date in plain words). */
export function NotAllowed({ action }: { action: PortalAction }) {
  const { t } = useI18n();
  return <Alert type="warning" showIcon message={t('portal.notAllowed')} description={action.reason} data-testid="portal-not-allowed" />;
}

function DeadlineRow({ d }: { d: PortalDeadline }) {
  const { t } = useI18n();
  const status =
    d.state === 'done' ? (
      <Tag color="green">{t('portal.deadlines.done', { date: d.doneOn ?? '' })}</Tag>
    ) : d.state === 'passed' ? (
      <Tag color="red">{t('portal.deadlines.passed')}</Tag>
    ) : d.daysLeft === 0 ? (
      <Tag color="orange">{t('portal.deadlines.today')}</Tag>
    ) : (
      <Tag color={d.daysLeft <= 3 ? 'orange' : 'blue'}>{t('portal.deadlines.daysLeft', { n: d.daysLeft })}</Tag>
    );
  return (
    <List.Item data-testid={`portal-deadline-${d.kind}`}>
      <div style={{ width: '100%' }}>
        <div className="portal-deadline">
          <div>
            <Typography.Text strong>{d.titleZh}</Typography.Text>
            <div>{t('portal.deadlines.due', { date: d.dueDate })}</div>
          </div>
          <span className="portal-deadline-days">{status}</span>
        </div>
        {d.surchargeFen ? (
          <Typography.Text type="danger">{t('portal.deadlines.surcharge', { amount: yuan(d.surchargeFen) })}</Typography.Text>
        ) : null}
        <div className="portal-basis">
          {d.text}（{citationText(d.articles, 'zh-CN')}）
        </div>
      </div>
    </List.Item>
  );
}

export function PortalCaseView({ data, onChange, onError }: PortalViewProps) {
  const { t } = useI18n();
  return (
    <>
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('portal.case.agency')}>{data.agencyName}</Descriptions.Item>
          {data.caseNumber && <Descriptions.Item label={t('portal.case.number')}>{data.caseNumber}</Descriptions.Item>}
          <Descriptions.Item label={t('portal.case.state')}>
            <Typography.Text strong data-testid="portal-state">
              {data.stateText}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.case.offence')}>{data.offenceName}</Descriptions.Item>
          <Descriptions.Item label={t('portal.case.location')}>{data.location}</Descriptions.Item>
          <Descriptions.Item label={t('portal.case.facts')}>{data.facts}</Descriptions.Item>
          {data.proposedPenaltyText && <Descriptions.Item label={t('portal.case.proposed')}>{data.proposedPenaltyText}</Descriptions.Item>}
          {data.decision && (
            <Descriptions.Item label={t('portal.case.decision')}>
              {data.decision.outcomeText}：{data.decision.penaltyText}（{t('portal.case.decidedOn')} {data.decision.decidedOn}
              {data.decision.servedOn ? `，${t('portal.case.servedOn')} ${data.decision.servedOn}` : ''}）
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('portal.case.documentNumbers')}>
            <Space direction="vertical" size={0}>
              {data.documentNumbers.map((n) => (
                <span key={n}>{n}</span>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('portal.sessionNote')}
        </Typography.Text>
      </Card>

      <Card size="small" title={t('portal.deadlines.title')} data-testid="portal-deadlines">
        {data.deadlines.length === 0 ? (
          <Typography.Text type="secondary">{t('portal.deadlines.none')}</Typography.Text>
        ) : (
          <List size="small" dataSource={data.deadlines} renderItem={(d) => <DeadlineRow d={d} />} />
        )}
      </Card>

      <StatementCard data={data} onChange={onChange} onError={onError} />
      <HearingCard data={data} onChange={onChange} onError={onError} />
      <PaymentCard data={data} onChange={onChange} onError={onError} />
      <ConsentCard data={data} onChange={onChange} onError={onError} />

      {data.evidence.length > 0 && (
        <Card size="small" title={t('portal.evidence.title')} data-testid="portal-evidence">
          <Typography.Paragraph type="secondary">{t('portal.evidence.hint')}</Typography.Paragraph>
          <Space wrap>
            {data.evidence.map((e) =>
              e.mime.startsWith('video/') ? (
                <video key={e.id} src={portalApi.evidenceUrl(e.id)} controls width={240} title={e.title} />
              ) : (
                <a key={e.id} href={portalApi.evidenceUrl(e.id)} target="_blank" rel="noreferrer" title={e.title}>
                  <img src={portalApi.evidenceUrl(e.id)} alt={e.title} width={160} height={120} style={{ objectFit: 'cover' }} />
                </a>
              ),
            )}
          </Space>
        </Card>
      )}

      <Card size="small" title={t('portal.documents.title')}>
        {data.documents.length === 0 ? (
          <Typography.Text type="secondary">{t('portal.documents.none')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={data.documents}
            renderItem={(d) => (
              <List.Item
                actions={[
                  d.hasPdf ? (
                    <Button key="open" type="link" size="small" href={portalApi.documentUrl(d.id)} target="_blank" rel="noreferrer">
                      {t('portal.documents.download')}
                    </Button>
                  ) : (
                    <Typography.Text key="none" type="secondary" style={{ fontSize: 12 }}>
                      {t('portal.documents.noPdf')}
                    </Typography.Text>
                  ),
                ]}
              >
                <List.Item.Meta title={d.title} description={`${d.number ?? ''} ${d.issuedOn}`} />
              </List.Item>
            )}
          />
        )}
      </Card>

      {data.submissions.length > 0 && (
        <Card size="small" title={t('portal.submissions.title')}>
          <List
            size="small"
            dataSource={data.submissions}
            renderItem={(s) => (
              <List.Item>
                <List.Item.Meta
                  title={`${t(`portal.submission.${s.kind}` as MessageKey)} · ${s.legalDate}`}
                  description={<span style={{ whiteSpace: 'pre-wrap' }}>{s.content}</span>}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
