import type { CSSProperties } from 'react';
import { Card, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { CalendarDay } from '@chengguan/contracts';
import { useI18n, type Translate } from '../../../i18n/i18n.tsx';

const WEEK_START_MONDAY = [1, 2, 3, 4, 5, 6, 0];

/** How a day looks: a declared holiday, a 调休 working weekend, an ordinary weekend, an override. */
function look(d: CalendarDay): { style: CSSProperties; mark: string | null } {
  const weekend = d.weekday === 0 || d.weekday === 6;
  const style: CSSProperties = {};
  let mark: string | null = null;
  if (d.kind === 'holiday' && (!weekend || d.label)) {
    style.background = '#fff1f0';
    style.color = '#cf1322';
    mark = '休';
  } else if (d.kind === 'holiday') {
    style.color = '#8c8c8c';
  } else if (weekend) {
    style.background = '#fff7e6';
    style.color = '#d46b08';
    mark = '班';
  }
  if (d.source === 'override') {
    style.outline = '2px solid #1659c7';
    style.outlineOffset = -2;
  }
  return { style, mark };
}

export function dayTip(t: Translate, d: CalendarDay): string {
  const parts = [`${d.date} ${t(d.kind === 'workday' ? 'law.cal.workday' : 'law.cal.restDay')}`];
  if (d.label) parts.push(d.label);
  if (d.source === 'override') parts.push(t('law.labelValue', { label: t('law.cal.override'), value: d.note ?? '' }));
  return parts.join(' · ');
}

/** One month of the working-day calendar, weeks starting on Monday. */
export function MonthGrid({
  year,
  month,
  days,
  onPick,
}: {
  year: number;
  month: number;
  days: Map<string, CalendarDay>;
  onPick?: (d: CalendarDay) => void;
}) {
  const { t } = useI18n();
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7;
  const cells: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
  for (let i = 1; i <= first.daysInMonth(); i++) cells.push(days.get(first.date(i).format('YYYY-MM-DD')) ?? null);
  return (
    <Card size="small" title={first.format(t('law.cal.monthFormat'))} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center', fontSize: 12 }}>
        {WEEK_START_MONDAY.map((w) => (
          <div key={w} style={{ color: '#8c8c8c', padding: 2 }}>
            {dayjs().day(w).format('dd')}
          </div>
        ))}
        {cells.map((d, i) => {
          if (!d) return <div key={`blank-${i}`} />;
          const { style, mark } = look(d);
          return (
            <Tooltip key={d.date} title={dayTip(t, d)} mouseEnterDelay={0.3}>
              <div
                role="button"
                tabIndex={0}
                onClick={() => onPick?.(d)}
                onKeyDown={(e) => e.key === 'Enter' && onPick?.(d)}
                style={{ position: 'relative', padding: '4px 0', borderRadius: 4, cursor: onPick ? 'pointer' : 'default', ...style }}
                data-testid="law-cal-day"
                data-date={d.date}
                data-kind={d.kind}
                data-source={d.source}
              >
                {Number(d.date.slice(8))}
                {mark && <sup style={{ fontSize: 9, marginInlineStart: 1 }}>{mark}</sup>}
              </div>
            </Tooltip>
          );
        })}
      </div>
    </Card>
  );
}
