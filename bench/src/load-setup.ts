/**
 * Before the timed window of a load run: which officers play (spread over the squads), their logins, and a
 * 当场处罚决定书 range (B2) for each squad that plays, handed out by its squad leader. Everything through the API, so it
 * works the same on either engine and against any loaded city.
 */
import type { Officer } from '@chengguan/contracts';
import type { LoadOfficer, Transport } from './load-session.ts';

/** Field officers and squad leaders who can log in and hold a valid 执法证. */
function playable(o: Officer): boolean {
  return (
    o.active &&
    !o.locked &&
    o.username !== null &&
    o.credentialStatus === 'valid' &&
    (o.roles.includes('field_officer') || o.roles.includes('squad_leader'))
  );
}

async function json<T>(transport: Transport, token: string, url: string): Promise<T> {
  const r = await transport({ method: 'GET', url, token });
  if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as T;
}

/** Every officer the administrator sees, page by page. */
export async function listOfficers(transport: Transport, adminToken: string): Promise<Officer[]> {
  const out: Officer[] = [];
  for (let page = 1; ; page++) {
    const p = await json<{ items: Officer[]; total: number }>(transport, adminToken, `/api/v1/officers?page=${page}&pageSize=200`);
    out.push(...p.items);
    if (p.items.length === 0 || out.length >= p.total) return out;
  }
}

/**
 * `n` officers spread over the squads: a field officer of every squad first, then every squad's leader (who approves
 * filings and reviews, so cases move within the squad), then more field officers. Each gets a credentialed colleague
 * of his squad to co-sign (A1). Units without a squad leader, or with fewer than two such officers, do not play. Deterministic: squads and
 * officers in id order.
 */
export function chooseOfficers(all: readonly Officer[], n: number): LoadOfficer[] {
  const squads = new Map<string, Officer[]>();
  for (const o of [...all].filter(playable).sort((a, b) => a.id.localeCompare(b.id))) {
    const list = squads.get(o.orgId) ?? [];
    list.push(o);
    squads.set(o.orgId, list);
  }
  // A squad (中队) has its leader; units without one (brigades, special units) do not play.
  const teams = [...squads.entries()]
    .filter(([, list]) => list.length >= 2 && list.some((o) => o.roles.includes('squad_leader')))
    .sort(([a], [b]) => a.localeCompare(b));
  const rounds: Officer[][] = [];
  for (const [, list] of teams) {
    const field = list.filter((o) => !o.roles.includes('squad_leader'));
    const leaders = list.filter((o) => o.roles.includes('squad_leader'));
    const order = [...field.slice(0, 1), ...leaders.slice(0, 1), ...field.slice(1), ...leaders.slice(1)];
    order.forEach((o, i) => (rounds[i] ??= []).push(o));
  }
  const chosen = rounds.flat().slice(0, n);
  return chosen.map((o) => {
    const team = squads.get(o.orgId)!;
    const partner = team.find((p) => p.id !== o.id && !p.roles.includes('squad_leader')) ?? team.find((p) => p.id !== o.id)!;
    return { username: o.username!, id: o.id, orgId: o.orgId, roles: o.roles, partnerId: partner.id };
  });
}

/** Logs one account in; answers the bearer token. */
export async function login(transport: Transport, username: string, password: string): Promise<string> {
  const r = await transport({ method: 'POST', url: '/api/auth/login', token: '', body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body}`);
  return (JSON.parse(r.body) as { token: string }).token;
}

/** Runs `f` over the items, `width` at a time. */
export async function inBatches<T, R>(items: readonly T[], width: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await f(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/**
 * A fresh range of pre-numbered tickets for each playing squad, handed out by its squad leader (the `case:approve`
 * right): with his token when he plays (`tokens`, in the order of `officers`), else after logging him in. `tag` keeps
 * the prefix of each run apart.
 */
export async function assignTicketRanges(
  transport: Transport,
  all: readonly Officer[],
  officers: readonly LoadOfficer[],
  tokens: readonly string[],
  password: string,
  tag: string,
  progress: (done: number, of: number) => void = () => undefined,
): Promise<void> {
  const squads = [...new Set(officers.map((o) => o.orgId))];
  let done = 0;
  await inBatches(squads, 4, async (orgId) => {
    const playing = officers.findIndex((o) => o.orgId === orgId && o.roles.includes('squad_leader'));
    let token = playing >= 0 ? tokens[playing]! : null;
    if (!token) {
      const leader = all.find((o) => o.orgId === orgId && o.roles.includes('squad_leader') && o.username !== null && o.active && !o.locked);
      if (!leader) throw new Error(`squad ${orgId} has no squad leader who can hand out a ticket range`);
      token = await login(transport, leader.username!, password);
    }
    const r = await transport({
      method: 'POST',
      url: '/api/v1/summary-ticket-ranges',
      token,
      body: { orgId, prefix: `压测当罚〔${tag}〕`, firstNumber: 1, lastNumber: 999_999 },
    });
    if (r.status !== 201) throw new Error(`ticket range for ${orgId}: ${r.status} ${r.body}`);
    progress(++done, squads.length);
  });
}
