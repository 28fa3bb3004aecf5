// Malformed input never reaches a 5xx, and every refusal is the one error body. The routes come from the application's
// own OpenAPI document, so a new route is fuzzed without a test of its own. For every route the test sends a valid
// request built from the schemas (with ids of the demo objects, so deeper code runs) and then malformed values of every
// parameter and body field, by class, as an officer, an administrator, a party in the portal and an anonymous client.
// The choice is bounded and deterministic (seeded PRNG; FUZZ_SEED and FUZZ_PER_ROUTE change it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { mulberry32 } from '@chengguan/domain';
import { ErrorBody } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { seedDemoCases, type DemoCase } from '../src/seed/demo-cases.ts';
import { portalLogin } from './portal-support.ts';
import {
  BODY_VARIANTS,
  bodyVariants,
  drawUuid,
  enumValues,
  fieldName,
  fieldsOf,
  operationsOf,
  pickOne,
  sample,
  shuffled,
  toJsonText,
  urlVariants,
  withValue,
  type Operation,
  type Pools,
  type SampleContext,
  type Zone,
  UNKNOWN_FIELDS,
} from './fuzz-support.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 16);
const IDS_PER_PARAM = 2;

type Identity = 'officer' | 'admin' | 'party' | 'anonymous';
const USERS = { officer: 'pd_ljz_01', admin: 'admin' } as const;

/** One request to send and what its answer must be. */
type Probe = {
  op: Operation;
  cls: string;
  identity: Identity;
  /** A 4xx is required; a 400 must name `field`. */
  refused: boolean;
  field: string | null;
  url: string;
  headers: Record<string, string>;
  payload?: string;
};

type Outcome = { probe: Probe; status: number; body: string };

let ctx: TestContext;
let demo: DemoCase[];
const rng = mulberry32(SEED);
const tokens = new Map<Identity, string>();
const pools: Pools = new Map();
const zonePools = new Map<Zone, Pools>();
const getCache = new Map<string, unknown>();

beforeAll(async () => {
  ctx = await createTestContext();
  demo = await seedDemoCases(ctx.app, ctx.deps, ctx.seed.ids.officers);
  await refresh('officer');
  await refresh('admin');
  await refresh('party');
}, 180_000);
afterAll(async () => ctx?.close());

async function refresh(identity: Identity): Promise<void> {
  if (identity === 'officer' || identity === 'admin') tokens.set(identity, await ctx.login(USERS[identity]));
  if (identity === 'party') {
    const b = demo.find((c) => c.key === 'B')!;
    try {
      tokens.set('party', (await portalLogin(ctx, b.id, b.documentNumber!)).cookie);
    } catch {
      // The fuzzing may have locked the party's number (too many wrong codes): his probes then answer 401.
    }
  }
}

function authHeaders(identity: Identity): Record<string, string> {
  const t = tokens.get(identity);
  if (!t) return {};
  return identity === 'party' ? { cookie: t } : { authorization: `Bearer ${t}` };
}

