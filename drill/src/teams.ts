// Who writes: the demo squads (seed/demo-data.ts) whose two field officers hold valid 执法证 over the drill's dates,
// with their squad leader, their district's bureau leader and legal reviewer. Each writer works for one squad.
import { buildDemoData, DEMO_PASSWORD, type DemoOfficer } from '../../apps/server/src/seed/demo-data.ts';

export type User = { username: string; id: string; token: string };
export type Team = { squad: string; officers: [User, User]; leader: User; bureauLeader: User; legal: User };
type TeamPlan = { squad: string; officers: [string, string]; leader: string; bureauLeader: string; legal: string };

const credentialValid = (o: DemoOfficer, from: string, to: string) =>
  o.credentials.some((c) => !c.revoked && c.validFrom <= from && c.validTo >= to);

/** Squads of both districts, alternating (浦东, 青浦, 浦东 …), so writers spread over two bureaus. */
export function teamPlans(firstDate: string, lastDate: string): TeamPlan[] {
  const demo = buildDemoData();
  const byKey = new Map(demo.orgs.map((o) => [o.key, o]));
  const districtOf = (key: string): string => {
    let org = byKey.get(key);
    while (org && org.kind !== 'district_bureau') org = org.parentKey ? byKey.get(org.parentKey) : undefined;
    if (!org) throw new Error(`demo squad ${key} has no district`);
    return org.key;
  };
  const byRole = (role: DemoOfficer['roles'][number]) =>
    new Map(demo.officers.filter((o) => o.roles.includes(role) && o.username).map((o) => [o.orgKey, o.username as string]));
  const bureauLeaders = byRole('bureau_leader');
  // The district's 法制审核员 (an org of its own under the bureau) confirms the articles the library marks 未核实 (E12).
  const inDistrict = (orgKey: string, district: string) => {
    for (let org = byKey.get(orgKey); org; org = org.parentKey ? byKey.get(org.parentKey) : undefined)
      if (org.key === district) return true;
    return false;
  };
  const legalOf = (district: string) =>
    demo.officers.find((o) => o.roles.includes('legal_reviewer') && o.username && inDistrict(o.orgKey, district))?.username;
  const plans = new Map<string, TeamPlan[]>();
  for (const squad of demo.orgs.filter((o) => o.kind === 'squad')) {
    const members = demo.officers.filter((o) => o.orgKey === squad.key && o.username && credentialValid(o, firstDate, lastDate));
    const field = members.filter((o) => o.roles.includes('field_officer'));
    const leader = members.find((o) => o.roles.includes('squad_leader'));
    const bureauLeader = bureauLeaders.get(districtOf(squad.key));
    const legal = legalOf(districtOf(squad.key));
    if (field.length < 2 || !leader || !bureauLeader || !legal) continue;
    const list = plans.get(districtOf(squad.key)) ?? [];
    list.push({
      squad: squad.key,
      officers: [field[0]!.username!, field[1]!.username!],
      leader: leader.username!,
      bureauLeader,
      legal,
    });
    plans.set(districtOf(squad.key), list);
  }
  const districts = [...plans.values()];
  const out: TeamPlan[] = [];
  for (let i = 0; out.length < districts.reduce((n, d) => n + d.length, 0); i++) {
    for (const d of districts) if (d[i]) out.push(d[i]!);
  }
  return out;
}

async function login(baseUrl: string, username: string): Promise<User> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token?: string; user?: { id: string } };
  if (res.status !== 200 || !body.token || !body.user) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
  return { username, id: body.user.id, token: body.token };
}

/** Logs in the users of the first `count` teams (sessions live in the database, so they outlast every restart). */
export async function loginTeams(baseUrl: string, plans: TeamPlan[], count: number): Promise<Team[]> {
  const users = new Map<string, User>();
  const user = async (name: string) => {
    let u = users.get(name);
    if (!u) {
      u = await login(baseUrl, name);
      users.set(name, u);
    }
    return u;
  };
  const teams: Team[] = [];
  for (let i = 0; i < count; i++) {
    const p = plans[i % plans.length]!;
    teams.push({
      squad: p.squad,
      officers: [await user(p.officers[0]), await user(p.officers[1])],
      leader: await user(p.leader),
      bureauLeader: await user(p.bureauLeader),
      legal: await user(p.legal),
    });
  }
  return teams;
}
