// Who may grant what (R1–R5, packages/domain/src/staff/role-grants.ts) through the API: every forbidden path —
// granting oneself, a district administrator granting the city administrator's roles, granting outside his bureau or
// inside the city bureau, incompatible pairs — through create and through update; each refused attempt audited and
// nothing changed; each allowed change audited with who, whom, before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Officer, RoleInfo } from '@chengguan/contracts';
import { buildDemoData } from '../src/seed/demo-data.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const demo = buildDemoData();

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['admin', 'pd_admin', 'qp_admin', 'pd_leader', 'pd_ljz_leader']) tokens[u] = await ctx.login(u);
});
afterAll(async () => ctx?.close());

const idOf = (username: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === username)!.key)!;
const orgId = (key: string) => ctx.seed.ids.orgs.get(key)!;
let serial = 0;
const newOfficer = (org: string, roles: string[]) => ({
  orgId: orgId(org),
  name: '测试人员',
  employeeNo: `RG-${String(++serial).padStart(4, '0')}`,
  roles,
});
const create = (user: string, body: unknown) => ctx.api('POST', '/api/v1/officers', { token: tokens[user]!, body });
const patch = (user: string, id: string, body: unknown) => ctx.api('PATCH', `/api/v1/officers/${id}`, { token: tokens[user]!, body });
const rolesOf = async (id: string) => (await ctx.api('GET', `/api/v1/officers/${id}`, { token: tokens.admin! })).json().roles as string[];
const auditRows = (action: string) =>
  ctx.deps.db
    .selectFrom('audit_log')
    .select(['actor_id', 'entity_id', 'data', 'bureau_id'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

/** A refusal: the status and code, the field `roles` (or the one given), the rule IDs, and one audit row more. */
async function expectRefused(
  run: () => Promise<LightMyRequestResponse>,
  expected: { status: number; code: string; rules: string; field?: string },
) {
  const before = (await auditRows('officer.roles_refused')).length;
  const r = await run();
  expect(r.statusCode, r.body).toBe(expected.status);
  expect(errorBody(r)).toMatchObject({ code: expected.code, field: expected.field ?? 'roles' });
  expect((r.json() as { rule: string }).rule).toBe(expected.rules);
  expect(errorBody(r).details!.every((d) => d.field === (expected.field ?? 'roles'))).toBe(true);
  const after = await auditRows('officer.roles_refused');
  expect(after).toHaveLength(before + 1);
  return { body: errorBody(r), audit: after.at(-1)! };
}

describe('R1 nobody changes his own roles', () => {
  it('refuses a district administrator granting himself the bureau leader role; his roles stay', async () => {
    const { body, audit } = await expectRefused(() => patch('pd_admin', idOf('pd_admin'), { roles: ['admin', 'bureau_leader'] }), {
      status: 403,
      code: 'ROLE_NOT_GRANTABLE',
      rules: 'R1 R4 R5',
    });
    expect(body.message).toContain('不能更改自己的角色');
    expect(audit).toMatchObject({ actor_id: idOf('pd_admin'), entity_id: idOf('pd_admin') });
    expect(audit.data).toMatchObject({ what: 'roles', before: ['admin'], after: ['admin', 'bureau_leader'] });
    expect(await rolesOf(idOf('pd_admin'))).toEqual(['admin']);
  });

  it('refuses the city administrator too, granting or dropping a role of his own', async () => {
    await expectRefused(() => patch('admin', idOf('admin'), { roles: ['admin', 'commander'] }), {
      status: 403,
      code: 'ROLE_NOT_GRANTABLE',
      rules: 'R1',
    });
    await expectRefused(() => patch('admin', idOf('admin'), { roles: ['commander'] }), {
      status: 403,
      code: 'ROLE_NOT_GRANTABLE',
      rules: 'R1',
    });
    expect(await rolesOf(idOf('admin'))).toEqual(['admin']);
  });

  it('lets him edit his other fields', async () => {
    const r = await patch('pd_admin', idOf('pd_admin'), { title: '信息管理员', roles: ['admin'] });
    expect(r.statusCode, r.body).toBe(200);
  });
});

describe('R3/R4 a district administrator grants only district roles, only inside his bureau', () => {
  it('refuses the administrator, bureau leader and supervisor roles through create and update, and their revocation', async () => {
    for (const role of ['admin', 'bureau_leader', 'supervisor']) {
      await expectRefused(() => create('pd_admin', newOfficer('pd-hm', [role])), { status: 403, code: 'ROLE_NOT_GRANTABLE', rules: 'R4' });
    }
    await expectRefused(() => patch('pd_admin', idOf('pd_command'), { roles: ['admin'] }), {
      status: 403,
      code: 'ROLE_NOT_GRANTABLE',
      rules: 'R4',
    });
    await expectRefused(() => patch('pd_admin', idOf('pd_super'), { roles: ['commander'] }), {
      status: 403,
      code: 'ROLE_NOT_GRANTABLE',
      rules: 'R4',
    });
    expect(await rolesOf(idOf('pd_command'))).toEqual(['commander']);
    expect(await rolesOf(idOf('pd_super'))).toEqual(['supervisor']);
  });

  it('answers 404 for an officer or a unit outside his bureau — another district or the city bureau — through create and update', async () => {
    for (const [org, username] of [
      ['qp-zjj', 'qp_zjj_01'],
      ['sh', 'sh_legal'],
    ] as const) {
      expect((await create('pd_admin', newOfficer(org, ['field_officer']))).statusCode).toBe(404);
      expect((await patch('pd_admin', idOf(username), { roles: ['commander'] })).statusCode).toBe(404);
      expect((await patch('pd_admin', idOf('pd_ljz_01'), { orgId: orgId(org) })).statusCode).toBe(404);
    }
    expect(await rolesOf(idOf('sh_legal'))).toEqual(['legal_reviewer']);
  });

  it('lets the city administrator change the roles of the city legal reviewer who maintains the law library (a district administrator cannot reach him: 404 above)', async () => {
    const r = await patch('admin', idOf('sh_legal'), { roles: ['legal_reviewer', 'commander'] });
    expect(r.statusCode, r.body).toBe(200);
    const back = await patch('admin', idOf('sh_legal'), { roles: ['legal_reviewer'] });
    expect(back.statusCode).toBe(200);
  });

  it('refuses a password reset or a deactivation of a reserved role’s holder, which would hand over the role', async () => {
    await expectRefused(() => patch('pd_admin', idOf('pd_leader'), { password: 'Another#Pass2026' }), {
      status: 403,
      code: 'ROLE_NOT_GRANTABLE',
      rules: 'R4',
      field: 'password',
    });
    await expectRefused(() => patch('pd_admin', idOf('pd_super'), { active: false }), {
      status: 403,
      code: 'ROLE_NOT_GRANTABLE',
      rules: 'R4',
      field: 'active',
    });
    expect((await ctx.api('POST', '/api/auth/login', { body: { username: 'pd_leader', password: 'Another#Pass2026' } })).statusCode).toBe(
      401,
    );
  });

  it('lets him grant and revoke the district roles in his bureau, each change audited with who, whom, before and after', async () => {
    const created = await create('pd_admin', newOfficer('pd-hm', ['field_officer']));
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as Officer).id;
    const r = await patch('pd_admin', id, { roles: ['field_officer', 'commander'] });
    expect(r.statusCode, r.body).toBe(200);
    const changes = (await auditRows('officer.roles_change')).filter((a) => a.entity_id === id);
    expect(changes.map((c) => c.data)).toEqual([
      { before: [], after: ['field_officer'], granted: ['field_officer'], revoked: [] },
      { before: ['field_officer'], after: ['commander', 'field_officer'], granted: ['commander'], revoked: [] },
    ]);
    expect(changes.every((c) => c.actor_id === idOf('pd_admin') && c.bureau_id === orgId('pd'))).toBe(true);
  });

  it('forbids anyone without the administrator role: a squad leader, a bureau leader', async () => {
    expect((await create('pd_ljz_leader', newOfficer('pd-ljz', ['field_officer']))).statusCode).toBe(403);
    expect((await patch('pd_leader', idOf('pd_ljz_01'), { roles: ['commander'] })).statusCode).toBe(403);
  });
});

describe('R5 incompatible roles on one person', () => {
  it('refuses the case handler as 法制审核 reviewer through create and through update', async () => {
    const { body } = await expectRefused(() => create('pd_admin', newOfficer('pd-hm', ['field_officer', 'legal_reviewer'])), {
      status: 422,
      code: 'RULE_VIOLATION',
      rules: 'R5',
    });
    expect(body.message).toContain('法制审核须由案件承办人员以外的人员进行');
    await expectRefused(() => patch('pd_admin', idOf('pd_legal'), { roles: ['legal_reviewer', 'squad_leader'] }), {
      status: 422,
      code: 'RULE_VIOLATION',
      rules: 'R5',
    });
    expect(await rolesOf(idOf('pd_legal'))).toEqual(['legal_reviewer']);
  });

  it('refuses the city administrator the pairs too: leader with handler, reviewer or administrator; supervisor with the supervised', async () => {
    for (const roles of [
      ['bureau_leader', 'field_officer'],
      ['bureau_leader', 'legal_reviewer'],
      ['bureau_leader', 'admin'],
      ['supervisor', 'commander'],
      ['supervisor', 'admin'],
    ]) {
      await expectRefused(() => create('admin', newOfficer('pd', roles)), { status: 422, code: 'RULE_VIOLATION', rules: 'R5' });
    }
    await expectRefused(() => patch('admin', idOf('pd_leader'), { roles: ['bureau_leader', 'squad_leader'] }), {
      status: 422,
      code: 'RULE_VIOLATION',
      rules: 'R5',
    });
  });

  it('lets the city administrator appoint a district bureau leader and a district administrator', async () => {
    const leader = await create('admin', newOfficer('pd', ['bureau_leader']));
    expect(leader.statusCode, leader.body).toBe(201);
    const moved = await patch('admin', idOf('pd_command'), { roles: ['admin'] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await rolesOf(idOf('pd_command'))).toEqual(['admin']);
  });
});

describe('the roles the console offers', () => {
  it('lists for each user the roles he may grant', async () => {
    const grantable = async (user: string) =>
      ((await ctx.api('GET', '/api/v1/roles', { token: tokens[user]! })).json() as RoleInfo[])
        .filter((r) => r.grantable)
        .map((r) => r.code);
    expect(await grantable('admin')).toEqual([
      'field_officer',
      'squad_leader',
      'legal_reviewer',
      'commander',
      'supervisor',
      'bureau_leader',
      'admin',
      'partner',
    ]);
    expect(await grantable('pd_admin')).toEqual(['field_officer', 'squad_leader', 'legal_reviewer', 'commander', 'partner']);
    expect(await grantable('pd_leader')).toEqual([]);
  });
});
