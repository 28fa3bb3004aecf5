import { Tag } from 'antd';
import type { JointOrderSummary } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { bureauTime } from '../../lib/bureauTime';

const COLORS = { running: 'blue', overdue: 'red', met: 'green', late: 'orange', stopped: 'default' } as const;

function span(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return `${d > 0 ? `${d}d ` : ''}${h}h ${m % 60}m`;
}

/** A joint order's clock: the countdown while it runs, then met / late / overdue; the due instant (Shanghai). */
export function JointClockTag({ clock, testId }: { clock: JointOrderSummary['handle']; testId?: string }) {
  const { t } = useI18n();
  const due = bureauTime(clock.dueAt);
  const label =
    clock.status === 'running' || clock.status === 'overdue'
      ? t(`joint.clock.${clock.status}`, { time: span(clock.msLeft ?? 0) })
      : t(`joint.clock.${clock.status}`);
  return (
    <span data-testid={testId}>
      <Tag color={COLORS[clock.status]}>{label}</Tag>
      <span style={{ color: '#888' }}>{t('joint.clock.due', { due })}</span>
    </span>
  );
}
