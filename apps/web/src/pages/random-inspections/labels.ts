import type { PlanStatus, SubjectKindCode } from '@chengguan/contracts';
import type { MessageKey, Translate } from '../../i18n/i18n.tsx';

export const STATUS_COLOR: Record<PlanStatus, string> = { draft: 'default', submitted: 'processing', approved: 'gold', drawn: 'green' };
export const statusLabel = (t: Translate, s: PlanStatus) => t(`plan.status.${s}` as MessageKey);
export const kindLabel = (t: Translate, k: SubjectKindCode | string) => t(`kind.${k}` as MessageKey);
/** A level of the default risk scale by its label; another scale's code as it is. */
export const levelLabel = (t: Translate, l: string) => (['red', 'yellow', 'green'].includes(l) ? t(`level.${l}` as MessageKey) : l);
export const LEVEL_COLOR: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };
