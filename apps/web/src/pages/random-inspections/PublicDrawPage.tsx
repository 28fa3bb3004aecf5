import { useMemo } from 'react';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import type { PublicDraw } from '@chengguan/contracts';
import { checkPublishedDraw, type DrawCheck, type PublishedDrawChecks } from '@chengguan/domain';
import { planApi } from '../../api/random-inspections.ts';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { levelLabel, LEVEL_COLOR } from './labels.ts';
import { PublicFrame } from '../portal/PublicFrame.tsx';

function CheckLine({ label, check, note, testId }: { label: string; check: DrawCheck; note?: string | null; testId: string }) {
  const { t } = useI18n();
  const icon =
    check === 'consistent' ? (
      <CheckCircleFilled style={{ color: '#389e0d' }} />
    ) : check === 'inconsistent' ? (
      <CloseCircleFilled style={{ color: '#cf1322' }} />
    ) : (
      <ClockCircleOutlined />
    );
  return (
    <div data-testid={testId} data-check={check} style={{ padding: '6px 0' }}>
      <Space align="start">
        {icon}
        <span>{label}：</span>
        <Typography.Text strong type={check === 'inconsistent' ? 'danger' : undefined}>
          {t(`draw.${check}` as MessageKey)}
        </Typography.Text>
      </Space>
      {note && (
        <div style={{ marginLeft: 22 }}>
          <Typography.Text type="danger">{note}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** 双随机 公开: the published record of a draw, re-checked in the browser (no login). */
export default function PublicDrawPage() {
  const { planId = '' } = useParams();
  const { t, lang } = useI18n();
  const draw = useLoad((signal) => planApi.publicDraw(planId, signal), planId);
  const d: PublicDraw | undefined = draw.data;
  // Recomputed here from the published data alone: the input digest, the seed against the commitment, the draw.
  const checks: PublishedDrawChecks | null = useMemo(() => (d ? checkPublishedDraw(d) : null), [d]);
  const areaName = useMemo(() => new Map((d?.areas ?? []).map((a) => [a.code, a.name])), [d]);
  const levelCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const x of d?.targets ?? []) m.set(x.level, (m.get(x.level) ?? 0) + 1);
    return [...m];
  }, [d]);

  const seedNote =
    checks?.seed === 'inconsistent' ? (checks.seedReason === 'mismatch' ? t('draw.seedMismatch') : t('draw.seedFormat')) : null;

  return (
    <PublicFrame title={t('draw.publicTitle')} testId="draw-public">
      <Typography.Paragraph type="secondary">{t('draw.publicIntro')}</Typography.Paragraph>
      {draw.error ? (
        <Alert
          type="error"
          showIcon
          message={draw.error instanceof ApiError && draw.error.status === 404 ? t('draw.notFound') : errorText(draw.error, t, lang)}
        />
      ) : null}
      {draw.loading && !d ? <Spin style={{ display: 'block', margin: 24 }} /> : null}
      {d && checks && (
        <>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('plan.title')}>{d.title}</Descriptions.Item>
              <Descriptions.Item label={t('draw.bureau')}>{d.bureauName}</Descriptions.Item>
              <Descriptions.Item label={t('plan.period')}>{`${d.periodFrom} ~ ${d.periodTo}`}</Descriptions.Item>
              <Descriptions.Item label={t('plan.drawDate')}>{d.drawDate}</Descriptions.Item>
              <Descriptions.Item label={t('plan.matters')}>{d.matters.map((m) => m.nameZh).join('；')}</Descriptions.Item>
              <Descriptions.Item label={t('plan.proportions')}>
                {d.proportions.map((p) => `${levelLabel(t, p.level)} ${p.basisPoints / 100}%`).join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.cap')}>{d.maxTargetsPerTeam ?? t('plan.capNone')}</Descriptions.Item>
              {d.publishBy && <Descriptions.Item label={t('plan.publishBy')}>{d.publishBy}</Descriptions.Item>}
              <Descriptions.Item label={t('plan.commitment')}>
                <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="draw-commitment">
                  {d.commitment}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.inputDigest')}>
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {d.inputDigest}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('draw.seed')}>
                {d.seedHex ? (
                  <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="draw-seed">
                    {d.seedHex}
                  </Typography.Text>
                ) : (
                  t('draw.notYet')
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('draw.checks')} data-testid="draw-checks">
            <CheckLine label={t('draw.check.inputDigest')} check={checks.inputDigest} testId="check-input-digest" />
            <CheckLine label={t('draw.check.seed')} check={checks.seed} note={seedNote} testId="check-seed" />
            <CheckLine
              label={t('draw.check.result')}
              check={checks.result}
              note={checks.recomputeError ? t('draw.recomputeError', { reason: checks.recomputeError }) : null}
              testId="check-result"
            />
          </Card>
          {d.result && (
            <Card size="small" title={t('draw.result')}>
              <Table
                size="small"
                rowKey="teamNo"
                dataSource={d.result.teams}
                pagination={{ pageSize: 20, simple: true }}
                data-testid="draw-result"
                columns={[
                  { title: t('plan.teams'), dataIndex: 'teamNo', width: 80, render: (n: number) => t('plan.team', { n }) },
                  { title: t('draw.area'), dataIndex: 'area', width: 120, render: (a: string) => areaName.get(a) ?? a },
                  { title: t('draw.inspectorId'), dataIndex: 'inspectorIds', render: (ids: string[]) => ids.join('、') },
                  { title: t('draw.targetId'), dataIndex: 'targetIds', render: (ids: string[]) => ids.join('、') },
                ]}
              />
            </Card>
          )}
          {d.results && (
            <Card size="small" title={t('draw.results')} data-testid="draw-results">
              <Typography.Paragraph data-testid="draw-results-counts">
                {t('draw.resultsCounts', { total: d.results.total, done: d.results.done, notDone: d.results.notDone })}
                {d.results.publishedLate > 0 && d.publishBy ? (
                  <Typography.Text type="warning">
                    {'；'}
                    {t('draw.resultsLate', { n: d.results.publishedLate, date: d.publishBy })}
                  </Typography.Text>
                ) : null}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="id"
                dataSource={d.results.items}
                pagination={{ pageSize: 20, simple: true }}
                locale={{ emptyText: t('draw.resultsNone') }}
                data-testid="draw-results-table"
                onRow={(r) => ({ 'data-testid': `draw-result-${r.id}` }) as never}
                columns={[
                  { title: t('draw.targetId'), dataIndex: 'id' },
                  { title: t('draw.visitedOn'), dataIndex: 'visitedOn', width: 110 },
                  {
                    title: t('draw.outcome'),
                    dataIndex: 'outcome',
                    width: 100,
                    render: (o: string) => (
                      <Tag color={o === 'passed' ? 'green' : o === 'failed' ? 'red' : 'orange'}>{t(`draw.outcome.${o}` as MessageKey)}</Tag>
                    ),
                  },
                  { title: t('draw.failedItems'), dataIndex: 'failedItems', render: (xs: string[]) => xs.join('；') },
                  { title: t('draw.publishedOn'), dataIndex: 'publishedOn', width: 110 },
                  {
                    title: t('draw.withinPeriod'),
                    dataIndex: 'withinPeriod',
                    width: 100,
                    render: (ok: boolean) =>
                      ok ? <Tag color="green">{t('draw.inTime')}</Tag> : <Tag color="orange">{t('draw.late')}</Tag>,
                  },
                ]}
              />
            </Card>
          )}
          <Card size="small" title={`${t('draw.targets')}（${d.targets.length}）`}>
            <Space wrap>
              {t('draw.levelCounts')}：
              {levelCounts.map(([l, n]) => (
                <Tag key={l} color={LEVEL_COLOR[l]}>
                  {levelLabel(t, l)} {n}
                </Tag>
              ))}
            </Space>
          </Card>
          <Card size="small" title={`${t('draw.inspectors')}（${d.inspectors.length}）`}>
            <Table
              size="small"
              rowKey="id"
              dataSource={d.inspectors}
              pagination={{ pageSize: 10, simple: true }}
              columns={[
                { title: t('draw.inspectorId'), dataIndex: 'id' },
                { title: t('draw.area'), dataIndex: 'area', render: (a: string) => areaName.get(a) ?? a },
                {
                  title: '',
                  dataIndex: 'acting',
                  render: (a: boolean) => (a ? <Tag color="green">{t('draw.acting')}</Tag> : <Tag>{t('draw.notActing')}</Tag>),
                },
              ]}
            />
            {d.conflicts.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('draw.conflicts')}：{d.conflicts.length}
              </Typography.Paragraph>
            )}
          </Card>
        </>
      )}
    </PublicFrame>
  );
}
