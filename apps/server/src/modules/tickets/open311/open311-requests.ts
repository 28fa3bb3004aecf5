// GeoReport v2 service requests: POST requests (a partner files a complaint; it becomes a ticket of the key's bureau
// with channel 'open311', routed by its point like any other, on the I4 WD(5) feedback clock), GET tokens/{token},
// GET requests (the key's own requests, filtered) and GET requests/{id}. Coordinates are WGS-84 both ways: the
// tickets store WGS-84 (docs/tickets.md §5); the console converts to GCJ-02 only to draw them on its map.
import {
  DEFAULT_REPEAT_RULES,
  feedbackDue,
  firstContactDue,
  repeatedComplaint,
  shanghaiDateOf,
  ticketAddressKey,
  toWgs84,
} from '@chengguan/domain';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { recordAudit } from '../../audit/index.ts';
import { bureauNameOf, cityMap, placeOf } from '../../geo/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { findOrg } from '../../org/index.ts';
import { squadOfPoint } from '../../subjects/index.ts';
import { refreshDue, TICKET_CLOCKS } from '../tickets.clock.ts';
import { insertTicketEvent, repeatCandidates } from '../tickets.repository.ts';
import { reporterKeyOf, ticketNumber } from '../use-cases/intake.ts';
import { open311Error, Open311Error, type Open311Record } from './open311-format.ts';
import type { Open311KeyRow } from './open311-keys.ts';
import { serviceOrFail, type Service } from './open311-services.ts';

/** Form fields as parsed: a repeated field (a multivaluelist answer) is a list. */
export type Open311Params = Record<string, string | string[] | undefined>;

/** What the bureau tells the partner on every accepted request (I4: 上海市城市管理行政执法条例 Art. 26). */
export const SERVICE_NOTICE = '已受理。依《上海市城市管理行政执法条例》第二十六条，将在五个工作日内告知核查情况。';

const one = (p: Open311Params, name: string): string | undefined => {
  const v = p[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
};

function maxLength(p: Open311Params, name: string, max: number): string | undefined {
  const v = one(p, name);
  if (v !== undefined && v.length > max)
    throw open311Error(400, `${name}：不得超过 ${max} 个字符`, `${name} is longer than ${max} characters`);
  return v;
}

/** attribute[CODE] (or attribute[CODE][] for a multivaluelist) → the answers by code. */
function attributeAnswers(p: Open311Params): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, v] of Object.entries(p)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(name);
    if (!m || v === undefined) continue;
    const values = (Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter((x) => x !== '');
    out.set(m[1]!, [...(out.get(m[1]!) ?? []), ...values]);
  }
  return out;
}

/** Checks the answers against the service definition: every required one given, each of its datatype. */
function checkAttributes(
  service: Service,
  answers: Map<string, string[]>,
): { code: string; description: string; values: string[]; names: string[] }[] {
  const errors: { code: number; description: string }[] = [];
  const out: { code: string; description: string; values: string[]; names: string[] }[] = [];
  for (const unknown of [...answers.keys()].filter((c) => !service.attributes.some((a) => a.code === c))) {
    errors.push({
      code: 400,
      description: `attribute[${unknown}]：服务“${service.code}”没有这一项 / attribute[${unknown}] is not an attribute of service ${service.code}`,
    });
  }
  for (const a of service.attributes) {
    const values = answers.get(a.code) ?? [];
    const field = `attribute[${a.code}]`;
    if (values.length === 0) {
      if (a.required) errors.push({ code: 400, description: `${field}：“${a.description}”为必填项 / ${field} is required` });
      continue;
    }
    if (a.datatype !== 'multivaluelist' && values.length > 1) {
      errors.push({ code: 400, description: `${field}：只能填一个值 / ${field} takes one value` });
      continue;
    }
    const names: string[] = [];
    for (const v of values) {
      if (a.datatype === 'number' && !/^-?\d+(\.\d+)?$/.test(v)) {
        errors.push({ code: 400, description: `${field}：须为数字 / ${field} must be a number` });
      } else if (
        a.datatype === 'datetime' &&
        (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v)))
      ) {
        errors.push({
          code: 400,
          description: `${field}：须为带时区的 ISO 8601 时间 / ${field} must be an ISO 8601 datetime with its time zone`,
        });
      } else if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
        const found = a.values.find((x) => x.key === v);
        if (!found)
          errors.push({ code: 400, description: `${field}：“${v}”不是可选值之一 / ${field}: "${v}" is not one of the values' keys` });
        else names.push(found.name);
      } else if (v.length > 1000) {
        errors.push({ code: 400, description: `${field}：不得超过 1000 个字符 / ${field} is longer than 1000 characters` });
      } else names.push(v);
    }
    out.push({ code: a.code, description: a.description, values, names });
  }
  if (errors.length > 0) throw new Open311Error(400, errors);
  return out;
}

