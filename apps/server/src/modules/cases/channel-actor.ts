// The platform acting on one case for a channel that has no officer behind it: the party's portal (his statement,
// his hearing request), a payment provider's signed callback (the fine paid), the scheduler (public-notice service
// deemed complete). The step still passes the same permission, jurisdiction and domain-role checks as an officer's;
// its event and audit rows carry `channel` and no officer id.
import type { Role } from '@chengguan/contracts';
import type { StepActor } from '../../context.ts';
import { permissionsOf } from '../auth/index.ts';
import type { CaseRow } from './cases.repository.ts';

export function channelActor(
  row: Pick<CaseRow, 'org_path' | 'bureau_id'>,
  channel: NonNullable<StepActor['channel']>,
  roles: readonly Role[],
): StepActor {
  return {
    id: null,
    channel,
    roles: [...roles],
    permissions: permissionsOf(roles),
    jurisdictionPath: row.org_path,
    bureauId: row.bureau_id,
  };
}
