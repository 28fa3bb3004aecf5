import { Timeline, Typography } from 'antd';
import { CASE_ACTION_CODES, CASE_STATE_CODES, type CaseActionCode, type CaseDetail, type CaseStateCode } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { formatInstant } from '../format.ts';
import { actionLabel, stateLabel } from '../labels.ts';

const isAction = (a: string): a is CaseActionCode => (CASE_ACTION_CODES as readonly string[]).includes(a);
const isState = (s: string | null): s is CaseStateCode => s !== null && (CASE_STATE_CODES as readonly string[]).includes(s);

/** 时间线: every event of the case, its legal date, when it was recorded and by whom. */
export function TimelineTab({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const events = [...detail.timeline].sort((a, b) => b.seq - a.seq);
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: e.toState && e.toState !== e.fromState ? 'blue' : 'gray',
        children: (
          <div data-testid="timeline-event" data-action={e.action}>
            <Typography.Text strong>{isAction(e.action) ? actionLabel(t, e.action) : e.labelZh}</Typography.Text>
            {isState(e.toState) && e.toState !== e.fromState && (
              <Typography.Text type="secondary"> → {stateLabel(t, e.toState)}</Typography.Text>
            )}
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {t('case.legalDate')} {e.legalDate} · {e.actorName ?? t('case.system')} · {formatInstant(e.at)}
            </div>
          </div>
        ),
      }))}
    />
  );
}