function coordinate(p: Open311Params, name: 'lat' | 'long', min: number, max: number): number | undefined {
  const raw = one(p, name);
  if (raw === undefined) return undefined;
  if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(raw)) throw open311Error(400, `${name}：须为十进制度数`, `${name} must be decimal degrees`);
  const v = Number(raw);
  if (v < min || v > max) throw open311Error(400, `${name}：须在 ${min} 至 ${max} 之间`, `${name} must lie between ${min} and ${max}`);
  return v;
}

/** The point (WGS-84) in the city and in the key's bureau's district, with the squad whose service area holds it. */
async function locate(db: Executor, bureauId: string, lon: number, lat: number): Promise<{ orgId: string | null }> {
  const point = toWgs84([lon, lat], 'wgs84');
  const bureau = (await findOrg(db, bureauId))!;
  const place = placeOf(point, await bureauNameOf(db, bureau));
  if (!place.withinCity) {
    const [w, s, e, n] = cityMap().bounds;
    throw open311Error(
      400,
      `lat/long：地点（北纬 ${lat}°，东经 ${lon}°）不在本市范围内（东经 ${w.toFixed(2)}°–${e.toFixed(2)}°，北纬 ${s.toFixed(2)}°–${n.toFixed(2)}°）`,
      `lat/long: the point (${lat}, ${lon}) lies outside the city (longitude ${w.toFixed(2)}–${e.toFixed(2)}, latitude ${s.toFixed(2)}–${n.toFixed(2)}; WGS-84)`,
    );
  }
  if (!place.inBureauArea) {
    throw open311Error(
      400,
      `lat/long：地点位于${place.district ?? '本市各区以外'}，不在${bureau.name}的辖区（${place.bureauDistrict ?? '本市'}）内`,
      `lat/long: the point lies in ${place.district ?? 'no district'}, outside the area of the bureau (${place.bureauDistrict ?? 'the city'})`,
    );
  }
  return { orgId: await squadOfPoint(db, bureauId, point) };
}

/**
 * The sender's number of the ticket, which makes a retry one ticket: the Idempotency-Key header when given, else the
 * device, the service, the text, the place and the Shanghai day (the same report from the same device that day);
 * a request with neither is never taken for another.
 */
function externalNoOf(key: Open311KeyRow, p: Open311Params, idempotencyKey: string | undefined, day: string, id: string): string {
  if (idempotencyKey) return `K${sm3Hex(`open311-idem\n${key.id}\n${idempotencyKey}`).slice(0, 40)}`;
  const device = one(p, 'device_id');
  if (device) {
    const parts = [
      key.id,
      device,
      one(p, 'service_code'),
      one(p, 'description'),
      one(p, 'lat'),
      one(p, 'long'),
      one(p, 'address_string'),
      day,
    ];
    return `D${sm3Hex(`open311-device\n${parts.map((x) => x ?? '').join('\n')}`).slice(0, 40)}`;
  }
  return `R${id}`;
}

export type Submitted = { serviceRequestId: string; token: string; created: boolean };

