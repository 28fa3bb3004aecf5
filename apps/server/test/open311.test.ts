// Open311 GeoReport v2 as an outside client sees it: plain HTTP with form-encoded POSTs shaped like the
// specification's example requests (http://wiki.open311.org/GeoReport_v2), answers read as the specification shows
// them — XML through a real XML parser (saxes), JSON as parsed text — never through the platform's own types. The
// administrator's key routes with their forbidden paths; the ticket a request becomes, seen from the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { SaxesParser } from 'saxes';
import { createTestContext, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
let apiKey: string;
let keyId: string;
let pdBureauId: string;
let qpBureauId: string;

const BASE = '/open311/v2';
// 陆家嘴 (the demo service area of the 陆家嘴 squad, WGS-84) and a point in 青浦.
const LJZ = { lat: '31.235', long: '121.51' };
const QINGPU = { lat: '31.11', long: '121.05' };

/** A parsed XML element: its name, its child elements and its text. */
type El = { name: string; children: El[]; text: string };

function parseXml(xml: string): El {
  const parser = new SaxesParser();
  const stack: El[] = [];
  let root: El | null = null;
  parser.on('opentag', (tag) => {
    const el: El = { name: tag.name, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root!;
}
const child = (el: El, name: string): El | undefined => el.children.find((c) => c.name === name);
const text = (el: El, name: string): string | undefined => child(el, name)?.text;
const names = (el: El): string[] => el.children.map((c) => c.name);

function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

function post(
  format: 'xml' | 'json',
  fields: Record<string, string | string[]>,
  headers: Record<string, string> = {},
  remoteAddress?: string,
) {
  return ctx.app.inject({
    method: 'POST',
    url: `${BASE}/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form(fields),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}
const get = (url: string) => ctx.app.inject({ method: 'GET', url: `${BASE}${url}` });

/** The specification's example POST, with this city's service, place and words. */
const sinkhole = (extra: Record<string, string | string[]> = {}) => ({
  api_key: apiKey,
  service_code: 'SR04',
  ...LJZ,
  address_string: '上海市浦东新区陆家嘴环路1000号',
  email: 'smith@example.com',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: '小明',
  last_name: '王',
  phone: '13800001111',
  description: '楼下饭店油烟直排，影响居民生活',
  media_url: 'http://example.com/something.jpg',
  'attribute[SHOP_NAME]': '老王面馆',
  'attribute[TIME_OF_DAY]': 'evening',
  ...extra,
});

function xmlErrors(r: LightMyRequestResponse): { code: string; description: string }[] {
  expect(r.headers['content-type']).toMatch(/^text\/xml/);
  const root = parseXml(r.body);
  expect(root.name).toBe('errors');
  return root.children.map((e) => {
    expect(e.name).toBe('error');
    expect(names(e)).toEqual(['code', 'description']);
    return { code: text(e, 'code')!, description: text(e, 'description')! };
  });
}
function jsonErrors(r: LightMyRequestResponse): { code: number; description: string }[] {
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(r.body) as unknown;
  expect(Array.isArray(body)).toBe(true);
  for (const e of body as Record<string, unknown>[]) expect(Object.keys(e).sort()).toEqual(['code', 'description']);
  return body as { code: number; description: string }[];
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['pd_admin', 'qp_admin', 'pd_command', 'pd_leader', 'admin']) tokens[u] = await ctx.login(u);
  const bureau = async (like: string) =>
    (
      await ctx.deps.db
        .selectFrom('orgs')
        .select('id')
        .where('kind', '=', 'district_bureau')
        .where('name', 'like', like)
        .executeTakeFirstOrThrow()
    ).id;
  pdBureauId = await bureau('%浦东%');
  qpBureauId = await bureau('%青浦%');
  const r = await ctx.api('POST', '/api/v1/open311-keys', { token: tokens.pd_admin!, body: { name: '市民随手拍', bureauId: pdBureauId } });
  expect(r.statusCode, r.body).toBe(201);
  const created = r.json() as { id: string; apiKey: string; keyHint: string };
  apiKey = created.apiKey;
  keyId = created.id;
  expect(apiKey.endsWith(created.keyHint)).toBe(true);
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('discovery and services', () => {
  it('discovery names the GeoReport v2 endpoint with both formats', async () => {
    const x = await get('/discovery.xml');
    expect(x.statusCode).toBe(200);
    expect(x.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const root = parseXml(x.body);
    expect(root.name).toBe('discovery');
    expect(names(root)).toEqual(expect.arrayContaining(['changeset', 'contact', 'key_service', 'endpoints']));
    const endpoint = child(child(root, 'endpoints')!, 'endpoint')!;
    expect(text(endpoint, 'specification')).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(text(endpoint, 'url')).toMatch(/\/open311\/v2$/);
    expect(child(endpoint, 'formats')!.children.map((f) => f.text)).toEqual(['text/xml', 'application/json']);
    const j = JSON.parse((await get('/discovery.json')).body) as { endpoints: { specification: string; formats: string[] }[] };
    expect(j.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['text/xml', 'application/json'],
    });
  });

  it('GET services lists the active leaf categories with the seven fields of the example', async () => {
    const x = await get('/services.xml');
    expect(x.statusCode).toBe(200);
    const root = parseXml(x.body);
    expect(root.name).toBe('services');
    const services = root.children;
    expect(services.length).toBeGreaterThan(10);
    for (const s of services) {
      expect(s.name).toBe('service');
      expect(names(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      expect(['true', 'false']).toContain(text(s, 'metadata'));
      expect(['realtime', 'batch', 'blackbox']).toContain(text(s, 'type'));
    }
    const codes = services.map((s) => text(s, 'service_code'));
    expect(codes).toContain('SR04');
    // A top class with sub-categories is a group, not a service.
    expect(codes).not.toContain('SR');
    const fumes = services.find((s) => text(s, 'service_code') === 'SR04')!;
    expect(text(fumes, 'service_name')).toBe('餐饮油烟扰民');
    expect(text(fumes, 'group')).toBe('市容环境');
    expect(text(fumes, 'metadata')).toBe('true');
    const j = JSON.parse((await get('/services.json')).body) as Record<string, unknown>[];
    expect(j.find((s) => s.service_code === 'SR04')).toMatchObject({ metadata: true, type: 'realtime', group: '市容环境' });
    expect(j.find((s) => s.service_code === 'QT01')).toMatchObject({ metadata: false });
  });

  it('a retired category is no longer a service', async () => {
    await ctx.deps.db.updateTable('ticket_categories').set({ active: false }).where('code', '=', 'SR05').execute();
    try {
      const j = JSON.parse((await get('/services.json')).body) as { service_code: string }[];
      expect(j.map((s) => s.service_code)).not.toContain('SR05');
      const r = await get('/services/SR05.json');
      expect(r.statusCode).toBe(404);
      expect(jsonErrors(r)[0]!.code).toBe(404);
    } finally {
      await ctx.deps.db.updateTable('ticket_categories').set({ active: true }).where('code', '=', 'SR05').execute();
    }
  });

  it('GET services/{code} gives the service definition with its attributes as in the example', async () => {
    const x = await get('/services/JM04.xml');
    expect(x.statusCode).toBe(200);
    const root = parseXml(x.body);
    expect(root.name).toBe('service_definition');
    expect(text(root, 'service_code')).toBe('JM04');
    const attrs = child(root, 'attributes')!.children;
    expect(attrs.map((a) => a.name)).toEqual(['attribute', 'attribute']);
    const source = attrs[0]!;
    expect(names(source)).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    expect(text(source, 'variable')).toBe('true');
    expect(text(source, 'code')).toBe('SOURCE');
    expect(text(source, 'datatype')).toBe('multivaluelist');
    expect(text(source, 'required')).toBe('true');
    expect(text(source, 'order')).toBe('1');
    const values = child(source, 'values')!.children;
    expect(values[0]!.name).toBe('value');
    expect(names(values[0]!)).toEqual(['key', 'name']);
    expect(values.map((v) => text(v, 'key'))).toEqual(['dance', 'speaker', 'instrument', 'other']);
    const j = JSON.parse((await get('/services/JM04.json')).body) as { service_code: string; attributes: Record<string, unknown>[] };
    expect(j.attributes[1]).toMatchObject({ variable: true, code: 'PEOPLE', datatype: 'number', required: false, order: 2, values: [] });
    // A service without questions has an empty list.
    const plain = parseXml((await get('/services/QT01.xml')).body);
    expect(child(plain, 'attributes')!.children).toEqual([]);
  });

  it('an unknown service code or format is refused in the error format', async () => {
    const r = await get('/services/ZZ99.xml');
    expect(r.statusCode).toBe(404);
    expect(xmlErrors(r)[0]!.code).toBe('404');
    const f = await get('/services.csv');
    expect(f.statusCode).toBe(400);
    expect(xmlErrors(f)[0]!.description).toMatch(/format/);
    // A method or path that is no GeoReport resource, a body that does not parse: the same error format.
    const patch = await ctx.app.inject({ method: 'PATCH', url: `${BASE}/services.json` });
    expect(patch.statusCode).toBe(404);
    expect(jsonErrors(patch)[0]!.code).toBe(404);
    const broken = await ctx.app.inject({
      method: 'POST',
      url: `${BASE}/requests.json`,
      headers: { 'content-type': 'application/json' },
      payload: '{"api_key":',
    });
    expect(broken.statusCode).toBe(400);
    expect(jsonErrors(broken)[0]!.code).toBe(400);
  });
});

describe('POST requests', () => {
  it('files a ticket routed to its squad, on the I4 WD(5) feedback clock; answers id, token and notice', async () => {
    const r = await post('xml', sinkhole());
    expect(r.statusCode, r.body).toBe(201);
    const root = parseXml(r.body);
    expect(root.name).toBe('service_requests');
    const req = child(root, 'request')!;
    expect(names(req)).toEqual(['service_request_id', 'token', 'service_notice', 'account_id']);
    expect(text(req, 'account_id')).toBe('123456');
    const id = text(req, 'service_request_id')!;
    const row = await ctx.deps.db
      .selectFrom('tickets')
      .innerJoin('orgs', 'orgs.id', 'tickets.org_id')
      .select([
        'tickets.id',
        'tickets.channel',
        'tickets.feedback_due_on',
        'tickets.state',
        'tickets.content',
        'tickets.bureau_id',
        'orgs.name as squad',
      ])
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', state: 'received', bureau_id: pdBureauId });
    expect(row.squad).toMatch(/陆家嘴/);
    expect(row.content).toContain('老王面馆');
    // 2026-03-02 (Monday) + WD(5) = 03-09.
    expect(String(row.feedback_due_on).slice(0, 10)).toBe('2026-03-09');
    // The console's ticket page shows it to the command centre with its channel.
    const page = await ctx.api('GET', `/api/v1/tickets/${row.id}`, { token: tokens.pd_command! });
    expect(page.statusCode, page.body).toBe(200);
    expect((page.json() as { channel: string }).channel).toBe('open311');

    const tok = await get(`/tokens/${text(req, 'token')}.xml?api_key=${apiKey}`);
    expect(tok.statusCode, tok.body).toBe(200);
    const t = child(parseXml(tok.body), 'request')!;
    expect(text(t, 'service_request_id')).toBe(id);
    expect(text(t, 'token')).toBe(text(req, 'token'));
  });

  it('a request missing a required attribute is refused in the Open311 error format, naming it', async () => {
    const x = await post('xml', sinkhole({ 'attribute[SHOP_NAME]': '' }));
    expect(x.statusCode).toBe(400);
    const errs = xmlErrors(x);
    expect(errs[0]!.code).toBe('400');
    expect(errs[0]!.description).toContain('attribute[SHOP_NAME]');
    const j = await post('json', sinkhole({ 'attribute[SHOP_NAME]': '', device_id: 'x1' }));
    expect(j.statusCode).toBe(400);
    const body = jsonErrors(j);
    expect(body[0]).toMatchObject({ code: 400 });
    expect(body[0]!.description).toContain('attribute[SHOP_NAME]');
    // Each bad answer is its own error: a value not among the keys, a multivaluelist answered twice, a number.
    const many = await post(
      'json',
      sinkhole({
        service_code: 'JM04',
        'attribute[SOURCE][]': ['dance', 'opera'],
        'attribute[PEOPLE]': 'many',
        'attribute[SHOP_NAME]': '',
      }),
    );
    expect(many.statusCode).toBe(400);
    const descriptions = jsonErrors(many).map((e) => e.description);
    expect(descriptions.some((d) => d.includes('attribute[SOURCE]') && d.includes('opera'))).toBe(true);
    expect(descriptions.some((d) => d.includes('attribute[PEOPLE]'))).toBe(true);
    expect(descriptions.some((d) => d.includes('attribute[SHOP_NAME]'))).toBe(true);
    const ok = await post(
      'json',
      sinkhole({
        service_code: 'JM04',
        'attribute[SOURCE][]': ['dance', 'speaker'],
        'attribute[PEOPLE]': '30',
        'attribute[SHOP_NAME]': [],
        'attribute[TIME_OF_DAY]': [],
        device_id: 'jm04',
      }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('missing or bad parameters: 400; a bad or revoked api_key: 403; an unknown service: 404', async () => {
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ api_key: '' }, 400, /api_key/],
      [{ api_key: 'o311_not-a-key' }, 403, /api_key/],
      [{ service_code: '' }, 400, /service_code/],
      [{ service_code: 'ZZ99' }, 404, /service_code/],
      [{ lat: '', long: '', address_string: '' }, 400, /lat\/long|address_string/],
      [{ lat: 'north' }, 400, /lat/],
      [{ long: '' }, 400, /lat and long/],
      [{ email: 'not-mail' }, 400, /email/],
      [{ media_url: 'ftp://x' }, 400, /media_url/],
      [{ lat: '', long: '', address_string: '', address_id: '42' }, 400, /address_id/],
    ];
    for (const [extra, status, pattern] of cases) {
      const r = await post('json', sinkhole({ ...extra, device_id: `bad-${JSON.stringify(extra)}` }));
      expect(r.statusCode, `${JSON.stringify(extra)} ${r.body}`).toBe(status);
      const e = jsonErrors(r)[0]!;
      expect(e.code).toBe(status);
      expect(e.description).toMatch(pattern);
    }
  });

  it('a point outside the city (the example’s own San Francisco point) or outside the bureau is refused with the reason', async () => {
    const sf = await post('xml', sinkhole({ lat: '37.76524078', long: '-122.4212043' }));
    expect(sf.statusCode).toBe(400);
    expect(xmlErrors(sf)[0]!.description).toMatch(/outside the city/);
    const qp = await post('json', sinkhole(QINGPU));
    expect(qp.statusCode).toBe(400);
    expect(jsonErrors(qp)[0]!.description).toMatch(/青浦/);
    const none = await ctx.deps.db.selectFrom('tickets').select('id').where('point_lat', '=', 37.76524078).execute();
    expect(none).toEqual([]);
  });

  it('a partner’s retry is one ticket: same device, text and place the same day, or the same Idempotency-Key', async () => {
    const fields = sinkhole({ device_id: 'retry-device', description: '人行道上有人设摊' });
    const a = await post('json', fields);
    const b = await post('json', fields);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(200);
    const idA = (JSON.parse(a.body) as { service_request_id: string }[])[0]!.service_request_id;
    expect((JSON.parse(b.body) as { service_request_id: string }[])[0]!.service_request_id).toBe(idA);
    // Another device with the same words is another report.
    const c = await post('json', { ...fields, device_id: 'other-device' });
    expect((JSON.parse(c.body) as { service_request_id: string }[])[0]!.service_request_id).not.toBe(idA);

    // Idempotency-Key: the same key from another address (a partner's second server) is the same request.
    const idem = { 'idempotency-key': 'partner-req-0001' };
    const plain = sinkhole({ device_id: '' });
    const k1 = await post('json', plain, idem, '10.0.0.1');
    const k2 = await post('json', plain, idem, '10.0.0.2');
    expect(k1.statusCode, k1.body).toBe(201);
    const idK = (JSON.parse(k1.body) as { service_request_id: string }[])[0]!.service_request_id;
    expect((JSON.parse(k2.body) as { service_request_id: string }[])[0]!.service_request_id).toBe(idK);
    const n = await ctx.deps.db.selectFrom('tickets').select('id').where('number', 'in', [idA, idK]).execute();
    expect(n).toHaveLength(2);
  });
});

describe('GET requests', () => {
  it('a request by id shows the fields of the example, the due instant as expected_datetime, never the reporter', async () => {
    const r = await post('json', sinkhole({ device_id: 'view-1', description: '夜间烧烤油烟' }));
    const id = (JSON.parse(r.body) as { service_request_id: string }[])[0]!.service_request_id;
    const x = await get(`/requests/${id}.xml?api_key=${apiKey}`);
    expect(x.statusCode, x.body).toBe(200);
    const root = parseXml(x.body);
    expect(root.name).toBe('service_requests');
    const req = child(root, 'request')!;
    expect(names(req)).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    expect(text(req, 'status')).toBe('open');
    expect(text(req, 'service_code')).toBe('SR04');
    expect(text(req, 'lat')).toBe('31.235');
    expect(text(req, 'long')).toBe('121.51');
    expect(text(req, 'media_url')).toBe('http://example.com/something.jpg');
    expect(text(req, 'agency_responsible')).toMatch(/陆家嘴/);
    for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      expect(text(req, f)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    }
    const ticket = await ctx.deps.db
      .selectFrom('tickets')
      .select(['id', 'handling_due_at'])
      .where('number', '=', id)
      .executeTakeFirstOrThrow();
    expect(new Date(text(req, 'expected_datetime')!).getTime()).toBe(new Date(ticket.handling_due_at).getTime());
    for (const secret of ['王小明', '小明', '13800001111', 'smith@example.com']) expect(x.body).not.toContain(secret);

    // Referred by the command centre: closed, with the reason the spec's status_notes carry.
    const refer = await ctx.api('POST', `/api/v1/tickets/${ticket.id}/refer`, {
      token: tokens.pd_command!,
      body: { reason: '属环保部门职责' },
    });
    expect(refer.statusCode, refer.body).toBe(200);
    const j = JSON.parse((await get(`/requests/${id}.json?api_key=${apiKey}`)).body) as Record<string, unknown>[];
    expect(j[0]).toMatchObject({ service_request_id: id, status: 'closed', lat: 31.235, long: 121.51 });
    expect(String(j[0]!.status_notes)).toMatch(/移送/);
  });

  it('filters by ids, service_code, status and dates; 90 days by default and at most', async () => {
    const mine = JSON.parse((await get(`/requests.json?api_key=${apiKey}`)).body) as {
      service_request_id: string;
      status: string;
      service_code: string;
    }[];
    expect(mine.length).toBeGreaterThanOrEqual(4);
    const open = JSON.parse((await get(`/requests.json?api_key=${apiKey}&status=open`)).body) as { status: string }[];
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.status === 'open')).toBe(true);
    const closed = JSON.parse((await get(`/requests.json?api_key=${apiKey}&status=closed`)).body) as { status: string }[];
    expect(closed.length + open.length).toBe(mine.length);
    const jm = JSON.parse((await get(`/requests.json?api_key=${apiKey}&service_code=JM04`)).body) as { service_code: string }[];
    expect(jm.length).toBeGreaterThan(0);
    expect(jm.every((r) => r.service_code === 'JM04')).toBe(true);
    const two = mine.slice(0, 2).map((r) => r.service_request_id);
    const byId = JSON.parse((await get(`/requests.json?api_key=${apiKey}&service_request_id=${two.join(',')}`)).body) as {
      service_request_id: string;
    }[];
    expect(byId.map((r) => r.service_request_id).sort()).toEqual([...two].sort());
    // A window before anything was filed is empty; one of more than 90 days is refused; a date without zone too.
    const before = await get(`/requests.xml?api_key=${apiKey}&start_date=2025-10-01T00:00:00%2B08:00&end_date=2025-12-01T00:00:00%2B08:00`);
    expect(parseXml(before.body).children).toEqual([]);
    const wide = await get(`/requests.json?api_key=${apiKey}&start_date=2025-10-01T00:00:00Z&end_date=2026-03-01T00:00:00Z`);
    expect(wide.statusCode).toBe(400);
    expect(jsonErrors(wide)[0]!.description).toMatch(/90/);
    const noZone = await get(`/requests.json?api_key=${apiKey}&start_date=2026-03-01`);
    expect(noZone.statusCode).toBe(400);
    const badStatus = await get(`/requests.json?api_key=${apiKey}&status=pending`);
    expect(badStatus.statusCode).toBe(400);
    // The default window is the last 90 days: a request filed 91 days before now is not listed.
    const old = await ctx.deps.db
      .selectFrom('tickets')
      .select(['id', 'received_at'])
      .where('number', '=', two[0]!)
      .executeTakeFirstOrThrow();
    await ctx.deps.db
      .updateTable('tickets')
      .set({ received_at: new Date(ctx.clock.now().getTime() - 91 * 86_400_000) })
      .where('id', '=', old.id)
      .execute();
    try {
      const now = JSON.parse((await get(`/requests.json?api_key=${apiKey}`)).body) as { service_request_id: string }[];
      expect(now.map((r) => r.service_request_id)).not.toContain(two[0]);
    } finally {
      await ctx.deps.db.updateTable('tickets').set({ received_at: old.received_at }).where('id', '=', old.id).execute();
    }
  });

  it('a key reads only its own requests; reading takes a key; a revoked key is refused', async () => {
    const other = await ctx.api('POST', '/api/v1/open311-keys', {
      token: tokens.pd_admin!,
      body: { name: '街道小程序', bureauId: pdBureauId },
    });
    expect(other.statusCode, other.body).toBe(201);
    const otherKey = (other.json() as { apiKey: string; id: string }).apiKey;
    const mine = JSON.parse((await get(`/requests.json?api_key=${apiKey}`)).body) as { service_request_id: string }[];
    const id = mine[0]!.service_request_id;
    const r = await get(`/requests/${id}.json?api_key=${otherKey}`);
    expect(r.statusCode).toBe(404);
    expect(jsonErrors(r)[0]!.code).toBe(404);
    expect(JSON.parse((await get(`/requests.json?api_key=${otherKey}`)).body)).toEqual([]);
    const anonymous = await get(`/requests/${id}.xml`);
    expect(anonymous.statusCode).toBe(400);
    expect(xmlErrors(anonymous)[0]!.description).toMatch(/api_key/);
    const rv = await ctx.api('POST', `/api/v1/open311-keys/${(other.json() as { id: string }).id}/revoke`, {
      token: tokens.pd_admin!,
      body: {},
    });
    expect(rv.statusCode, rv.body).toBe(200);
    expect((rv.json() as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const revoked = await post('xml', sinkhole({ api_key: otherKey, device_id: 'revoked' }));
    expect(revoked.statusCode).toBe(403);
    expect(xmlErrors(revoked)[0]!.code).toBe('403');
  });
});

describe('throttle', () => {
  it('wrong keys past the public limit of one address are refused with 429 in the error format; a valid key refunds', async () => {
    const limit = ctx.deps.config.throttle.public_address.limit;
    const from = (remoteAddress: string, key: string) =>
      ctx.app.inject({ method: 'GET', url: `${BASE}/requests.xml?api_key=${encodeURIComponent(key)}`, remoteAddress });
    // A valid key's reads do not use the limit up.
    for (let i = 0; i < limit + 2; i++) expect((await from('10.9.9.8', apiKey)).statusCode).toBe(200);
    for (let i = 0; i < limit; i++) expect((await from('10.9.9.9', 'o311_wrong')).statusCode).toBe(403);
    const refused = await from('10.9.9.9', 'o311_wrong');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(xmlErrors(refused)[0]!.code).toBe('429');
    // Another address is not affected.
    expect((await from('10.9.9.10', 'o311_wrong')).statusCode).toBe(403);
  });
});

describe('partner keys (administrator)', () => {
  it('the administrator lists his jurisdiction’s keys without the key itself', async () => {
    const r = await ctx.api('GET', '/api/v1/open311-keys', { token: tokens.pd_admin! });
    expect(r.statusCode, r.body).toBe(200);
    const keys = (r.json() as { items: { id: string; bureauId: string; requestCount: number }[] }).items;
    expect(keys.find((k) => k.id === keyId)!.requestCount).toBeGreaterThan(0);
    expect(keys.every((k) => k.bureauId === pdBureauId)).toBe(true);
    expect(r.body).not.toContain(apiKey);
    const city = await ctx.api('GET', '/api/v1/open311-keys', { token: tokens.admin! });
    expect((city.json() as { items: { id: string }[] }).items.map((k) => k.id)).toContain(keyId);
    const qp = await ctx.api('GET', '/api/v1/open311-keys', { token: tokens.qp_admin! });
    expect((qp.json() as { items: { id: string }[] }).items.map((k) => k.id)).not.toContain(keyId);
  });

  it('forbidden paths: another district’s bureau or key (404), a role that may not (403), a squad (400)', async () => {
    const qpMakesPd = await ctx.api('POST', '/api/v1/open311-keys', { token: tokens.qp_admin!, body: { name: 'x', bureauId: pdBureauId } });
    expect(qpMakesPd.statusCode).toBe(404);
    const qpRevokes = await ctx.api('POST', `/api/v1/open311-keys/${keyId}/revoke`, { token: tokens.qp_admin!, body: {} });
    expect(qpRevokes.statusCode).toBe(404);
    for (const u of ['pd_command', 'pd_leader']) {
      const r = await ctx.api('POST', '/api/v1/open311-keys', { token: tokens[u]!, body: { name: 'x', bureauId: pdBureauId } });
      expect(r.statusCode, u).toBe(403);
      expect((await ctx.api('GET', '/api/v1/open311-keys', { token: tokens[u]! })).statusCode).toBe(403);
    }
    const squad = await ctx.deps.db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'squad')
      .where('path', 'like', '%')
      .executeTakeFirstOrThrow();
    const r = await ctx.api('POST', '/api/v1/open311-keys', { token: tokens.admin!, body: { name: 'x', bureauId: squad.id } });
    expect(r.statusCode).toBe(400);
    const qpOwn = await ctx.api('POST', '/api/v1/open311-keys', {
      token: tokens.qp_admin!,
      body: { name: '青浦伙伴', bureauId: qpBureauId },
    });
    expect(qpOwn.statusCode, qpOwn.body).toBe(201);
    expect((await ctx.api('GET', '/api/v1/open311-keys', { token: tokens.anonymous ?? '' })).statusCode).toBe(401);
  });
});
