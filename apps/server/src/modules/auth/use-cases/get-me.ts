import type { Me } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { isCityWide } from '../../../shared/access.ts';
import { getSecrets } from '../auth.repository.ts';

export async function getMe(deps: Deps, actor: Actor): Promise<Me> {
  const secrets = await getSecrets(deps.db, actor.id);
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
  };
}