export async function submitRequest(
  deps: Deps,
  key: Open311KeyRow,
  meta: RequestMeta,
  p: Open311Params,
  idempotencyKey: string | undefined,
): Promise<Submitted> {
  const service = await serviceOrFail(deps.db, one(p, 'service_code'));
  const lat = coordinate(p, 'lat', -90, 90);
  const lon = coordinate(p, 'long', -180, 180);
  if ((lat === undefined) !== (lon === undefined)) throw open311Error(400, 'lat/long：纬度和经度须同时提供', 'lat and long go together');
  const addressString = maxLength(p, 'address_string', 500);
  const addressId = maxLength(p, 'address_id', 100);
  if (lat === undefined && !addressString) {
    throw open311Error(
      400,
      addressId ? 'address_id：本市未公布地址编号，请提供 lat/long 或 address_string' : 'lat/long 或 address_string：请提供地点',
      addressId ? 'address_id is not offered here; give lat/long or address_string' : 'a location is required: lat/long or address_string',
    );
  }
  const description = maxLength(p, 'description', 4000);
  const email = maxLength(p, 'email', 254);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw open311Error(400, 'email：电子邮箱格式不正确', 'email is not an e-mail address');
  const phone = maxLength(p, 'phone', 30);
  if (phone && !/^[+\d][\d\s()-]{4,29}$/.test(phone))
    throw open311Error(400, 'phone：电话号码格式不正确', 'phone is not a telephone number');
  const mediaUrl = maxLength(p, 'media_url', 2000);
  if (mediaUrl && !/^https?:\/\/\S+$/.test(mediaUrl))
    throw open311Error(400, 'media_url：须为 http(s) 网址', 'media_url must be an http(s) URL');
  const firstName = maxLength(p, 'first_name', 50);
  const lastName = maxLength(p, 'last_name', 50);
  const deviceId = maxLength(p, 'device_id', 200);
  const accountId = maxLength(p, 'account_id', 200);
  const answers = checkAttributes(service, attributeAnswers(p));

  const now = deps.clock.now();
  const id = deps.newId();
  const externalNo = externalNoOf(key, p, idempotencyKey, shanghaiDateOf(now), id);
  const content = [description ?? service.name, ...answers.map((a) => `${a.description}：${a.names.join('、')}`)].join('\n');
  // Chinese order: family name first.
  const reporterName = [lastName, firstName].filter(Boolean).join('') || null;

  return deps.db.transaction().execute(async (trx) => {
    // The same report sent again (a retry) is the same ticket: answered with its id and token, nothing new written.
    const existing = await trx
      .selectFrom('tickets as t')
      .innerJoin('open311_submissions as s', 's.ticket_id', 't.id')
      .select(['t.number', 's.token'])
      .where('t.channel', '=', 'open311')
      .where('t.external_no', '=', externalNo)
      .executeTakeFirst();
    if (existing) return { serviceRequestId: existing.number, token: existing.token, created: false };
    const located = lat !== undefined && lon !== undefined ? await locate(trx, key.bureau_id, lon, lat) : null;
    const addressKey = ticketAddressKey(addressString ?? null);
    const reporterKey = reporterKeyOf(phone);
    const earlier = await repeatCandidates(
      trx,
      key.bureau_id,
      addressKey,
      reporterKey,
      new Date(now.getTime() - DEFAULT_REPEAT_RULES.windowDays * 86_400_000),
      now,
    );
    const repeat = repeatedComplaint(
      { id, receivedAt: now, address: addressString ?? null, reporterKey },
      earlier.map((e) => ({ id: e.id, receivedAt: new Date(e.received_at), address: e.address, reporterKey: e.reporter_key })),
    );
    const category = await trx
      .selectFrom('ticket_categories')
      .select('default_limit')
      .where('code', '=', service.code)
      .executeTakeFirstOrThrow();
    const calendar = await loadWorkCalendar(trx);
    const number = ticketNumber(id, now);
    await trx
      .insertInto('tickets')
      .values({
        id,
        number,
        channel: 'open311',
        external_no: externalNo,
        bureau_id: key.bureau_id,
        org_id: located?.orgId ?? null,
        officer_id: null,
        category_code: service.code,
        dispatch_level: 'ordinary',
        limit_kind: category.default_limit,
        state: 'received',
        content,
        address: addressString ?? null,
        address_key: addressKey,
        point_lon: lon ?? null,
        point_lat: lat ?? null,
        reporter_name: reporterName,
        reporter_phone: phone ?? null,
        reporter_key: reporterKey,
        photo_sm3s: [],
        received_at: now,
        first_contact_due_at: firstContactDue(now, TICKET_CLOCKS),
        handling_due_on: shanghaiDateOf(now),
        handling_due_at: now,
        feedback_due_on: feedbackDue('open311', now, calendar, TICKET_CLOCKS),
        accepted_at: null,
        repeated: repeat.repeated,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const token = deps.newId();
    await trx
      .insertInto('open311_submissions')
      .values({
        ticket_id: id,
        key_id: key.id,
        token,
        device_id: deviceId ?? null,
        account_id: accountId ?? null,
        email: email ?? null,
        media_url: mediaUrl ?? null,
        address_id: addressId ?? null,
        attributes: JSON.stringify(Object.fromEntries(answers.map((a) => [a.code, a.values]))),
        created_at: now,
      })
      .execute();
    const clock = await refreshDue(trx, { id, received_at: now, category_code: service.code, dispatch_level: 'ordinary' }, calendar, now);
    await insertTicketEvent(trx, {
      id: deps.newId(),
      ticketId: id,
      action: 'intake',
      from: null,
      to: 'received',
      actorId: null,
      actorName: `Open311：${key.name}`,
      note: `合作方“${key.name}”提交`,
      data: {
        channel: 'open311',
        keyId: key.id,
        orgId: located?.orgId ?? null,
        routedByPoint: located?.orgId != null,
        repeated: repeat,
        dueOn: clock.dueDate,
      },
      at: now,
    });
    await recordAudit(trx, deps, { id: null, bureauId: key.bureau_id }, meta, {
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: id,
      data: { channel: 'open311', keyId: key.id, categoryCode: service.code, orgId: located?.orgId ?? null, dueOn: clock.dueDate },
      bureauId: key.bureau_id,
    });
    return { serviceRequestId: number, token, created: true };
  });
}

/** GET tokens/{token}: the request the token stands for (the key's own only). */
export async function requestOfToken(db: Executor, key: Open311KeyRow, token: string): Promise<Open311Record> {
  const row = await db
    .selectFrom('open311_submissions as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select(['t.number', 's.token'])
    .where('s.token', '=', token)
    .where('s.key_id', '=', key.id)
    .executeTakeFirst();
  if (!row) throw open311Error(404, `token：“${token}”不存在`, `token "${token}" was not found`);
  return { service_request_id: row.number, token: row.token };
}

const CLOSED_STATES = ['replied', 'closed', 'referred', 'merged'];
const STATE_NOTES: Record<string, string> = {
  received: '已接收，等待受理',
  accepted: '已受理，等待派遣',
  dispatched: '已派遣至执法中队',
  handling: '执法队员正在处置',
  returned: '已退回，等待重新受理',
  referred: '不属于城管执法职责，已移送有关部门处理',
};

function requestsQuery(db: Executor, key: Open311KeyRow) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('open311_submissions as s', 's.ticket_id', 't.id')
    .innerJoin('ticket_categories as c', 'c.code', 't.category_code')
    .innerJoin('orgs as b', 'b.id', 't.bureau_id')
    .leftJoin('orgs as o', 'o.id', 't.org_id')
    .leftJoin('tickets as parent', 'parent.id', 't.parent_id')
    .select([
      't.number',
      't.state',
      't.reply_text',
      't.category_code',
      'c.name_zh as service_name',
      't.content',
      'b.name as bureau_name',
      'o.name as org_name',
      't.received_at',
      't.updated_at',
      't.handling_due_at',
      't.address',
      's.address_id',
      't.point_lat',
      't.point_lon',
      's.media_url',
      'parent.number as parent_number',
    ])
    .where('s.key_id', '=', key.id);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>['execute']>>[number];

/** One service request as GeoReport shows it. The reporter's name, phone and e-mail are never shown (I4). */
function requestEntry(r: RequestRow): Open311Record {
  const closed = CLOSED_STATES.includes(r.state);
  const notes =
    r.state === 'merged'
      ? `与诉件 ${r.parent_number ?? ''} 合并处理`
      : r.state === 'replied' || r.state === 'closed'
        ? (r.reply_text ?? '已办结')
        : (STATE_NOTES[r.state] ?? null);
  return {
    service_request_id: r.number,
    status: closed ? 'closed' : 'open',
    status_notes: notes,
    service_name: r.service_name,
    service_code: r.category_code,
    description: r.content,
    agency_responsible: r.org_name ? `${r.bureau_name}${r.org_name}` : r.bureau_name,
    service_notice: SERVICE_NOTICE,
    requested_datetime: isoOrNull(r.received_at),
    updated_datetime: isoOrNull(r.updated_at),
    expected_datetime: isoOrNull(r.handling_due_at),
    address: r.address,
    address_id: r.address_id,
    zipcode: null,
    lat: r.point_lat,
    long: r.point_lon,
    media_url: r.media_url,
  };
}

function isoOrNull(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

export async function requestById(db: Executor, key: Open311KeyRow, id: string): Promise<Open311Record> {
  const row = await requestsQuery(db, key).where('t.number', '=', id).executeTakeFirst();
  if (!row) throw open311Error(404, `service_request_id：“${id}”不存在`, `service_request_id "${id}" was not found`);
  return requestEntry(row);
}

const DAY = 86_400_000;
/** The specification's default and largest span, and the most requests one answer carries. */
export const SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;

function dateParam(p: Open311Params, name: string): Date | undefined {
  const raw = one(p, name);
  if (raw === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw open311Error(
      400,
      `${name}：须为带时区的 ISO 8601 时间（如 2026-03-02T10:00:00+08:00）`,
      `${name} must be an ISO 8601 datetime with its time zone`,
    );
  }
  return new Date(raw);
}

const csv = (p: Open311Params, name: string): string[] | undefined => {
  const v = one(p, name);
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
};

/**
 * GET requests: by service_request_id (a comma list; then the other filters are ignored, as the specification
 * says), else by service_code, status and requested_datetime between start_date and end_date — by default the last
 * 90 days, never a span of more than 90 days — newest first, at most 1000.
 */
export async function searchRequests(db: Executor, key: Open311KeyRow, p: Open311Params, now: Date): Promise<Open311Record[]> {
  const ids = csv(p, 'service_request_id');
  if (ids) {
    if (ids.length > MAX_REQUESTS)
      throw open311Error(400, `service_request_id：一次最多 ${MAX_REQUESTS} 个`, `service_request_id: at most ${MAX_REQUESTS}`);
    const rows = await requestsQuery(db, key).where('t.number', 'in', ids).orderBy('t.received_at', 'desc').orderBy('t.number').execute();
    return rows.map(requestEntry);
  }
  const codes = csv(p, 'service_code');
  const statuses = csv(p, 'status');
  for (const s of statuses ?? []) {
    if (s !== 'open' && s !== 'closed')
      throw open311Error(400, `status：“${s}”不是 open 或 closed`, `status "${s}" is neither open nor closed`);
  }
  let start = dateParam(p, 'start_date');
  let end = dateParam(p, 'end_date');
  if (start && end && start.getTime() > end.getTime())
    throw open311Error(400, 'start_date：不得晚于 end_date', 'start_date is after end_date');
  if (start && end && end.getTime() - start.getTime() > SPAN_DAYS * DAY) {
    throw open311Error(
      400,
      `start_date/end_date：跨度不得超过 ${SPAN_DAYS} 天`,
      `start_date to end_date may not span more than ${SPAN_DAYS} days`,
    );
  }
  if (!start && !end) {
    end = now;
    start = new Date(now.getTime() - SPAN_DAYS * DAY);
  } else if (!start) start = new Date(end!.getTime() - SPAN_DAYS * DAY);
  else if (!end) end = new Date(start.getTime() + SPAN_DAYS * DAY);
  let q = requestsQuery(db, key).where('t.received_at', '>=', start).where('t.received_at', '<=', end!);
  if (codes) q = q.where('t.category_code', 'in', codes);
  if (statuses && statuses.length === 1) {
    q = statuses[0] === 'closed' ? q.where('t.state', 'in', CLOSED_STATES) : q.where('t.state', 'not in', CLOSED_STATES);
  }
  const rows = await q.orderBy('t.received_at', 'desc').orderBy('t.number').limit(MAX_REQUESTS).execute();
  return rows.map(requestEntry);
}
