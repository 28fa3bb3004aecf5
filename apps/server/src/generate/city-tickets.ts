// Ten years of 诉件 (issue 13 §9; docs/tickets.md "The generated city"): ~115,000 tickets a year across the city
// (seed 000), 浦东 ≈ 31,070 of them (seed 004), seasonal (油烟 and noise peak in summer), on weekdays in business
// hours, from 12345 most, then 城运, officers' own discoveries and the community workrooms. Each ticket lies in a
// squad's service area and goes to that squad (the cells of city-areas partition the districts, as squadOfPoint routes
// by org_areas). Its timeline is a path through the domain's TICKET_MACHINE; its due dates are the domain's
// handlingClock / firstContactDue / feedbackDue at the instants the module would compute them; duplicates across
// channels (same category, within 50 m and 72 h) are merged under a parent; repeat complainants come back within 30
// days and `repeated` is the domain's repeatedComplaint over the tickets received before. Outcomes aim at the seeds'
// numbers (seed 004: 24 h contact 96.3 %, on time 98.87 %, resolved 91.37 %, satisfied 84.86 %). The tickets the
// complaint cases were registered from (city-cases' CITY_CONVERTED_TICKETS, 诉转案 29.6 %, seed 003) are written here
// with their convertToCase step at the case's registration; the other tickets are drawn so the yearly total stays.
import {
  DEFAULT_REPEAT_RULES,
  feedbackDue,
  firstContactDue,
  handlingClock,
  repeatedComplaint,
  SHANGHAI_TICKET_CLOCKS,
  shanghaiDateOf,
  ticketAddressKey,
  ticketStep,
  type DispatchLevel,
  type LegalDate,
  type RandomSource,
  type TicketAction,
  type TicketChannel,
  type TicketExtension,
  type TicketLimitKind,
  type TicketState,
} from '@chengguan/domain';
import type { Role } from '@chengguan/contracts';
import { placeOf } from '../modules/geo/index.ts';
import { reporterKeyOf, ticketNumber } from '../modules/tickets/index.ts';
import { MOBILE_PREFIXES, SURNAMES, GIVEN_F, GIVEN_M } from '../seed/demo-data.ts';
import { endOfShanghaiDay, shanghaiInstant } from '../shared/time.ts';
import { CITY_AREAS, type SquadArea } from './city-areas.ts';
import { CITY_CONVERTED_TICKETS, type ConvertedTicket } from './city-cases.ts';
import { CITY, type CityBureau, type CityOfficer, type CitySquad } from './city-orgs.ts';
import { ROAD_SUFFIXES, ROAD_WORDS } from './city-subjects.ts';
import { CITY_TICKETS_PER_YEAR, firstDay } from './options.ts';
import type { GeneratorPart, PartSummary } from './registry.ts';

/** Seed 004: 浦东 took in 31,070 of them in 2022. */
export const PUDONG_TICKETS_PER_YEAR = 31_070;

/** The outcome rates the generator aims at (seeds 003, 004). */
export const TICKET_TARGETS = {
  firstContact: 96.3,
  onTime: 98.87,
  resolution: 91.37,
  satisfaction: 84.86,
} as const;

