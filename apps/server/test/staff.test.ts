import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { officerCredentialStatus } from '@chengguan/domain';
import type { Officer } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { buildDemoData } from '../src/seed/demo-data.ts';
import { shanghaiDate } from '../src/shared/time.ts';

let ctx: TestContext;
let admin: string;
let pdAdmin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  pdAdmin = await ctx.login('pd_admin');
});
afterAll(async () => ctx?.close());

const orgId = (key: string) => ctx.seed.ids.orgs.get(key)!;
const officerId = (key: string) => ctx.seed.ids.officers.get(key)!;
const demo = buildDemoData();
const demoKeyOf = (username: string) => demo.officers.find((o) => o.username === username)!.key;

describe('officer list', () => {
  it('pages on the server and masks phones', async () => {
    const r = await ctx.api('GET', '/api/v1/officers?page=2&pageSize=10', { token: admin });
    const page = r.json();
    expect(page.total).toBe(ctx.seed.officers);
    expect(page.items).toHaveLength(10);
    expect(page.page).toBe(2);
    for (const o of page.items as Officer[]) expect(o.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('flags expired, revoked and missing credentials exactly as the domain rule computes them', async () => {
    const today = shanghaiDate(ctx.clock.now());
    for (const status of ['expired', 'revoked', 'missing', 'valid'] as const) {
      const r = await ctx.api('GET', `/api/v1/officers?credentialStatus=${status}&pageSize=200`, { token: admin });
      const expected = demo.officers
        .filter((o) => officerCredentialStatus(o.credentials, today) === status)
        .map((o) => o.employeeNo)
        .sort();
      expect((r.json().items as Officer[]).map((o) => o.employeeNo).sort()).toEqual(expected);
    }
    const expired = (await ctx.api('GET', '/api/v1/officers?q=pd_ljz_02', { token: admin })).json().items[0] as Officer;
    expect(expired.credentialStatus).toBe('expired');
  });

  it('filters by unit subtree, role and text', async () => {
    const ljz = (await ctx.api('GET', `/api/v1/officers?orgId=${orgId('pd-ljz')}`, { token: pdAdmin })).json();
    expect(ljz.items.every((o: Officer) => o.orgName === '陆家嘴街道中队')).toBe(true);
    expect(ljz.total).toBe(demo.officers.filter((o) => o.orgKey === 'pd-ljz').length);
    const leaders = (await ctx.api('GET', '/api/v1/officers?role=squad_leader&pageSize=200', { token: pdAdmin })).json();
    expect(leaders.items.every((o: Officer) => o.roles.includes('squad_leader'))).toBe(true);
    expect(leaders.total).toBeGreaterThan(0);
  });

  it('exports the whole filtered list to Excel', async () => {
    const r = await ctx.api('GET', '/api/v1/officers/export.xlsx?credentialStatus=valid', { token: admin });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const total = (await ctx.api('GET', '/api/v1/officers?credentialStatus=valid&pageSize=1', { token: admin })).json().total;
    expect(ws.rowCount - 1).toBe(total);
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
  });
});

describe('jurisdiction', () => {
  it("answers 404 when a district administrator reads or edits another district's officer", async () => {
    const qpOfficer = officerId(demoKeyOf('qp_zjj_01'));
    expect((await ctx.api('GET', `/api/v1/officers/${qpOfficer}`, { token: pdAdmin })).statusCode).toBe(404);
    expect((await ctx.api('PATCH', `/api/v1/officers/${qpOfficer}`, { token: pdAdmin, body: { title: '队员' } })).statusCode).toBe(404);
    const listed = (await ctx.api('GET', '/api/v1/officers?q=qp_zjj_01', { token: pdAdmin })).json();
    expect(listed.total).toBe(0);
    expect((await ctx.api('GET', `/api/v1/officers/${qpOfficer}`, { token: admin })).statusCode).toBe(200);
  });

  it('lets a squad member see only his squad and forbids him to write', async () => {
    const token = await ctx.login('pd_ljz_01');
    const list = (await ctx.api('GET', '/api/v1/officers?pageSize=200', { token })).json();
    expect(list.items.every((o: Officer) => o.orgName === '陆家嘴街道中队')).toBe(true);
    const other = officerId(demoKeyOf('pd_admin'));
    expect((await ctx.api('GET', `/api/v1/officers/${other}`, { token })).statusCode).toBe(404);
    const create = await ctx.api('POST', '/api/v1/officers', {
      token,
      body: { orgId: orgId('pd-ljz'), name: '某某', employeeNo: 'X-001', roles: ['field_officer'] },
    });
    expect(create.statusCode).toBe(403);
  });
});

describe('creating officers and credentials', () => {
  it('creates an officer with a login, audits it, and the new account must change its password', async () => {
    const r = await ctx.api('POST', '/api/v1/officers', {
      token: pdAdmin,
      body: {
        orgId: orgId('pd-hm'),
        name: '王建国',
        employeeNo: 'PD-9001',
        gender: 'M',
        phone: '13800138000',
        roles: ['field_officer'],
        username: 'pd_wjg',
        password: 'Temp#Pass2026',
      },
    });
    expect(r.statusCode).toBe(201);
    const officer = r.json() as Officer;
    expect(officer.credentialStatus).toBe('missing');
    // The answer is made from the stored row, not read back: it is the officer's page as a read gives it.
    expect((await ctx.api('GET', `/api/v1/officers/${officer.id}`, { token: pdAdmin })).json()).toEqual(officer);
    const audit = (await ctx.api('GET', `/api/v1/audit?entityId=${officer.id}`, { token: pdAdmin })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['officer.roles_change', 'officer.create']);
    expect(audit.items[0].data).toEqual({ before: [], after: ['field_officer'], granted: ['field_officer'], revoked: [] });
    expect(JSON.stringify(audit.items[1].data)).not.toContain('13800138000');
    const login = await ctx.api('POST', '/api/auth/login', { body: { username: 'pd_wjg', password: 'Temp#Pass2026' } });
    expect(login.json().user.mustChangePassword).toBe(true);

    const cred = await ctx.api('POST', `/api/v1/officers/${officer.id}/credentials`, {
      token: pdAdmin,
      body: { number: '31011509001', domains: ['city_appearance'], validFrom: '2026-01-01', validTo: '2030-12-31' },
    });
    expect(cred.statusCode).toBe(201);
    expect(cred.json().status).toBe('valid');
    const revoked = await ctx.api('PATCH', `/api/v1/credentials/${cred.json().id}`, { token: pdAdmin, body: { revoked: true } });
    expect(revoked.json().status).toBe('revoked');
    expect((await ctx.api('GET', `/api/v1/officers/${officer.id}`, { token: pdAdmin })).json().credentialStatus).toBe('revoked');
  });
});

describe('bad input: staff routes', () => {
  it('names the field: phone format, missing roles, duplicate employee number, weak password', async () => {
    const base = { orgId: orgId('pd-hm'), name: '李四', employeeNo: 'PD-9100', roles: ['field_officer'] };
    const phone = await ctx.api('POST', '/api/v1/officers', { token: pdAdmin, body: { ...base, phone: '12345' } });
    expect(phone.statusCode).toBe(400);
    expect(errorBody(phone).field).toBe('phone');
    const roles = await ctx.api('POST', '/api/v1/officers', { token: pdAdmin, body: { ...base, roles: [] } });
    expect(errorBody(roles).field).toBe('roles');
    const dup = await ctx.api('POST', '/api/v1/officers', { token: pdAdmin, body: { ...base, employeeNo: demo.officers[5]!.employeeNo } });
    expect(dup.statusCode).toBe(409);
    expect(errorBody(dup).field).toBe('employeeNo');
    const weak = await ctx.api('POST', '/api/v1/officers', {
      token: pdAdmin,
      body: { ...base, username: 'lisi_pd', password: 'lisi_pd123' },
    });
    expect(weak.statusCode).toBe(400);
    expect(errorBody(weak).field).toBe('password');
    const badQuery = await ctx.api('GET', '/api/v1/officers?credentialStatus=gone', { token: pdAdmin });
    expect(errorBody(badQuery).field).toBe('credentialStatus');
  });

  it('refuses a credential date that does not exist and a validity that ends before it starts', async () => {
    const id = officerId(demoKeyOf('pd_ljz_01'));
    const feb29 = await ctx.api('POST', `/api/v1/officers/${id}/credentials`, {
      token: pdAdmin,
      body: { number: '31011509002', domains: ['city_appearance'], validFrom: '2025-02-29', validTo: '2030-01-01' },
    });
    expect(feb29.statusCode).toBe(400);
    expect(errorBody(feb29).code).toBe('INVALID_DATE');
    expect(errorBody(feb29).field).toBe('validFrom');
    const reversed = await ctx.api('POST', `/api/v1/officers/${id}/credentials`, {
      token: pdAdmin,
      body: { number: '31011509002', domains: ['city_appearance'], validFrom: '2026-01-01', validTo: '2025-01-01' },
    });
    expect(errorBody(reversed).field).toBe('validTo');
    const domain = await ctx.api('POST', `/api/v1/officers/${id}/credentials`, {
      token: pdAdmin,
      body: { number: '31011509002', domains: ['fishing'], validFrom: '2026-01-01', validTo: '2027-01-01' },
    });
    expect(errorBody(domain).field).toMatch(/^domains/);
  });
});
