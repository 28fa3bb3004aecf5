import { Tag } from 'antd';
import type { CaseDeadlineStateCode, CaseStateCode } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { DEADLINE_STATE_COLORS, deadlineStateLabel, STATE_COLORS, stateLabel } from '../labels.ts';

export function StateTag({ state, testId = 'case-state' }: { state: CaseStateCode; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId} data-state={state}>
      {stateLabel(t, state)}
    </Tag>
  );
}

export function DeadlineStateTag({ state }: { state: CaseDeadlineStateCode }) {
  const { t } = useI18n();
  return (
    <Tag color={DEADLINE_STATE_COLORS[state]} data-testid="deadline-state" data-state={state}>
      {deadlineStateLabel(t, state)}
    </Tag>
  );
}
