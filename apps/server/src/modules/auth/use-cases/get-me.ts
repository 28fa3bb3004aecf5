import type { Me } from '@chengguan/contracts';
import { ACTING_CREDENTIAL_STATUSES, bestOfficerCredential } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { isCityWide } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { getSecrets, ownStanding } from '../auth.repository.ts';

export async function getMe(deps: Deps, actor: Actor): Promise<Me> {
  const [secrets, standing] = await Promise.all([getSecrets(deps.db, actor.id), ownStanding(deps.db, actor.id)]);
  // Rule A1 as the case steps judge it (any domain): the console only shows the answer.
  const best = bestOfficerCredential(standing.credentials, shanghaiDate(deps.clock.now()));
  return {
    id: actor.id,
    username: actor.username,
    name: actor.name,
    orgId: actor.orgId,
    orgName: actor.orgName,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    totpEnabled: secrets.totp_enabled,
    mustChangePassword: secrets.must_change_password,
    cityWide: isCityWide(actor),
    credential: {
      status: best.status,
      canAct: ACTING_CREDENTIAL_STATUSES.includes(best.status),
      number: best.credential?.number ?? null,
      validTo: best.credential?.validTo ?? null,
    },
    legalQualification: standing.legalQualification,
  };
}