const TICKET_COLUMNS = [
  'id',
  'number',
  'channel',
  'external_no',
  'bureau_id',
  'org_id',
  'officer_id',
  'category_code',
  'dispatch_level',
  'limit_kind',
  'state',
  'content',
  'address',
  'address_key',
  'point_lon',
  'point_lat',
  'reporter_name',
  'reporter_phone',
  'reporter_key',
  'photo_sm3s',
  'received_at',
  'first_contact_due_at',
  'first_contact_at',
  'handling_due_on',
  'handling_due_at',
  'feedback_due_on',
  'paused_since',
  'accepted_at',
  'replied_at',
  'reply_text',
  'closed_at',
  'resolved',
  'satisfaction',
  'repeated',
  'parent_id',
  'case_id',
  'converted_at',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const EVENT_COLUMNS = ['id', 'ticket_id', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'note', 'data', 'at'] as const;
const EXTENSION_COLUMNS = [
  'id',
  'ticket_id',
  'kind',
  'requested_due',
  'reason',
  'status',
  'requested_by',
  'requested_at',
  'decided_by',
  'decided_at',
  'decision_note',
] as const;
const PAUSE_COLUMNS = ['ticket_id', 'from_at', 'to_at'] as const;

/** Relative weight of each leaf category; unknown (administrator-added) leaves get 3. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  SR01: 8,
  SR02: 5,
  SR03: 6,
  SR04: 12,
  SR05: 2,
  XC01: 6,
  XC02: 4,
  SG01: 9,
  SG02: 4,
  SG03: 8,
  SG04: 7,
  JM01: 10,
  JM02: 8,
  JM03: 5,
  JM04: 7,
  TF01: 2,
  QT01: 3,
  QT02: 1,
  QT03: 4,
};
/** 油烟 and noise peak in summer (windows open, evenings outdoors). */
const SUMMER_CATEGORIES = new Set(['SR04', 'SG01', 'JM04']);
const SUMMER = [0.6, 0.6, 0.8, 1, 1.3, 1.7, 1.9, 1.8, 1.3, 0.9, 0.7, 0.6];
/** All tickets: a mild summer high, a low around the Spring Festival. */
const MONTH = [0.85, 0.75, 0.9, 0.95, 1.05, 1.12, 1.18, 1.18, 1.05, 0.98, 0.95, 0.9];
/** Receipt hour weights (Shanghai time): business hours, an evening shoulder, little at night. */
const HOURS = [0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 3.2, 4.2, 4.3, 3.8, 2.8, 3.6, 4.1, 4.0, 3.6, 2.8, 2.0, 1.8, 1.6, 1.3, 0.9, 0.5];
const CHANNELS: [TicketChannel, number][] = [
  ['hotline_12345', 0.7],
  ['city_ops', 0.12],
  ['officer', 0.11],
  ['workroom', 0.07],
];
/** Share of each channel's tickets with a phone to call back. */
const CONTACTABLE: Partial<Record<TicketChannel, number>> = { hotline_12345: 0.94, city_ops: 0.6, workroom: 0.9 };
const EXTERNAL_PREFIX: Partial<Record<TicketChannel, string>> = { hotline_12345: 'RX', city_ops: 'CY', workroom: 'GZS' };

const P = {
  referred: 0.012,
  returned: 0.01,
  duplicate: 0.05,
  repeatReporter: 0.04,
  escalate: 0.01,
  complex: 0.02,
  complexApproved: 0.9,
  callback: 0.9,
  /** Slightly above the target: a few replies are pushed late by a late contact or a long start. */
  onTime: 0.992,
  contact24h: 0.965,
  resolved: TICKET_TARGETS.resolution / 100,
  /** satisfied | resolved and | unresolved, so the total is ≈ 84.86 %. */
  satisfiedIfResolved: 0.92,
  satisfiedIfNot: 0.1,
};

const MINUTE = 60_000;
const HOUR = 3_600_000;

type Actor = { id: string; name: string; role: Role };
type Ev = {
  action: TicketAction | 'intake' | 'mergedChild';
  at: number;
  actor: Actor | null;
  note: string | null;
  data: Record<string, unknown>;
};

/** A ticket being built: its row's facts and its timeline (events in time order, cut at "today"). */
type Draft = {
  id: string;
  number: string;
  channel: TicketChannel;
  externalNo: string | null;
  bureau: CityBureau;
  squad: CitySquad;
  officer: CityOfficer | null;
  category: string;
  categoryName: string;
  categoryDefault: TicketLimitKind;
  level: DispatchLevel;
  content: string;
  address: string;
  point: [number, number];
  reporterName: string | null;
  reporterPhone: string | null;
  reporterKey: string | null;
  receivedAt: number;
  createdBy: CityOfficer;
  events: Ev[];
  extensions: {
    id: string;
    requestedAt: number;
    requestedBy: Actor;
    decidedAt: number | null;
    decidedBy: Actor | null;
    approved: boolean;
  }[];
  parentId: string | null;
  /** Children still to be processed (the parent's rows are written with its last child, in one batch). */
  waiting: number;
  children: Draft[];
  repeated: boolean;
  /** Parent's reply and closing carried to a merged child (only those after the merge). */
  carried: { repliedAt: number | null; replyText: string | null; closedAt: number | null } | null;
  /** The case registered from this ticket (诉转案). */
  convert: ConvertedTicket | null;
};

function poisson(rand: RandomSource, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rand)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

function gaussian(rand: RandomSource): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function weighted<T>(rand: RandomSource, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = rand() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![0];
}

/** Yearly tickets per bureau: 浦东 its seed figure, the rest by squads × relative load (as the cases are spread). */
export function ticketsPerBureau(bureaus: readonly CityBureau[], perYear: number): Map<string, number> {
  const pudongShare = PUDONG_TICKETS_PER_YEAR / CITY_TICKETS_PER_YEAR;
  const isPudong = (b: CityBureau) => b.name.startsWith('浦东');
  const load = (b: CityBureau) => b.squads.reduce((a, s) => a + s.weight, 0);
  const rest = bureaus.filter((b) => !isPudong(b)).reduce((a, b) => a + load(b), 0);
  return new Map(bureaus.map((b) => [b.id, isPudong(b) ? perYear * pudongShare : (perYear * (1 - pudongShare) * load(b)) / rest]));
}

const CONTENT: Record<string, string[]> = {
  SR04: ['饭店油烟直排，影响居民开窗', '烧烤店排烟扰民，夜间尤甚'],
  SG01: ['工地夜间施工噪声扰民', '深夜仍在打桩施工'],
  JM04: ['广场舞音响声音过大', '夜间户外娱乐噪声扰民'],
  JM01: ['路边无证设摊，占道经营', '流动摊贩占用人行道'],
  JM02: ['商铺跨门营业，货物堆放在人行道', '店外摆放桌椅经营'],
  SG03: ['小区内有人搭建违法建筑', '屋顶加盖违法建筑'],
  SG04: ['邻居装修破坏房屋承重结构', '装修擅自改变房屋外立面'],
};

export const cityTicketsPart: GeneratorPart = {
  name: 'city-tickets',
  after: ['city-orgs', 'city-areas', 'city-cases'],
  run: async (ctx): Promise<PartSummary> => {
    const { options, writer, calendar } = ctx;
    const rand = ctx.random;
    const city = ctx.outputs.get(CITY);
    const areas = ctx.outputs.get(CITY_AREAS);
    const perYear = options.ticketsPerYear;
    if (perYear <= 0) return { tickets: 0 };
    const allCategories = await ctx.db
      .selectFrom('ticket_categories')
      .select(['code', 'parent_code', 'name_zh', 'default_limit', 'offence_code', 'active'])
      .orderBy('code')
      .execute();
    const parentCodes = new Set(allCategories.map((c) => c.parent_code).filter((c): c is string => c !== null));
    const offenceOfCode = new Map(allCategories.map((c) => [c.code, c.offence_code]));
    const categories = allCategories
      .filter((c) => c.active && !parentCodes.has(c.code))
      .map((c) => ({
        code: c.code,
        name: c.name_zh,
        limit: c.default_limit as TicketLimitKind,
        weight: CATEGORY_WEIGHTS[c.code] ?? 3,
        // The offence a conversion proposes: the leaf's own, else its parent's (as convert.ts reads it).
        offence: c.offence_code ?? (c.parent_code ? (offenceOfCode.get(c.parent_code) ?? null) : null),
      }));
    if (categories.length === 0) throw new Error('no selectable ticket category');
    const converted = [...ctx.outputs.get(CITY_CONVERTED_TICKETS)].sort((a, b) => a.receivedAt - b.receivedAt);
    const convertedPerBureau = new Map<string, number>();
    for (const c of converted) convertedPerBureau.set(c.bureauId, (convertedPerBureau.get(c.bureauId) ?? 0) + 1);
    const byMonth = MONTH.map((_, m) => categories.map((c) => [c, c.weight * (SUMMER_CATEGORIES.has(c.code) ? SUMMER[m]! : 1)] as const));
    const shares = ticketsPerBureau(city.bureaus, perYear);
    const bureaus = city.bureaus.map((b) => ({
      bureau: b,
      // The converted tickets are part of the bureau's yearly share.
      perDay: Math.max(0, shares.get(b.id)! - (convertedPerBureau.get(b.id) ?? 0) / options.years) / 365,
      squads: b.squads.map((s) => [s, s.weight] as const),
    }));
    const first = firstDay(options);
    const nowMs = endOfShanghaiDay(options.until).getTime();
    const meanFactor = MONTH.reduce((a, b) => a + b, 0) / 12;

    const tickets = writer.table('tickets', TICKET_COLUMNS);
    const events = writer.table('ticket_events', EVENT_COLUMNS);
    const extensions = writer.table('ticket_extensions', EXTENSION_COLUMNS);
    const pauses = writer.table('ticket_pauses', PAUSE_COLUMNS);
    writer.expected.set('tickets', Math.round(perYear * options.years));

    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const person = () => pick(SURNAMES) + (rand() < 0.5 ? pick(GIVEN_M) : pick(GIVEN_F));
    const phone = () => pick(MOBILE_PREFIXES) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
    const asActor = (o: CityOfficer, role: Role): Actor => ({ id: o.id, name: o.name, role });
    /** A point inside a squad's cell, 40 m clear of its edges (a duplicate 25 m away stays in the same cell). */
    /** Intake refuses a point outside the bureau's district (POINT_OUTSIDE_BUREAU): cells near the border are redrawn. */
    const inDistrict = (p: [number, number], b: CityBureau) => placeOf(p, b.name).inBureauArea;
    const pointIn = (area: SquadArea, b: CityBureau): [number, number] => {
      for (let tries = 0; tries < 50; tries++) {
        const p = cellPoint(area);
        if (inDistrict(p, b)) return p;
      }
      throw new Error(`no point of ${area.street} inside ${b.name}`);
    };
    const cellPoint = (area: SquadArea): [number, number] => {
      const cell = Math.floor(rand() * (area.cells.length / 2));
      const m = 0.0004;
      return [
        Math.round((area.cells[2 * cell]! + m + rand() * (area.cellSize - 2 * m)) * 1e7) / 1e7,
        Math.round((area.cells[2 * cell + 1]! + m + rand() * (area.cellSize - 2 * m)) * 1e7) / 1e7,
      ];
    };
    const near = (p: [number, number]): [number, number] => {
      // Within ~25 m: 1e-4° of latitude ≈ 11 m.
      const r = rand() * 0.0002;
      const a = rand() * 2 * Math.PI;
      return [Math.round((p[0] + r * Math.cos(a)) * 1e7) / 1e7, Math.round((p[1] + r * Math.sin(a) * 0.85) * 1e7) / 1e7];
    };
    const address = (b: CityBureau, road: string, n: number) => `上海市${b.districtName}${road}${n}号`;

    // Repeat detection: earlier tickets by address key and reporter key, per bureau, pruned to the window.
    type Seen = { id: string; receivedAt: Date; address: string | null; reporterKey: string | null };
    const byKey = new Map<string, Seen[]>();
    const recentContacts = new Map<
      string,
      { name: string; phone: string; address: string; point: [number, number]; squad: CitySquad; at: number }[]
    >();
    const windowMs = DEFAULT_REPEAT_RULES.windowDays * 86_400_000;
    const remember = (bureauId: string, s: Seen) => {
      const keys = [ticketAddressKey(s.address), s.reporterKey].filter((k): k is string => k !== null);
      for (const k of keys) {
        const key = `${bureauId}|${k}`;
        const list = byKey.get(key);
        if (list) list.push(s);
        else byKey.set(key, [s]);
      }
    };
    const earlierOf = (bureauId: string, address: string | null, reporterKey: string | null): Seen[] => {
      const out: Seen[] = [];
      for (const k of [ticketAddressKey(address), reporterKey]) if (k) out.push(...(byKey.get(`${bureauId}|${k}`) ?? []));
      return out;
    };
    const prune = (before: number) => {
      for (const [k, list] of byKey) {
        const kept = list.filter((s) => s.receivedAt.getTime() >= before);
        if (kept.length === 0) byKey.delete(k);
        else if (kept.length !== list.length) byKey.set(k, kept);
      }
      for (const [k, list] of recentContacts) recentContacts.set(k, list.filter((c) => c.at >= before + 5 * 86_400_000).slice(-400));
    };

    const usedNumbers = new Set<string>(converted.map((c) => c.number));
    const serials = new Map<string, number>();
    let count = 0;
    let merged = 0;
    let repeatedCount = 0;
    let eventCount = 0;
    /** Tickets to process in receipt order (children come a while after their parent). */
    let queue: Draft[] = [];

    const newDraft = (
      b: CityBureau,
      squad: CitySquad,
      channel: TicketChannel,
      receivedAt: number,
      category: (typeof categories)[number],
      point: [number, number],
      addr: string,
      reporter: { name: string; phone: string } | null,
      convert: ConvertedTicket | null = null,
    ): Draft => {
      let id = convert?.ticketId ?? ctx.idAt(receivedAt);
      // Numbers are unique (the columns are): a rare clash of the id's tail draws another id for the same instant.
      if (!convert) while (usedNumbers.has(ticketNumber(id, new Date(receivedAt)))) id = ctx.idAt(receivedAt);
      usedNumbers.add(ticketNumber(id, new Date(receivedAt)));
      const day = shanghaiDateOf(new Date(receivedAt)).replace(/-/g, '');
      const serialKey = `${channel}${day}`;
      const serial = convert ? 0 : (serials.get(serialKey) ?? 0) + 1;
      if (!convert) serials.set(serialKey, serial);
      const commander = b.commanders.length ? pick(b.commanders) : b.leaders[0]!;
      const officer = squad.field.length ? pick(squad.field) : null;
      const words = CONTENT[category.code];
      const content = `${words ? pick(words) : category.name}（${addr.replace(/^上海市/, '')}附近）`;
      return {
        id,
        number: ticketNumber(id, new Date(receivedAt)),
        channel,
        // The sender's own numbering: prefix, day, serial of the day.
        externalNo:
          convert?.externalNo ?? (channel === 'officer' ? null : `${EXTERNAL_PREFIX[channel]}${day}${String(serial).padStart(5, '0')}`),
        bureau: b,
        squad,
        officer,
        category: category.code,
        categoryName: category.name,
        categoryDefault: category.limit,
        level: 'ordinary',
        content,
        address: addr,
        point,
        reporterName: reporter?.name ?? null,
        reporterPhone: reporter?.phone ?? null,
        reporterKey: reporterKeyOf(reporter?.phone),
        receivedAt,
        createdBy: channel === 'officer' && officer ? officer : commander,
        events: [],
        extensions: [],
        parentId: null,
        waiting: 0,
        children: [],
        repeated: false,
        carried: null,
        convert,
      };
    };

    /** The main line of a ticket; returns the instants of its reply and closing (null when after today or never). */
    const live = (d: Draft, commander: Actor) => {
      const t0 = d.receivedAt;
      const leader = asActor(d.squad.leaders[0]!, 'squad_leader');
      const officer = d.officer ? asActor(d.officer, 'field_officer') : leader;
      const ev = (action: Ev['action'], at: number, actor: Actor | null, note: string | null = null, data: Record<string, unknown> = {}) =>
        d.events.push({ action, at, actor, note, data });
      let t = t0;
      const cv = d.convert;
      if (d.channel === 'officer') {
        ev('intake', t0, officer, '执法队员自行发现', { channel: d.channel, orgId: d.squad.id, routedByPoint: true });
      } else {
        ev('intake', t0, commander, `来件编号 ${d.externalNo}`, { channel: d.channel, orgId: d.squad.id, routedByPoint: true });
        // A ticket converted the same day is accepted and dispatched within the hour (≥ 2 h before the case).
        t += (cv ? 3 + rand() * 17 : 3 + rand() * 42) * MINUTE;
        ev('accept', t, commander);
        const outcome = cv ? 1 : rand();
        if (outcome < P.referred) {
          t += (30 + rand() * 1200) * MINUTE;
          ev('refer', t, commander, '属其他部门职责，移送处理', {});
          return;
        }
        if (outcome < P.referred + P.returned) {
          t += (10 + rand() * 480) * MINUTE;
          ev('returnTicket', t, commander, '不属于城管执法职责，退回来件单位重新派单');
          return;
        }
        t += (cv ? 5 + rand() * 25 : 5 + rand() * 85) * MINUTE;
        ev('dispatch', t, commander, `派遣至${d.squad.name}`, { orgId: d.squad.id, officerId: d.officer?.id ?? null });
      }
      let lo = t;
      const contactable = d.reporterPhone !== null;
      if (contactable) {
        const within = rand() < P.contact24h;
        let c = t0 + (within ? (0.3 + rand() * 23) * HOUR : (24.5 + rand() * 48) * HOUR);
        c = Math.max(c, t + MINUTE);
        ev('recordContact', c, officer, null, { withinHours: c <= firstContactDue(new Date(t0)).getTime() });
        lo = Math.max(lo, c);
      }
      const start = cv ? Math.min(t + (10 + rand() * 230) * MINUTE, cv.convertedAt - 5 * MINUTE) : t + (10 + rand() * 230) * MINUTE;
      ev('startHandling', start, officer);
      lo = Math.max(lo, start);
      if (cv) {
        // 诉转案: the case registered at its instant (convert.ts writes the same note and data).
        ev('convertToCase', cv.convertedAt, officer, `转为案件立案查处（${cv.offenceCode}）`, {
          caseId: cv.caseId,
          offenceCode: cv.offenceCode,
          evidence: 0,
        });
        lo = Math.max(lo, cv.convertedAt);
      }
      if (d.channel !== 'officer' && rand() < P.escalate) {
        const at = start + (2 + rand() * 28) * HOUR;
        d.level = 'supervision';
        ev('escalate', at, commander, '群众反映强烈，列入督办');
        lo = Math.max(lo, at);
      }
      const exts: TicketExtension[] = [];
      if (rand() < P.complex) {
        const requestedAt = start + (1 + rand() * 23) * HOUR;
        const decidedAt = requestedAt + (1 + rand() * 19) * HOUR;
        const approved = rand() < P.complexApproved;
        const extId = ctx.idAt(requestedAt);
        d.extensions.push({ id: extId, requestedAt, requestedBy: officer, decidedAt, decidedBy: commander, approved });
        ev('requestExtension', requestedAt, officer, '涉及多个部门，需协调处理', {
          extensionId: extId,
          kind: 'complex',
          requestedDue: null,
        });
        ev('decideExtension', decidedAt, commander, approved ? '同意按复杂事项办理' : '不予延期', { extensionId: extId, approved });
        exts.push({ kind: 'complex', status: approved ? 'approved' : 'rejected', decidedAt: new Date(decidedAt) });
        lo = Math.max(lo, decidedAt);
      }
      const clock = handlingClock(
        { receivedAt: new Date(t0), categoryDefault: d.categoryDefault, level: d.level, extensions: exts, pauses: [] },
        calendar,
        new Date(nowMs),
        SHANGHAI_TICKET_CLOCKS,
      );
      const dueAt = clock.dueAt.getTime();
      lo += 10 * MINUTE;
      const f = rand();
      const reply = rand() < P.onTime && lo < dueAt ? lo + f * f * (dueAt - lo) * 0.95 : Math.max(lo, dueAt) + (1 + rand() * 95) * HOUR;
      const text = cv
        ? `已到现场核查，${d.categoryName}问题已立案查处，并将持续巡查`
        : `已到现场核查处置：${d.categoryName}问题已责令整改，并将持续巡查`;
      ev('reply', reply, officer, text, { late: reply > dueAt });
      const close = reply + (2 + rand() * 46) * HOUR;
      ev('close', close, commander);
      if (contactable && rand() < P.callback) {
        const resolved = rand() < P.resolved;
        const satisfied = rand() < (resolved ? P.satisfiedIfResolved : P.satisfiedIfNot);
        const satisfaction = satisfied ? (rand() < 0.7 ? 'satisfied' : 'basically_satisfied') : 'unsatisfied';
        ev('recordCallback', close + (4 + rand() * 68) * HOUR, commander, null, { resolved, satisfaction });
      }
    };

    /** A duplicate from another channel, 0.2–48 h later, same category, within 25 m: merged under `parent`. */
    const childOf = (parent: Draft, commander: Actor): Draft | null => {
      const received = parent.receivedAt + (0.2 + rand() * 47.8) * HOUR;
      const reply = parent.events.find((e) => e.action === 'reply');
      if (!reply || received >= reply.at - HOUR) return null;
      const channels = CHANNELS.filter(([c]) => c !== 'officer' && c !== parent.channel);
      const channel = weighted(rand, channels);
      const category = categories.find((c) => c.code === parent.category)!;
      const m = /(.+?)(\d+)号$/.exec(parent.address)!;
      const addr = `${m[1]}${Math.max(1, Number(m[2]) + (rand() < 0.5 ? -2 : 2))}号`;
      const reporter = rand() < (CONTACTABLE[channel] ?? 0) ? { name: person(), phone: phone() } : null;
      const moved = near(parent.point);
      const c = newDraft(
        parent.bureau,
        parent.squad,
        channel,
        received,
        category,
        inDistrict(moved, parent.bureau) ? moved : parent.point,
        addr,
        reporter,
      );
      c.content = parent.content;
      c.parentId = parent.id;
      c.officer = null;
      c.events.push({
        action: 'intake',
        at: received,
        actor: commander,
        note: `来件编号 ${c.externalNo}`,
        data: { channel, orgId: c.squad.id, routedByPoint: true },
      });
      const accept = received + (3 + rand() * 42) * MINUTE;
      c.events.push({ action: 'accept', at: accept, actor: commander, note: null, data: {} });
      const mergeAt = Math.min(accept + (5 + rand() * 115) * MINUTE, reply.at - 30 * MINUTE);
      if (mergeAt <= accept) return null;
      c.events.push({ action: 'merge', at: mergeAt, actor: commander, note: '与主件重复，合并处理', data: { parentId: parent.id } });
      parent.events.push({ action: 'mergedChild', at: mergeAt, actor: commander, note: `并入重复件 ${c.number}`, data: { childId: c.id } });
      const close = parent.events.find((e) => e.action === 'close');
      c.carried = { repliedAt: reply.at, replyText: reply.note, closedAt: close?.at ?? null };
      return c;
    };

    /** Writes a ticket: replays its timeline through the machine up to today, then its row, events, extensions. */
    const write = (d: Draft) => {
      d.events.sort((a, b) => a.at - b.at);
      const evs = d.events.filter((e) => e.at <= nowMs);
      let state: TicketState | null = null;
      let acceptedAt: number | null = null;
      let firstContactAt: number | null = null;
      let repliedAt: number | null = null;
      let replyText: string | null = null;
      let closedAt: number | null = null;
      let resolved: boolean | null = null;
      let satisfaction: string | null = null;
      let pausedSince: number | null = null;
      let level: DispatchLevel = 'ordinary';
      const approved: TicketExtension[] = [];
      for (const e of evs) {
        const from = state;
        if (e.action === 'intake') {
          state = d.channel === 'officer' ? 'dispatched' : 'received';
          if (d.channel === 'officer') acceptedAt = e.at;
        } else if (e.action !== 'mergedChild') {
          const step = ticketStep(state!, e.action, [e.actor!.role], e.note ?? undefined);
          if (!step.ok) throw new Error(`ticket ${d.number}: ${e.action} from ${state}: ${step.refusal.code}`);
          state = step.to;
          if (e.action === 'accept') acceptedAt = e.at;
          if (e.action === 'recordContact') firstContactAt ??= e.at;
          if (e.action === 'reply') {
            repliedAt = e.at;
            replyText = e.note;
          }
          if (e.action === 'close') closedAt = e.at;
          if (e.action === 'recordCallback') {
            resolved = e.data.resolved as boolean;
            satisfaction = e.data.satisfaction as string;
          }
          if (e.action === 'returnTicket') pausedSince = e.at;
          if (e.action === 'escalate') level = 'supervision';
          if (e.action === 'decideExtension' && e.data.approved)
            approved.push({ kind: 'complex', status: 'approved', decidedAt: new Date(e.at) });
        }
        const id = ctx.idAt(e.at);
        events.add([
          id,
          d.id,
          e.action,
          e.action === 'intake' ? null : (from ?? null),
          state,
          e.actor?.id ?? null,
          e.actor?.name ?? null,
          e.note,
          JSON.stringify(e.data),
          new Date(e.at),
        ]);
        eventCount++;
      }
      if (d.carried) {
        if (d.carried.repliedAt !== null && d.carried.repliedAt <= nowMs) {
          repliedAt = d.carried.repliedAt;
          replyText = d.carried.replyText;
        }
        if (d.carried.closedAt !== null && d.carried.closedAt <= nowMs) closedAt = d.carried.closedAt;
      }
      // The stored due date: the domain's clock as of the last step that recomputed it (no pause is ever reopened here).
      const clock = handlingClock(
        { receivedAt: new Date(d.receivedAt), categoryDefault: d.categoryDefault, level, extensions: approved, pauses: [] },
        calendar,
        new Date(nowMs),
        SHANGHAI_TICKET_CLOCKS,
      );
      const received = new Date(d.receivedAt);
      const last = evs[evs.length - 1]!.at;
      tickets.add([
        d.id,
        d.number,
        d.channel,
        d.externalNo,
        d.bureau.id,
        d.squad.id,
        d.channel === 'officer' ||
        (state !== 'received' && state !== 'accepted' && state !== 'referred' && state !== 'merged' && state !== 'returned')
          ? (d.officer?.id ?? null)
          : null,
        d.category,
        level,
        clock.kind,
        state,
        d.content,
        d.address,
        ticketAddressKey(d.address),
        d.point[0],
        d.point[1],
        d.reporterName,
        d.reporterPhone,
        d.reporterKey,
        '{}',
        received,
        firstContactDue(received, SHANGHAI_TICKET_CLOCKS),
        firstContactAt === null ? null : new Date(firstContactAt),
        clock.dueDate,
        clock.dueAt,
        feedbackDue(d.channel, received, calendar, SHANGHAI_TICKET_CLOCKS) as LegalDate | null,
        pausedSince === null ? null : new Date(pausedSince),
        acceptedAt === null ? null : new Date(acceptedAt),
        repliedAt === null ? null : new Date(repliedAt),
        replyText,
        closedAt === null ? null : new Date(closedAt),
        resolved,
        satisfaction,
        d.repeated,
        d.parentId,
        d.convert && d.convert.convertedAt <= nowMs ? d.convert.caseId : null,
        d.convert && d.convert.convertedAt <= nowMs ? new Date(d.convert.convertedAt) : null,
        d.createdBy.id,
        received,
        new Date(Math.max(last, repliedAt ?? 0, closedAt ?? 0)),
      ]);
      if (pausedSince !== null) pauses.add([d.id, new Date(pausedSince), null]);
      for (const x of d.extensions) {
        if (x.requestedAt > nowMs) continue;
        const decided = x.decidedAt !== null && x.decidedAt <= nowMs;
        extensions.add([
          x.id,
          d.id,
          'complex',
          null,
          '涉及多个部门，需协调处理',
          decided ? (x.approved ? 'approved' : 'rejected') : 'pending',
          x.requestedBy.id,
          new Date(x.requestedAt),
          decided ? x.decidedBy!.id : null,
          decided ? new Date(x.decidedAt!) : null,
          decided ? (x.approved ? '同意按复杂事项办理' : '不予延期') : null,
        ]);
      }
      count++;
      if (state === 'merged') merged++;
      if (d.repeated) repeatedCount++;
    };

    const parents = new Map<string, Draft>();
    /** Processes the queued tickets received before `until`: repeat flag in receipt order, then rows. */
    const drain = (until: number) => {
      queue.sort((a, b) => a.receivedAt - b.receivedAt);
      let i = 0;
      for (; i < queue.length && queue[i]!.receivedAt < until; i++) {
        const d = queue[i]!;
        const seen: Seen = { id: d.id, receivedAt: new Date(d.receivedAt), address: d.address, reporterKey: d.reporterKey };
        d.repeated = repeatedComplaint(seen, earlierOf(d.bureau.id, d.address, d.reporterKey)).repeated;
        remember(d.bureau.id, seen);
        if (d.parentId) {
          const parent = parents.get(d.parentId)!;
          if (--parent.waiting === 0) {
            write(parent);
            for (const c of parent.children) write(c);
            parents.delete(parent.id);
          }
        } else if (d.waiting === 0) write(d);
      }
      queue = queue.slice(i);
    };

    const bureauById = new Map(city.bureaus.map((b) => [b.id, b]));
    let nextConverted = 0;
    let convertedCount = 0;
    let dayIndex = 0;
    const lastStart = shanghaiInstant(options.until).getTime();
    for (let dayStart = shanghaiInstant(first).getTime(); dayStart <= lastStart; dayStart += 86_400_000, dayIndex++) {
      const date = new Date(dayStart + 8 * HOUR);
      const month = date.getUTCMonth();
      const weekday = date.getUTCDay();
      const dayFactor = (MONTH[month]! / meanFactor) * (weekday === 0 || weekday === 6 ? 0.7 : 1.12);
      // The tickets complaint cases were registered from, received this day.
      for (; nextConverted < converted.length && converted[nextConverted]!.receivedAt < dayStart + 86_400_000; nextConverted++) {
        const cv = converted[nextConverted]!;
        if (cv.receivedAt > nowMs) continue;
        const bureau = bureauById.get(cv.bureauId)!;
        const squad = bureau.squads.find((s) => s.id === cv.squadId)!;
        const matching = categories.filter((c) => c.offence === cv.offenceCode);
        const category = matching.length ? pick(matching) : weighted(rand, byMonth[month]!);
        const reporter = rand() < (CONTACTABLE[cv.channel] ?? 0) ? { name: person(), phone: phone() } : null;
        const d = newDraft(
          bureau,
          squad,
          cv.channel,
          cv.receivedAt,
          category,
          pointIn(areas.get(squad.id)!, bureau),
          cv.location,
          reporter,
          cv,
        );
        live(d, asActor(bureau.commanders.length ? pick(bureau.commanders) : bureau.leaders[0]!, 'commander'));
        queue.push(d);
        convertedCount++;
      }
      for (const { bureau, perDay, squads } of bureaus) {
        const n = poisson(rand, perDay * dayFactor);
        const commanderOf = () => asActor(bureau.commanders.length ? pick(bureau.commanders) : bureau.leaders[0]!, 'commander');
        for (let k = 0; k < n; k++) {
          const hour = weighted(
            rand,
            HOURS.map((w, h) => [h, w] as const),
          );
          const receivedAt = Math.floor(dayStart + (hour + rand()) * HOUR);
          if (receivedAt > nowMs) continue;
          let channel = weighted(rand, CHANNELS);
          const recent = recentContacts.get(bureau.id) ?? [];
          let squad: CitySquad;
          let point: [number, number];
          let addr: string;
          let reporter: { name: string; phone: string } | null = null;
          const back = channel !== 'officer' && recent.length > 0 && rand() < P.repeatReporter ? pick(recent) : null;
          if (back && receivedAt - back.at < 25 * 86_400_000) {
            // A repeat complainant: the same reporter about the same place.
            squad = back.squad;
            const moved = near(back.point);
            point = inDistrict(moved, bureau) ? moved : back.point;
            addr = back.address;
            reporter = { name: back.name, phone: back.phone };
            channel = 'hotline_12345';
          } else {
            squad = weighted(rand, squads);
            point = pointIn(areas.get(squad.id)!, bureau);
            const road = pick(ROAD_WORDS) + pick(ROAD_SUFFIXES);
            addr = address(bureau, road, 1 + Math.floor(rand() * 999));
            if (rand() < (CONTACTABLE[channel] ?? 0)) reporter = { name: person(), phone: phone() };
          }
          const category = weighted(rand, byMonth[month]!);
          const d = newDraft(bureau, squad, channel, receivedAt, category, point, addr, reporter);
          const commander = commanderOf();
          live(d, commander);
          if (reporter) {
            const list = recentContacts.get(bureau.id) ?? [];
            list.push({ ...reporter, address: addr, point, squad, at: receivedAt });
            recentContacts.set(bureau.id, list);
          }
          queue.push(d);
          const state = d.events[d.events.length - 1]!.action;
          if (channel !== 'officer' && state !== 'refer' && state !== 'returnTicket' && rand() < P.duplicate) {
            const c = childOf(d, commander);
            if (c && c.receivedAt <= nowMs) {
              d.children.push(c);
              d.waiting++;
              queue.push(c);
              parents.set(d.id, d);
            }
          }
        }
      }
      drain(dayStart - 3 * 86_400_000);
      if (dayIndex % 30 === 0) prune(dayStart - windowMs - 4 * 86_400_000);
      if (writer.full) await writer.flush();
      else if (dayIndex % 8 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    drain(Infinity);
    await writer.flush();
    return { tickets: count, merged, repeated: repeatedCount, converted: convertedCount, events: eventCount };
  },
};
