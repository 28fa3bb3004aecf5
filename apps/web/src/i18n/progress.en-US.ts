import type { progressZhCN } from './progress.zh-CN.ts';

export const progressEnUS: Record<keyof typeof progressZhCN, string> = {
  'progress.title': 'Where the case stands',
  'progress.current': 'In progress',
  'progress.skipped': 'Not needed',
  'progress.reachedOn': '{date}',
  'progress.offPath': 'Case {label}',
  'progress.clocks': 'Time limits',
  'progress.unit.working_day': 'working days',
  'progress.unit.calendar_day': 'days',
  'progress.clock.used': '{elapsed} of {total} {unit} used',
  'progress.clock.left': '{n} {unit} left',
  'progress.clock.lastDay': 'Today is the last day',
  'progress.clock.overdue': 'Overdue by {n} {unit}',
  'progress.clock.paused': 'Clock paused',
  'progress.clock.due': 'Due {date}',
  'progress.clock.party': 'Party',
  'progress.clock.agency': 'Agency',
  'progress.needs': 'Still needed',
  'progress.needs.none': 'No legal condition is outstanding',
  'progress.needs.for': 'Blocks: {actions}',
  'progress.needs.rule': 'Rule {id}',
};
