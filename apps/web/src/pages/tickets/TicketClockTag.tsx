import { useEffect, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import type { TicketClock } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { bureauTime } from '../../lib/bureauTime';

const COLOR: Record<TicketClock['status'], string> = { running: 'blue', paused: 'default', met: 'green', late: 'orange', overdue: 'red' };

/** The instant's countdown, refreshed every 30 s: working days left for a working-day clock, hours and minutes for the last day. */
export function TicketClockTag({ clock, hours = false, testId }: { clock: TicketClock; hours?: boolean; testId?: string }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (clock.status !== 'running' && clock.status !== 'overdue') return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [clock.status]);
  const left = Date.parse(clock.dueAt) - now;
  const hm = (ms: number) => ({ h: Math.floor(Math.abs(ms) / 3_600_000), m: Math.floor((Math.abs(ms) % 3_600_000) / 60_000) });
  let detail: string | null = null;
  if (clock.status === 'running') {
    if (!hours && clock.remainingWorkingDays !== null && clock.remainingWorkingDays > 0)
      detail = t('ticket.clock.daysLeft', { n: clock.remainingWorkingDays });
    else detail = left > 0 ? t('ticket.clock.hoursLeft', hm(left)) : t('ticket.clock.hoursOver', hm(left));
  } else if (clock.status === 'overdue') {
    detail = t('ticket.clock.hoursOver', hm(left));
  }
  const dueAt = bureauTime(clock.dueAt);
  return (
    <Space size={4} wrap data-testid={testId} data-status={clock.status}>
      <Tag color={COLOR[clock.status]}>{t(`ticket.clock.${clock.status}`)}</Tag>
      {detail && <Typography.Text type={clock.status === 'overdue' ? 'danger' : undefined}>{detail}</Typography.Text>}
      <Typography.Text type="secondary">{t('ticket.clock.dueAt', { at: dueAt })}</Typography.Text>
    </Space>
  );
}
