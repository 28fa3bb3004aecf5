import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { PlanDetail } from '@chengguan/contracts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { planApi } from '../../api/random-inspections.ts';
import { errorText } from '../../api/errors.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { kindLabel, LEVEL_COLOR, levelLabel, STATUS_COLOR, statusLabel } from './labels.ts';

type Action = 'submit' | 'approve' | 'reopen' | 'draw';

export default function PlanPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const approver = can('inspection_plan:approve');
  const navigate = useNavigate();
  const plan = useLoad((signal) => planApi.get(id, signal), id);
  const [busy, setBusy] = useState<Action | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [quarterYear, setQuarterYear] = useState<number | null>(null);
  const p = plan.data;

  const run = async (action: Action) => {
    if (!p) return;
    setBusy(action);
    setRefusal(null);
    try {
      await planApi[action](p, { idempotencyKey: newIdempotencyKey() });
      plan.reload();
    } catch (e) {
      setRefusal(errorText(e, t, lang));
    } finally {
      setBusy(null);
    }
  };

  const makeQuarters = async () => {
    if (!p || !quarterYear) return;
    try {
      await planApi.quarterly(p.id, quarterYear, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('plan.quarterlyDone'));
      setQuarterYear(null);
      navigate('/inspection-plans');
    } catch (e) {
      void message.error(errorText(e, t, lang));
    }
  };

  const squadName = useMemo(() => new Map((p?.squads ?? []).map((s) => [s.id, s.name])), [p]);
  if (plan.error) return <Alert type="error" showIcon message={errorText(plan.error, t, lang)} />;
  if (!p) return <Card loading />;

  const levels = [...new Set(p.targetCounts.map((c) => c.level))];
  const poolRows = p.squads.map((s) => ({
    key: s.id,
    squad: s.name,
    ...Object.fromEntries(levels.map((l) => [l, p.targetCounts.find((c) => c.orgId === s.id && c.level === l)?.count ?? 0])),
    total: p.inspectorCounts.find((c) => c.orgId === s.id)?.total ?? 0,
    acting: p.inspectorCounts.find((c) => c.orgId === s.id)?.acting ?? 0,
  }));

  return (
    <Page
      title={
        <Space>
          {p.title}
          <Tag color={STATUS_COLOR[p.status]} data-testid="plan-status">
            {statusLabel(t, p.status)}
          </Tag>
        </Space>
      }
      testId="plan-page"
      extra={
        <>
          {p.can.edit && <Button onClick={() => navigate(`/inspection-plans/${p.id}/edit`)}>{t('plan.edit')}</Button>}
          {p.can.submit && (
            <Button type="primary" loading={busy === 'submit'} onClick={() => void run('submit')} data-testid="plan-submit">
              {t('plan.submit')}
            </Button>
          )}
          {approver && p.status === 'submitted' && (
            <Popconfirm
              title={t('plan.approveConfirm')}
              onConfirm={() => void run('approve')}
              okButtonProps={{ 'data-testid': 'plan-approve-ok' }}
            >
              <Button type="primary" loading={busy === 'approve'} data-testid="plan-approve">
                {t('plan.approve')}
              </Button>
            </Popconfirm>
          )}
          {approver && p.status === 'approved' && (
            <Popconfirm title={t('plan.drawConfirm')} onConfirm={() => void run('draw')} okButtonProps={{ 'data-testid': 'plan-draw-ok' }}>
              <Button type="primary" danger loading={busy === 'draw'} data-testid="plan-draw">
                {t('plan.draw')}
              </Button>
            </Popconfirm>
          )}
          {approver && (p.status === 'submitted' || p.status === 'approved') && (
            <Button loading={busy === 'reopen'} onClick={() => void run('reopen')} data-testid="plan-reopen">
              {t('plan.reopen')}
            </Button>
          )}
          {can('inspection_plan:write') && (
            <Button onClick={() => setQuarterYear(Number(p.periodFrom.slice(0, 4)) + 1)}>{t('plan.quarterly')}</Button>
          )}
          {(p.status === 'approved' || p.status === 'drawn') && (
            <Link to={`/draws/${p.id}`} target="_blank" data-testid="plan-public-link">
              {t('plan.publicPage')}
            </Link>
          )}
        </>
      }
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          style={{ marginBottom: 16 }}
          message={t('plan.refused')}
          description={refusal}
          data-testid="plan-refusal"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('plan.period')}>{`${p.periodFrom} ~ ${p.periodTo}`}</Descriptions.Item>
              <Descriptions.Item label={t('plan.drawDate')}>
                {p.drawDate} <Typography.Text type="secondary">{t('plan.drawDateHelp')}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.squads')}>{p.squads.map((s) => s.name).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('plan.kinds')}>
                {p.subjectKinds.map((k) => (
                  <Tag key={k}>{kindLabel(t, k)}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.levels')}>
                {p.riskLevels.length ? p.riskLevels.map((l) => levelLabel(t, l)).join('、') : t('plan.levelsAll')}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.matters')}>{p.matters.map((m) => `${m.nameZh}（${m.code}）`).join('；')}</Descriptions.Item>
              <Descriptions.Item label={t('plan.proportions')}>
                {p.proportions.map((x) => `${levelLabel(t, x.level)} ${x.basisPoints / 100}%`).join('；')}
                {p.proportionsDefault && <Typography.Text type="secondary">（{t('plan.proportionsDefault')}）</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.cap')}>{p.maxTargetsPerTeam ?? t('plan.capNone')}</Descriptions.Item>
              <Descriptions.Item label={t('plan.publishDays')}>{p.publishWithinWorkingDays}</Descriptions.Item>
              {p.publishBy && <Descriptions.Item label={t('plan.publishBy')}>{p.publishBy}</Descriptions.Item>}
              <Descriptions.Item label={t('plan.author')}>{p.createdBy.name}</Descriptions.Item>
              {p.approvedBy && (
                <Descriptions.Item
                  label={t('plan.approvedBy')}
                >{`${p.approvedBy.name} ${p.approvedAt?.slice(0, 10) ?? ''}`}</Descriptions.Item>
              )}
              {p.drawnBy && (
                <Descriptions.Item label={t('plan.drawnBy')}>{`${p.drawnBy.name} ${p.drawnAt?.slice(0, 10) ?? ''}`}</Descriptions.Item>
              )}
              {p.commitment && (
                <Descriptions.Item label={t('plan.commitment')}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="plan-commitment">
                    {p.commitment}
                  </Typography.Text>
                </Descriptions.Item>
              )}
              {p.inputDigest && (
                <Descriptions.Item label={t('plan.inputDigest')}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {p.inputDigest}
                  </Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {p.conflicts.length > 0 && (
            <Card size="small" title={t('plan.conflicts')} style={{ marginBottom: 16 }} data-testid="plan-conflicts">
              {p.conflicts.map((c) => (
                <div key={`${c.officerId}${c.subjectId}`}>
                  {c.officerName} — {c.subjectName || c.subjectId}：{c.reason}
                </div>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={`${t('plan.pool')}（${p.poolFrozen ? t('plan.poolFrozen') : t('plan.poolPreview')}）`}
            style={{ marginBottom: 16 }}
          >
            <Table
              size="small"
              pagination={false}
              dataSource={poolRows}
              data-testid="plan-pools"
              columns={[
                { title: t('plan.squads'), dataIndex: 'squad' },
                ...levels.map((l) => ({ title: <Tag color={LEVEL_COLOR[l]}>{levelLabel(t, l)}</Tag>, dataIndex: l })),
                { title: t('plan.inspectorTotal'), dataIndex: 'total' },
                { title: t('plan.inspectorActing'), dataIndex: 'acting' },
              ]}
            />
          </Card>
          {p.status === 'drawn' && (
            <Card size="small" title={t('plan.progress')} style={{ marginBottom: 16 }}>
              <Progress percent={p.progress.total ? Math.round((100 * p.progress.done) / p.progress.total) : 0} />
              {t('plan.progressText', { done: p.progress.done, total: p.progress.total })}
            </Card>
          )}
        </Col>
      </Row>
      <Card size="small" title={t('plan.teams')}>
        {p.teams.length === 0 ? (
          <Empty description={t('plan.noTeams')} />
        ) : (
          <Table
            size="small"
            rowKey="teamNo"
            dataSource={p.teams}
            pagination={{ pageSize: 20 }}
            data-testid="plan-teams"
            columns={[
              { title: t('plan.teams'), dataIndex: 'teamNo', width: 90, render: (n: number) => t('plan.team', { n }) },
              { title: t('plan.squads'), dataIndex: 'orgId', width: 140, render: (o: string) => squadName.get(o) ?? o },
              {
                title: t('plan.teamInspectors'),
                key: 'inspectors',
                width: 180,
                render: (_, team: PlanDetail['teams'][number]) => team.inspectors.map((i) => i.name).join('、'),
              },
              {
                title: t('plan.teamTargets'),
                key: 'targets',
                render: (_, team: PlanDetail['teams'][number]) => (
                  <Space wrap size={4}>
                    {team.targets.map((x) => (
                      <Tag key={x.subjectId} color={LEVEL_COLOR[x.level]}>
                        {x.name || x.subjectId}
                        {x.taskStatus ? ` · ${t(`plan.task.${x.taskStatus}` as MessageKey)}` : ''}
                      </Tag>
                    ))}
                    {team.targetCount > team.targets.length && (
                      <Typography.Text type="secondary">{t('plan.teamMore', { n: team.targetCount })}</Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal open={quarterYear !== null} title={t('plan.quarterly')} onCancel={() => setQuarterYear(null)} onOk={() => void makeQuarters()}>
        <Space direction="vertical">
          {t('plan.quarterlyYear')}
          <InputNumber min={2000} max={2999} value={quarterYear} onChange={(v) => setQuarterYear(typeof v === 'number' ? v : null)} />
        </Space>
      </Modal>
    </Page>
  );
}