async function send(p: Probe): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: p.op.method as 'GET',
    url: p.url,
    headers: { ...authHeaders(p.identity), ...p.headers },
    ...(p.payload !== undefined ? { payload: p.payload } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What the application shows: ids and codes of its own objects, by the key they appear under

function collect(json: unknown, into: Pools[], depth = 0): void {
  if (depth > 8 || json === null || typeof json !== 'object') return;
  if (Array.isArray(json)) {
    for (const v of json.slice(0, 50)) collect(v, into, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(json)) {
    if (typeof v === 'string' && v.length > 0 && v.length <= 200) {
      for (const pool of into) {
        const list = pool.get(k) ?? [];
        if (!list.includes(v) && list.length < 60) list.push(v);
        pool.set(k, list);
      }
    } else collect(v, into, depth + 1);
  }
}

function zonePool(zone: Zone): Pools {
  let p = zonePools.get(zone);
  if (!p) zonePools.set(zone, (p = new Map()));
  return p;
}

const identitiesOf = (zone: Zone): Identity[] => (zone === 'v1' ? ['officer', 'admin'] : zone === 'portal' ? ['party'] : ['anonymous']);

async function getJson(url: string, identity: Identity, zone: Zone): Promise<unknown> {
  const key = `${identity} ${url}`;
  if (getCache.has(key)) return getCache.get(key);
  const r = await ctx.app.inject({ method: 'GET', url, headers: authHeaders(identity) });
  const json = r.statusCode === 200 && String(r.headers['content-type']).includes('json') ? (r.json() as unknown) : null;
  if (json) collect(json, [pools, zonePool(zone)]);
  getCache.set(key, json);
  return json;
}

/** GET every route that needs no parameter, as each identity of its zone: the pools of existing values. */
async function crawl(ops: Operation[]): Promise<void> {
  for (const op of ops) {
    if (op.method !== 'GET' || op.pathParams.length || op.query.some((q) => q.required) || /\.(xlsx|pdf|zip|jsonl)$/.test(op.path))
      continue;
    for (const identity of identitiesOf(op.zone)) await getJson(op.path, identity, op.zone);
  }
}

function idsIn(json: unknown, key: string): string[] {
  const items = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { items?: unknown }).items)
      ? (json as { items: unknown[] }).items
      : [];
  return items.flatMap((it) =>
    it && typeof it === 'object' && typeof (it as Record<string, unknown>)[key] === 'string' ? [(it as Record<string, string>)[key]!] : [],
  );
}

/**
 * Existing values for the path parameters: the ids listed by the GET route one level up (cases for
 * /cases/{id}/…, the case's services for …/services/{serviceId}/…), else what the zone's answers showed under that name.
 */
async function pathValues(op: Operation, identity: Identity, getOps: Set<string>): Promise<Record<string, string>[]> {
  let combos: Record<string, string>[] = [{}];
  for (const param of op.pathParams) {
    const next: Record<string, string>[] = [];
    for (const combo of combos) {
      const at = op.path.indexOf(`{${param.name}}`);
      const prefix = op.path.slice(0, at).replace(/\/$/, '');
      let found: string[] = [];
      if (getOps.has(prefix)) {
        const url = prefix.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(combo[n] ?? ''));
        const json = await getJson(url, identity, op.zone);
        found = idsIn(json, param.name).concat(idsIn(json, 'id'));
      }
      if (!found.length)
        found = [...(zonePool(op.zone).get(param.name) ?? []), ...(param.name === 'id' ? [] : (pools.get(param.name) ?? []))];
      const allowed = enumValues(param.schema);
      if (allowed) found = allowed.map(String);
      const valid = found.filter((v) => !param.schema.pattern || new RegExp(param.schema.pattern, 'u').test(v));
      const chosen = shuffled(rng, [...new Set(valid)]).slice(0, IDS_PER_PARAM);
      if (!chosen.length) chosen.push(String(sample(param.schema, param.name, sampleContext())));
      for (const v of chosen) next.push({ ...combo, [param.name]: v });
    }
    combos = next.slice(0, IDS_PER_PARAM + 1);
  }
  return combos;
}

function sampleContext(): SampleContext {
  const now = ctx.clock.now();
  return { rng, pools, today: now.toISOString().slice(0, 10), now: now.toISOString() };
}

// ---------------------------------------------------------------------------------------------------------------
// Probes of one operation

