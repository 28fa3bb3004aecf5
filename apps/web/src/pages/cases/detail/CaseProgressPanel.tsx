import { Alert, Card, Col, Flex, Progress, Row, Steps, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import type { CaseDetail, CaseProgress } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { actionLabel } from '../labels.ts';

type Clock = CaseProgress['clocks'][number];
type Need = CaseProgress['stillNeeded'][number];

const STEP_STATUS = { done: 'finish', current: 'process', upcoming: 'wait', skipped: 'wait' } as const;

/** The citation in the Chinese form; the rule ID (and the guard's own words) only on hover. */
function Citation({ citation, ruleId, details }: { citation: Need['citation']; ruleId: string; details?: readonly string[] }) {
  const { t } = useI18n();
  if (!citation) return null;
  const tip = [t('progress.needs.rule', { id: ruleId }), ...(details ?? [])].join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tip}</span>}>
      <Typography.Text type="secondary" data-testid="progress-citation" data-rule={ruleId} style={{ fontSize: 12 }}>
        {citation.zh}
      </Typography.Text>
    </Tooltip>
  );
}

function ClockRow({ c }: { c: Clock }) {
  const { t, lang } = useI18n();
  const unit = t(`progress.unit.${c.unit}`);
  const overdue = c.state === 'overdue';
  const status =
    c.state === 'paused'
      ? t('progress.clock.paused')
      : overdue
        ? t('progress.clock.overdue', { n: -c.remaining, unit })
        : c.remaining === 0
          ? t('progress.clock.lastDay')
          : t('progress.clock.left', { n: c.remaining, unit });
  const percent =
    c.total && c.elapsed !== null && c.total > 0 ? Math.min(100, Math.max(0, Math.round((c.elapsed / c.total) * 100))) : overdue ? 100 : 0;
  return (
    <div data-testid={`progress-clock-${c.kind}`} data-state={c.state} data-remaining={c.remaining}>
      <Flex justify="space-between" wrap gap={4}>
        <span>
          <Typography.Text strong>{lang.startsWith('en') ? c.labelEn : c.labelZh}</Typography.Text>{' '}
          <Tag bordered={false}>{t(c.holder === 'party' ? 'progress.clock.party' : 'progress.clock.agency')}</Tag>
        </span>
        <Typography.Text type={overdue ? 'danger' : c.remaining <= 1 ? 'warning' : undefined}>
          {c.state === 'paused' ? <PauseCircleOutlined /> : <ClockCircleOutlined />} {status}
        </Typography.Text>
      </Flex>
      {c.total !== null && (
        <Progress
          percent={percent}
          size="small"
          showInfo={false}
          status={overdue ? 'exception' : c.state === 'paused' ? 'normal' : 'active'}
        />
      )}
      <Flex justify="space-between" wrap gap={4} style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.total !== null && c.elapsed !== null
            ? `${t('progress.clock.used', { elapsed: Math.max(0, c.elapsed), total: c.total, unit })}，`
            : ''}
          {t('progress.clock.due', { date: c.dueDate })}
        </Typography.Text>
        <Citation citation={c.citation} ruleId={c.ruleId} />
      </Flex>
    </div>
  );
}

/**
 * Where the case stands, as the server computed it: the procedure's stages with the day each was reached, the clocks
 * that run now, and 「还需完成」 — one sentence per rule with its citation. Nothing here is derived in the console.
 */
export function CaseProgressPanel({ detail }: { detail: CaseDetail }) {
  const { t, lang } = useI18n();
  const en = lang.startsWith('en');
  const p = detail.progress;
  return (
    <Card size="small" title={t('progress.title')} style={{ marginBottom: 16 }} data-testid="case-progress" data-current={p.current ?? ''}>
      {p.offPath && (
        <Alert
          type={p.offPath.ended ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={t('progress.offPath', { label: en ? p.offPath.labelEn : p.offPath.labelZh })}
          data-testid="progress-off-path"
        />
      )}
      <Steps
        size="small"
        progressDot
        current={Math.max(
          0,
          p.stages.findIndex((s) => s.status === 'current'),
        )}
        items={p.stages.map((s) => ({
          title: (
            <span data-testid={`progress-stage-${s.stage}`} data-status={s.status}>
              {en ? s.labelEn : s.labelZh}
            </span>
          ),
          status: STEP_STATUS[s.status],
          description:
            s.status === 'done'
              ? (s.reachedOn ?? '')
              : s.status === 'current'
                ? t('progress.current')
                : s.status === 'skipped'
                  ? t('progress.skipped')
                  : '',
        }))}
        style={{ overflowX: 'auto', paddingBottom: 4 }}
      />
      <Row gutter={[16, 12]} style={{ marginTop: 12 }}>
        {p.clocks.length > 0 && (
          <Col xs={24} lg={10}>
            <Typography.Text type="secondary">{t('progress.clocks')}</Typography.Text>
            <Flex vertical gap={10} style={{ marginTop: 6 }}>
              {p.clocks.map((c) => (
                <ClockRow key={c.kind} c={c} />
              ))}
            </Flex>
          </Col>
        )}
        <Col xs={24} lg={p.clocks.length > 0 ? 14 : 24} data-testid="progress-needs">
          <Typography.Text type="secondary">{t('progress.needs')}</Typography.Text>
          {p.stillNeeded.length === 0 ? (
            <div style={{ marginTop: 6 }}>
              <Typography.Text type="success">
                <CheckCircleOutlined /> {t('progress.needs.none')}
              </Typography.Text>
            </div>
          ) : (
            <ol style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
              {p.stillNeeded.map((n) => (
                <li key={n.ruleId} data-testid="progress-need" data-rule={n.ruleId} style={{ marginBottom: 6 }}>
                  <div>{en ? n.sentenceEn : n.sentenceZh}</div>
                  <Flex wrap gap={8}>
                    <Citation citation={n.citation} ruleId={n.ruleId} details={en ? n.detailsEn : n.detailsZh} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('progress.needs.for', { actions: n.actions.map((a) => actionLabel(t, a.action)).join('、') })}
                    </Typography.Text>
                  </Flex>
                </li>
              ))}
            </ol>
          )}
        </Col>
      </Row>
    </Card>
  );
}