function urlOf(op: Operation, path: Record<string, string>, query: [string, string][], raw = new Set<string>()): string {
  const p = op.path.replace(/\{(\w+)\}/g, (_m, n: string) => (raw.has(n) ? path[n]! : encodeURIComponent(path[n] ?? '')));
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${raw.has(`?${k}`) ? v : encodeURIComponent(v)}`).join('&');
  return qs ? `${p}?${qs}` : p;
}

function baseQuery(op: Operation, sc: SampleContext): [string, string][] {
  return op.query.filter((q) => q.required).map((q) => [q.name, String(sample(q.schema, q.name, sc))]);
}

function jsonHeaders(): Record<string, string> {
  return { 'content-type': 'application/json' };
}

async function probesOf(op: Operation, getOps: Set<string>): Promise<{ base: Probe[]; malformed: Probe[] }> {
  const sc = sampleContext();
  const identities = identitiesOf(op.zone);
  const base: Probe[] = [];
  const combosBy = new Map<Identity, Record<string, string>[]>();
  const body = op.body ? sample(op.body, 'body', sc) : undefined;
  const query = baseQuery(op, sc);
  for (const identity of identities) {
    const combos = await pathValues(op, identity, getOps);
    combosBy.set(identity, combos);
    for (const combo of combos) {
      base.push({
        op,
        cls: 'valid',
        identity,
        refused: false,
        field: null,
        url: urlOf(op, combo, query),
        headers: body !== undefined ? jsonHeaders() : {},
        ...(body !== undefined ? { payload: toJsonText(body) } : {}),
      });
    }
  }
  // Malformed probes are grouped by class; one of each class is always sent, the rest drawn up to the budget.
  const byClass = new Map<string, (() => Probe)[]>();
  const add = (cls: string, make: () => Probe) => byClass.set(cls, [...(byClass.get(cls) ?? []), make]);
  const who = (): Identity => pickOne(rng, identities);
  const combo = (identity: Identity) => pickOne(rng, combosBy.get(identity) ?? [{}]);
  const bodyPart = (b: unknown) => (b !== undefined ? { headers: jsonHeaders(), payload: toJsonText(b) } : { headers: {} });

  if (op.body) {
    for (const f of fieldsOf(op.body)) {
      const valid = sample(f.schema, String(f.path[f.path.length - 1]), sc);
      for (const v of bodyVariants(f, valid, rng)) {
        add(v.cls, () => {
          const identity = who();
          const b = withValue(body, op.body!, f.path, v.value, sc);
          return {
            op,
            cls: v.cls,
            identity,
            refused: v.refused,
            field: fieldName(f.path),
            url: urlOf(op, combo(identity), query),
            ...bodyPart(b),
          };
        });
      }
    }
  }
  if (op.body && body && typeof body === 'object' && !Array.isArray(body)) {
    for (const extra of UNKNOWN_FIELDS) {
      add('unknown-field', () => {
        const identity = who();
        return {
          op,
          cls: 'unknown-field',
          identity,
          refused: false,
          field: null,
          url: urlOf(op, combo(identity), query),
          ...bodyPart({ ...body, ...extra }),
        };
      });
    }
  }
  for (const q of op.query) {
    for (const v of urlVariants(q, 'query', rng)) {
      add(v.cls, () => {
        const identity = who();
        const rest = query.filter(([k]) => k !== q.name);
        return {
          op,
          cls: v.cls,
          identity,
          refused: v.refused,
          field: q.name,
          url: urlOf(op, combo(identity), [...rest, [q.name, String(v.value)]], new Set([`?${q.name}`])),
          ...bodyPart(body),
        };
      });
    }
    add('duplicate-param', () => {
      const identity = who();
      const value = String(sample(q.schema, q.name, sc));
      return {
        op,
        cls: 'duplicate-param',
        identity,
        refused: false,
        field: q.name,
        url: urlOf(op, combo(identity), [...query, [q.name, value], [q.name, value]]),
        ...bodyPart(body),
      };
    });
  }
  for (const p of op.pathParams) {
    for (const v of urlVariants(p, 'path', rng)) {
      add(v.cls, () => {
        const identity = who();
        return {
          op,
          cls: v.cls,
          identity,
          refused: v.refused,
          field: p.name,
          url: urlOf(op, { ...combo(identity), [p.name]: String(v.value) }, query, new Set([p.name])),
          ...bodyPart(body),
        };
      });
    }
  }
  const mutating = op.method !== 'GET';
  if (mutating || op.body) {
    for (const v of BODY_VARIANTS) {
      if (v.jsonOnly && !op.body) continue;
      add(v.cls, () => {
        const identity = who();
        const text = typeof v.text === 'function' ? v.text() : v.text;
        const refused = v.refused ?? (!!op.body || v.cls === 'deep-json' || v.cls === 'malformed-json');
        return {
          op,
          cls: v.cls,
          identity,
          refused,
          field: v.field,
          url: urlOf(op, combo(identity), query),
          headers: { 'content-type': v.contentType },
          payload: text,
        };
      });
    }
  }
  if (op.zone !== 'public') {
    // The console API refuses a missing or wrong session; the portal's own login and logout do not need one.
    const refused = op.zone === 'v1';
    add('no-auth', () => ({
      op,
      cls: 'no-auth',
      identity: 'anonymous',
      refused,
      field: null,
      url: urlOf(op, combo(identities[0]!), query),
      ...bodyPart(body),
    }));
    for (const h of [
      { authorization: `Bearer ${'x'.repeat(43)}` },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: `Bearer ${'x'.repeat(5000)}` },
      { cookie: 'cg_session=%00%01; cg_portal=%FF' },
      { cookie: `cg_portal=${drawUuid(rng)}` },
    ] as Record<string, string>[]) {
      add('bad-token', () => {
        const b = bodyPart(body);
        return {
          op,
          cls: 'bad-token',
          identity: 'anonymous',
          refused,
          field: null,
          url: urlOf(op, combo(identities[0]!), query),
          ...b,
          headers: { ...b.headers, ...h },
        };
      });
    }
  }
  if (mutating && op.zone === 'v1') {
    for (const key of ['', 'x'.repeat(201), 'ключ', 'a b']) {
      add('idempotency-key', () => {
        const identity = who();
        const b = bodyPart(body);
        return {
          op,
          cls: 'idempotency-key',
          identity,
          refused: true,
          field: 'Idempotency-Key',
          url: urlOf(op, combo(identity), query),
          ...b,
          headers: { ...b.headers, 'idempotency-key': key },
        };
      });
    }
  }
  // A method the path does not have: the not-found answer, in the error body.
  add('wrong-method', () => {
    const identity = who();
    const method = ['PATCH', 'PUT', 'DELETE', 'POST'].find((m) => !getOps.has(`${m} ${op.path}`))!;
    return {
      op: { ...op, method },
      cls: 'wrong-method',
      identity,
      refused: true,
      field: null,
      url: urlOf(op, combo(identity), query),
      headers: {},
    };
  });

  const malformed: Probe[] = [];
  const classes = [...byClass.keys()].sort();
  const rest: (() => Probe)[] = [];
  for (const cls of classes) {
    const makers = byClass.get(cls)!;
    const i = Math.floor(rng() * makers.length);
    malformed.push(makers[i]!());
    rest.push(...makers.filter((_m, j) => j !== i));
  }
  while (malformed.length < PER_ROUTE && rest.length) malformed.push(rest.splice(Math.floor(rng() * rest.length), 1)[0]!());
  return { base, malformed };
}

// ---------------------------------------------------------------------------------------------------------------
// Judging the answers

const ERROR_KEYS = new Set(['code', 'message', 'messageEn', 'field', 'rule', 'details', 'correlationId']);

/** Why an answer is wrong, or null. */
/**
 * Open311 GeoReport v2 answers its refusals in the specification's error format, not the platform's error body: a
 * JSON array of {code, description} with the HTTP status as code, or the same as <errors><error> in XML.
 */
function judgeGeoReport(o: Outcome): string | null {
  const { probe, status } = o;
  if (status >= 500) return `status ${status}`;
  if (status < 400) return probe.refused ? `accepted with ${status}` : null;
  if (o.body.startsWith('<?xml')) {
    return new RegExp(
      `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<errors>(<error><code>${status}</code><description>[^<]+</description></error>)+</errors>\\n$`,
    ).test(o.body)
      ? null
      : `${status} body is not the GeoReport error format`;
  }
  try {
    const errors = JSON.parse(o.body) as { code?: unknown; description?: unknown }[];
    const ok = Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.code === status && typeof e.description === 'string');
    return ok ? null : `${status} body is not the GeoReport error format`;
  } catch {
    return `${status} without a GeoReport error body`;
  }
}

function judge(o: Outcome, baseValid: boolean): string | null {
  const { probe, status } = o;
  // An undecodable path or a URL over the limit is refused by the router before any route (or its format) is known:
  // those keep the platform's error body on every path.
  const beforeRouting = (probe.cls === 'bad-encoding' && probe.op.pathParams.some((p) => p.name === probe.field)) || status === 414;
  if (probe.op.path.startsWith('/open311/') && !beforeRouting) return judgeGeoReport(o);
  if (status >= 500) return `status ${status}`;
  if (status >= 400) {
    let json: unknown;
    try {
      json = JSON.parse(o.body);
    } catch {
      return `${status} without a JSON error body`;
    }
    if (!Value.Check(ErrorBody, json) || Object.keys(json as object).some((k) => !ERROR_KEYS.has(k)))
      return `${status} body is not the error body`;
    const e = json as ErrorBody;
    if (!e.correlationId) return `${status} without a correlation id`;
    if ((e.code === 'VALIDATION_FAILED' || e.code === 'INVALID_DATE') && !e.field) return `${status} ${e.code} names no field`;
    if (probe.refused && status === 400 && probe.field && baseValid) {
      const named = [e.field, ...(e.details ?? []).map((d) => d.field)];
      // A position taken out of a list (a point's longitude) leaves the list too short: naming the list is right.
      const parent = probe.cls === 'missing' && /\.\d+$/.test(probe.field) ? probe.field.replace(/\.\d+$/, '') : null;
      const fits = (f: string | undefined) => f === probe.field || f?.startsWith(`${probe.field}.`) || (parent !== null && f === parent);
      if (!named.some(fits)) return `400 names ${e.field}, not ${probe.field}`;
    }
    return null;
  }
  if (probe.refused) return `accepted with ${status}`;
  return null;
}

function table(rows: Map<string, Map<string, number>>): string {
  const cols = [...new Set([...rows.values()].flatMap((m) => [...m.keys()]))].sort();
  const head = ['class'.padEnd(20), ...cols.map((c) => c.padStart(6)), 'total'.padStart(7)].join('');
  const lines = [...rows.keys()].sort().map((r) => {
    const m = rows.get(r)!;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    return [r.padEnd(20), ...cols.map((c) => String(m.get(c) ?? '').padStart(6)), String(total).padStart(7)].join('');
  });
  return [head, ...lines].join('\n');
}

function tally(rows: Map<string, Map<string, number>>, row: string, col: string): void {
  const m = rows.get(row) ?? new Map<string, number>();
  m.set(col, (m.get(col) ?? 0) + 1);
  rows.set(row, m);
}

describe('malformed input (schema-driven fuzzing of every route)', () => {
  it('never answers 5xx, refuses what it must with a 4xx that names the field, always in the one error body', async () => {
    const doc = ctx.app.swagger();
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(150);
    const getOps = new Set([...ops.filter((o) => o.method === 'GET').map((o) => o.path), ...ops.map((o) => `${o.method} ${o.path}`)]);
    await crawl(ops);

    const outcomes: Outcome[] = [];
    const failures: string[] = [];
    const byClass = new Map<string, Map<string, number>>();
    const byIdentity = new Map<string, Map<string, number>>();
    let invalidBases = 0;

    const run = async (probe: Probe): Promise<Outcome> => {
      let r: LightMyRequestResponse;
      try {
        r = await send(probe);
      } catch (err) {
        // light-my-request refuses to send some header values, as a real client would.
        return { probe, status: 0, body: String(err) };
      }
      const o = { probe, status: r.statusCode, body: r.body };
      // Probes that log out or change a password end a session: log in again for the next ones.
      if (r.statusCode === 401 && probe.identity !== 'anonymous' && !probe.headers.authorization && !probe.headers.cookie)
        await refresh(probe.identity);
      return o;
    };

    // Creation routes first would change what the listing routes show; the order is the document's, fixed.
    for (const op of ops) {
      const { base, malformed } = await probesOf(op, getOps);
      const validFor = new Map<Identity, boolean>();
      for (const probe of base) {
        const o = await run(probe);
        outcomes.push(o);
        const valid = !(o.status === 400 && /"code":"VALIDATION_FAILED"/.test(o.body));
        validFor.set(probe.identity, (validFor.get(probe.identity) ?? true) && valid);
        if (!valid) {
          invalidBases++;
          if (process.env.FUZZ_VERBOSE) console.log(`sample refused: ${probe.op.method} ${probe.url} ${probe.payload ?? ''} → ${o.body}`);
        }
        const why = judge(o, true);
        if (why)
          failures.push(
            `${probe.op.method} ${probe.url.slice(0, 160)} [${probe.cls} as ${probe.identity}]: ${why} ${o.body.slice(0, 300)}`,
          );
      }
      for (const probe of malformed) {
        const o = await run(probe);
        outcomes.push(o);
        const why = judge(o, validFor.get(probe.identity) ?? true);
        if (why)
          failures.push(
            `${probe.op.method} ${probe.url.slice(0, 160)} [${probe.cls} as ${probe.identity}, field ${probe.field}]: ${why} ${o.body.slice(0, 300)}`,
          );
      }
    }
    // Paths that are no route at all.
    for (const url of [
      '/api/v1/no-such-route',
      '/api/no/such/route',
      `/api/v1/cases/${drawUuid(rng)}/no-such-step`,
      '/api/v1/%00',
      '/api/public/%FF',
    ]) {
      for (const identity of ['anonymous', 'officer'] as const) {
        const probe: Probe = {
          op: { method: 'GET', path: url, pathParams: [], query: [], body: null, bodyRequired: false, zone: 'v1' },
          cls: 'unknown-route',
          identity,
          refused: true,
          field: null,
          url,
          headers: {},
        };
        const o = await run(probe);
        outcomes.push(o);
        const why = judge(o, true);
        if (why) failures.push(`GET ${url} [unknown-route as ${identity}]: ${why} ${o.body.slice(0, 300)}`);
      }
    }

    // Bodies over the limit, on a few routes that take JSON (each costs megabytes, so not on every route).
    const large = `{"x":"${'x'.repeat(2.5 * 1024 * 1024)}"}`;
    for (const op of ops.filter((o) => o.body).filter((_o, i) => i % 25 === 0)) {
      const identity = identitiesOf(op.zone)[0]!;
      const combos = await pathValues(op, identity, getOps);
      const url = urlOf(op, combos[0] ?? {}, baseQuery(op, sampleContext()));
      const probe: Probe = { op, cls: 'too-large', identity, refused: true, field: 'body', url, headers: jsonHeaders(), payload: large };
      const o = await run(probe);
      outcomes.push(o);
      const why = judge(o, true);
      if (why) failures.push(`${op.method} ${url} [too-large as ${identity}]: ${why} ${o.body.slice(0, 300)}`);
    }

    for (const o of outcomes) {
      const status = o.status >= 500 ? '5xx' : String(o.status);
      tally(byClass, o.probe.cls, status);
      tally(byIdentity, o.probe.identity, status);
    }
    const fiveXx = outcomes.filter((o) => o.status >= 500).length;
    console.log(
      [
        `input fuzz: seed ${SEED}, ${ops.length} operations, ${outcomes.length} requests, ${fiveXx} × 5xx, ${failures.length} failures, ${invalidBases} valid-by-schema requests refused as invalid`,
        table(byClass),
        '',
        table(byIdentity),
      ].join('\n'),
    );
    if (process.env.FUZZ_FAILURES) (await import('node:fs')).writeFileSync(process.env.FUZZ_FAILURES, failures.join('\n'));
    expect(failures.slice(0, 40), `${failures.length} failures`).toEqual([]);
  }, 600_000);
});
