// Cases of the generated city: ~151,000 a year (37/151 of them 当场 tickets) over the history, with the month and
// weekday shape of street enforcement, spread over the squads by their load. Each case is drawn through the domain
// reducer (case-paths.ts) and written with the rows the platform writes for the same steps: the case with its derived
// columns and stored snapshot (the server's derivedColumns / storedSnapshot), officers, one event per step, 文号,
// evidence, 笔录, the deadline rows (summarizeDeadlines), payment orders and the payments booked, cash receipts, and the
// reminder jobs of live cases (deadlineJobs). Counters the live platform continues from — 文号 sequences, 缴款码
// sequences, ticket ranges — are written at the end, past the numbers used. A case from a complaint (诉转案, seed 003:
// 29.6 % of tickets become cases) is registered from a ticket received earlier the same day: its identity (id, number,
// channel, the sender's number) is drawn here so the case's 案件来源说明 names it, and city-tickets writes its life.
import type { DocType } from '@chengguan/contracts';
import {
  addDays,
  bankDepositDeadline,
  buildPaymentCode,
  type CaseContext,
  cashHandInDeadline,
  creditCodeCheckChar,
  daysBetween,
  idNumberCheckDigit,
  isWorkingDay,
  type LegalDate,
  type NewCaseFacts,
  summaryRemedyText,
  type TeamOfficer,
} from '@chengguan/domain';
import {
  DEFAULT_FLAGS,
  defaultPattern,
  deadlineJobs,
  derivedColumns,
  formatDocNumber,
  offenceOnOrFail,
  storedSnapshot,
  summarizeDeadlines,
} from '../modules/cases/index.ts';
import { legalConfigOn } from '../modules/law/index.ts';
import { caseSourceRef, ticketNumber } from '../modules/tickets/index.ts';
import { storeFile } from '../modules/files/index.ts';
import { ENFORCEMENT_REFRESH_ACTIONS, enforcementRow } from '../modules/enforcement/index.ts';
import { shanghaiInstant } from '../shared/time.ts';
import { type CaseOffence, unverifiedBasis, versionInForce, withoutUnverifiedNote } from '@chengguan/domain';
import { drawCase, planCase, type TakenStep } from './case-paths.ts';
import { CITY, type CityBureau, type CityOfficer, type CitySquad } from './city-orgs.ts';
import { CITY_OFFENCES, type GeneratedOffence } from './city-law.ts';
import { CASE_TABLES, EVIDENCE_PHOTOS } from './city-case-tables.ts';
import { firstDay } from './options.ts';
import { type GeneratorContext, type GeneratorPart, outputKey } from './registry.ts';

/** Street enforcement by month (summer high, Spring Festival low) and on rest days (patrols go on, filing does not). */
const MONTH_FACTOR = [0.82, 0.72, 0.98, 1.02, 1.06, 1.1, 1.14, 1.12, 1.04, 0.94, 1.0, 1.0];
const REST_DAY_FACTOR = 0.45;

const ROADS = [
  '南京东路',
  '淮海中路',
  '四川北路',
  '肇嘉浜路',
  '延安西路',
  '长寿路',
  '控江路',
  '七莘路',
  '牡丹江路',
  '曹安公路',
  '世纪大道',
  '石化大道',
  '中山北路',
  '公园路',
  '南桥路',
  '八一路',
  '张杨路',
  '漕宝路',
  '共和新路',
  '大连路',
];
const COMPANY_WORDS = ['鑫源', '恒达', '宏盛', '佳禾', '东方', '申城', '华亿', '锦程', '瑞丰', '安顺', '金桥', '浦江'];
const COMPANY_KINDS = ['餐饮管理', '建筑工程', '物业管理', '商贸', '装饰工程', '广告传媒', '房地产开发', '便利店'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '沈', '陆', '顾', '钱'];
const GIVEN = ['伟', '芳', '强', '敏', '磊', '静', '军', '丽', '勇', '婷', '杰', '霞', '涛', '雪', '斌', '明'];
/** Ordinary cases by source: 3 in 10 from complaints (≈ 34,000 a year, 29.6 % of the city's ~115,000 tickets, seed 003). */
const SOURCES = [
  'patrol',
  'patrol',
  'patrol',
  'patrol',
  'complaint',
  'complaint',
  'complaint',
  'inspection',
  'offsite',
  'leader_instruction',
] as const;

/** The ticket a complaint case was registered from (诉转案): drawn with the case, written by city-tickets. */
export type ConvertedTicket = {
  ticketId: string;
  number: string;
  channel: 'hotline_12345' | 'city_ops' | 'workroom';
  externalNo: string;
  receivedAt: number;
  caseId: string;
  /** The case's registration instant: the ticket's convertToCase event. */
  convertedAt: number;
  bureauId: string;
  squadId: string;
  offenceCode: string;
  location: string;
};
export const CITY_CONVERTED_TICKETS = outputKey<ConvertedTicket[]>('city-converted-tickets');
/** An off-site case (source offsite): city-offsite writes the reviewed item it was registered from. */
export type OffsiteCase = {
  caseId: string;
  registeredAt: number;
  date: LegalDate;
  bureauId: string;
  squadId: string;
  location: string;
  partyName: string;
  partyAddress: string;
  /** The 非现场执法告知书 numbered at the registration (case_documents, doc type offsite_notice). */
  notice: { id: string; number: string } | null;
};
/** The review item's number (the module's FX + day + 8 hex), here from the case id so both parts agree. */
export function offsiteReviewNumber(caseId: string, date: LegalDate): string {
  return `FX${date.replace(/-/g, '')}${caseId.replace(/-/g, '').slice(-8).toUpperCase()}`;
}
export const CITY_OFFSITE_CASES = outputKey<OffsiteCase[]>('city-offsite-cases');
/** A case registered from a 建筑垃圾 clue (source offsite): city-waste-cases writes the confirmed clue. */
export type WasteCase = {
  caseId: string;
  registeredAt: number;
  clueDay: LegalDate;
  bureauId: string;
  squadId: string;
  kind: 'no_arrival' | 'deviation' | 'stop';
  plate: string;
  vehicleId: string;
  companyId: string;
  siteId: string;
};
export const CITY_WASTE_CASES = outputKey<WasteCase[]>('city-waste-cases');
/** A district's permitted vehicles (their company and the permit's producing site), written by city-waste. */
export type WasteFleetVehicle = { vehicleId: string; plate: string; companyId: string; siteId: string };
export const CITY_WASTE_FLEET = outputKey<Map<string, WasteFleetVehicle[]>>('city-waste-fleet');
/** The offence a waste clue's case is registered for (the bench library's 建筑垃圾 offence). */
const WASTE_OFFENCE = 'GEN-JZ-01';
/** Converted tickets' sender numbers use serials from here up, apart from city-tickets' own (a few hundred a day). */
const CONVERTED_SERIAL_BASE = 50_000;
const CONVERTED_CHANNELS = [
  ['hotline_12345', 'RX', 0.7],
  ['city_ops', 'CY', 0.12],
  ['workroom', 'GZS', 0.07],
] as const;

type Counters = Map<string, number>;
const bump = (m: Counters, key: string): number => {
  const n = (m.get(key) ?? 0) + 1;
  m.set(key, n);
  return n;
};

/** The number of cases registered on each day of the history (deterministic from the stream). */
export function casesPerDay(ctx: Pick<GeneratorContext, 'options' | 'random' | 'calendar'>): { date: LegalDate; n: number }[] {
  const start = firstDay(ctx.options);
  const days = daysBetween(start, ctx.options.until) + 1;
  const weights: number[] = [];
  let total = 0;
  for (let i = 0; i < days; i++) {
    const date = addDays(start, i);
    const month = Number(date.slice(5, 7)) - 1;
    const w = MONTH_FACTOR[month]! * (isWorkingDay(ctx.calendar, date) ? 1 : REST_DAY_FACTOR) * (0.9 + 0.2 * ctx.random());
    weights.push(w);
    total += w;
  }
  const expected = ctx.options.casesPerYear * (days / 365.25);
  let carry = 0;
  return weights.map((w, i) => {
    carry += (expected * w) / total;
    const n = Math.floor(carry);
    carry -= n;
    return { date: addDays(start, i), n };
  });
}

type Team = { lead: CityOfficer; assist: CityOfficer; officers: TeamOfficer[] };

function teamOfficer(o: CityOfficer): TeamOfficer {
  return { id: o.id, name: o.name, credentials: [o.credential] };
}

export const cityCasesPart: GeneratorPart = {
  name: 'city-cases',
  after: ['city-orgs', 'city-law', 'city-waste'],
  run: async (ctx) => {
    const { options, random: rand, writer, calendar } = ctx;
    const city = ctx.outputs.get(CITY);
    const offences = ctx.outputs.get(CITY_OFFENCES);
    const { config } = await legalConfigOn(ctx.db, options.until);
    const finalCtx: CaseContext = { today: options.until, calendar, config };
    const t = CASE_TABLES(writer);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

    // Evidence photos: a few real files in the content-addressed store, held by every bureau (011 file_holders).
    const firstAt = shanghaiInstant(firstDay(options));
    const photos: { sm3: string; size: number; mime: string }[] = [];
    for (const bytes of EVIDENCE_PHOTOS) {
      const sm3 = await storeFile({ db: ctx.db, config: ctx.config }, ctx.db, {
        bytes,
        mime: 'image/png',
        bureauId: null,
        createdBy: null,
      });
      photos.push({ sm3, size: bytes.length, mime: 'image/png' });
    }
    for (const b of city.bureaus) for (const p of photos) t.fileHolders.add([p.sm3, 'bureau', b.id, firstAt]);

    const caseOffences = new Map<
      string,
      { offence: CaseOffence; id: string; name: string; domain: string; confirmation: LegalBasisTexts | null }
    >();
    for (const o of offences) {
      const found = await offenceOnOrFail(ctx.db, o.code, o.effectiveFrom);
      caseOffences.set(o.code, {
        offence: found.offence,
        id: found.row.id,
        name: found.row.name,
        domain: found.row.domain,
        confirmation: confirmationOf(found.offence, o.effectiveFrom),
      });
    }
    const bureauOf = new Map(city.bureaus.map((b) => [b.id, b]));
    const remedyOf = new Map(
      city.bureaus.map((b) => [
        b.id,
        summaryRemedyText({
          level: 'district',
          districtName: `上海市${b.districtName!.endsWith('新区') ? b.districtName : `${b.districtName}区`}`,
        }).textZh,
      ]),
    );
    const squadCumulative: number[] = [];
    let sum = 0;
    for (const s of city.squads) squadCumulative.push((sum += s.weight));
    const pickSquad = (): CitySquad => {
      const x = rand() * sum;
      let lo = 0;
      let hi = squadCumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (squadCumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return city.squads[lo]!;
    };
    const pickTeam = (s: CitySquad): Team => {
      const i = Math.floor(rand() * s.field.length);
      let j = Math.floor(rand() * (s.field.length - 1));
      if (j >= i) j++;
      const lead = s.field[i]!;
      const assist = s.field[j]!;
      return { lead, assist, officers: [teamOfficer(lead), teamOfficer(assist)] };
    };

    const docSeq: Counters = new Map();
    const payCodeSeq: Counters = new Map();
    const ticketUsed: Counters = new Map();
    const receiptSeq: Counters = new Map();
    const partySeq: Counters = new Map();
    const days = casesPerDay(ctx);
    const total = days.reduce((a, d) => a + d.n, 0);
    writer.expected.set('cases', total);
    let written = 0;
    let summaries = 0;
    const states = new Map<string, number>();
    const converted: ConvertedTicket[] = [];
    const offsite: OffsiteCase[] = [];
    const wasteCases: WasteCase[] = [];
    const fleet = ctx.outputs.get(CITY_WASTE_FLEET);
    const firstCaseDay = firstDay(options);
    const convertedSerials: Counters = new Map();
    /** A complaint case's ticket: received 2–6 h before registration, not before 06:30 of the same Shanghai day. */
    const convertedTicket = (
      caseId: string,
      caseMs: number,
      date: string,
      bureau: CityBureau,
      squad: CitySquad,
      offenceCode: string,
      location: string,
    ): ConvertedTicket => {
      const dayStart = shanghaiInstant(date).getTime();
      const receivedAt = Math.floor(Math.max(dayStart + 6.5 * 3_600_000, caseMs - (2 + rand() * 4) * 3_600_000));
      let x = rand() * CONVERTED_CHANNELS.reduce((a, c) => a + c[2], 0);
      const [channel, prefix] = CONVERTED_CHANNELS.find((c) => (x -= c[2]) < 0) ?? CONVERTED_CHANNELS[0];
      const ymd = date.replace(/-/g, '');
      const externalNo = `${prefix}${ymd}${CONVERTED_SERIAL_BASE + bump(convertedSerials, `${channel}${ymd}`)}`;
      const ticketId = ctx.idAt(receivedAt);
      const number = ticketNumber(ticketId, new Date(receivedAt));
      return {
        ticketId,
        number,
        channel,
        externalNo,
        receivedAt,
        caseId,
        convertedAt: caseMs,
        bureauId: bureau.id,
        squadId: squad.id,
        offenceCode,
        location,
      };
    };

    for (const day of days) {
      for (let k = 0; k < day.n; k++) {
        const summary = rand() < options.summaryShare;
        const squad = pickSquad();
        const bureau = bureauOf.get(squad.bureauId)!;
        const team = pickTeam(squad);
        const usable = offences.filter((o) => o.use === (summary ? 'summary' : 'ordinary') && o.effectiveFrom <= day.date);
        const o: GeneratedOffence = pick(usable);
        const off = caseOffences.get(o.code)!;
        const person = summary ? rand() < 0.92 : rand() < 0.55;
        // Summary: ≤ 200 yuan for a person (B1); ordinary: up to 4,000 yuan, below the hearing threshold (D4).
        const step = summary ? 5_000 : 50_000;
        const maxFen = summary ? Math.min(o.maxFen, 20_000) : Math.min(o.maxFen, 400_000);
        const fineFen = Math.max(o.minFen, step * between(1, Math.floor(maxFen / step)));
        const caseMs = shanghaiInstant(day.date).getTime() + (8.5 + rand() * 9.5) * 3_600_000;
        const caseId = ctx.idAt(caseMs);
        const partyId = ctx.idAt(caseMs);
        const pn = bump(partySeq, bureau.id);
        const party = person ? personParty(bureau, pn, rand) : companyParty(bureau, pn, rand);
        const location = `上海市${bureau.districtName}${bureau.districtName!.endsWith('新区') ? '' : '区'}${pick(ROADS)}${between(1, 1800)}号`;
        const serialNumber = summary ? `${squad.code}-${String(bump(ticketUsed, squad.id)).padStart(6, '0')}` : null;
        const receiptNumber = summary ? `PJ-${squad.code}-${bump(receiptSeq, squad.id)}` : null;
        const facts: NewCaseFacts = {
          procedure: summary ? 'summary' : 'ordinary',
          party: party.caseParty,
          offence: off.offence,
          act: { actId: caseId, actDate: day.date, priorFineDecisionCount: 0 },
          flags: o.finesOnlyAfterRefusal ? { ...DEFAULT_FLAGS, correctionOrdered: true, refusedToCorrect: true } : DEFAULT_FLAGS,
          officers: team.officers,
        };
        const plan = planCase(
          {
            procedure: facts.procedure,
            facts,
            registeredOn: day.date,
            officers: team.officers,
            fineFen,
            source: summary ? 'patrol' : pick(SOURCES),
            serialNumber,
            remedyText: remedyOf.get(bureau.id)!,
            receiptNumber,
            lawConfirmation: off.confirmation ? { reviewerId: bureau.legal[0]!.id, ...off.confirmation } : null,
          },
          rand,
          calendar,
          config,
        );
        const drawn = drawCase(facts, plan, options.until, calendar, config);
        const source = summary ? 'patrol' : (plan[0]!.input as { source: string }).source;
        const ticket = source === 'complaint' ? convertedTicket(caseId, caseMs, day.date, bureau, squad, o.code, location) : null;
        if (ticket) converted.push(ticket);
        // An off-site case of the 建筑垃圾 offence comes from the day before's GPS clue of a permitted vehicle.
        const fleetOf = source === 'offsite' && o.code === WASTE_OFFENCE ? (fleet.get(bureau.id) ?? []) : [];
        const vehicle = fleetOf.length > 0 && day.date > firstCaseDay ? pick(fleetOf) : null;
        const wasteCase: WasteCase | null = vehicle
          ? {
              caseId,
              registeredAt: caseMs,
              clueDay: addDays(day.date, -1),
              bureauId: bureau.id,
              squadId: squad.id,
              kind: pick(['no_arrival', 'deviation', 'stop'] as const),
              ...vehicle,
            }
          : null;
        if (wasteCase) wasteCases.push(wasteCase);
        const offsiteCase: OffsiteCase | null =
          source === 'offsite' && !wasteCase
            ? {
                caseId,
                registeredAt: caseMs,
                date: day.date,
                bureauId: bureau.id,
                squadId: squad.id,
                location,
                partyName: party.name,
                partyAddress: party.address,
                notice: null,
              }
            : null;
        if (offsiteCase) offsite.push(offsiteCase);
        const final = drawn.final;
        const deadlines = summarizeDeadlines(final, finalCtx);

        // Events, documents and the rows each step writes.
        let eventMs = caseMs;
        let caseNumber: string | null = null;
        let orderId: string | null = null;
        let paymentCode: string | null = null;
        let paid: { on: string; fen: number } | null = null;
        let cash: { on: string; due: string } | null = null;
        const stepAt = (s: TakenStep, i: number) => {
          const base = shanghaiInstant(s.input.date).getTime() + (9 + rand() * 8) * 3_600_000;
          eventMs = Math.max(eventMs + 1000, i === 0 ? caseMs : base);
          return new Date(eventMs);
        };
        for (const [i, s] of drawn.steps.entries()) {
          const at = stepAt(s, i);
          const eventId = ctx.idAt(at.getTime());
          const actor = actorOf(s, team, squad, bureau);
          let documentNumber: string | null = null;
          if (s.document === 'summary_decision') documentNumber = serialNumber;
          else if (s.document) {
            const year = Number(s.input.date.slice(0, 4));
            documentNumber = formatDocNumber(
              defaultPattern(bureau.shortName, s.document),
              year,
              bump(docSeq, `${bureau.id}|${year}|${s.document}`),
            );
          }
          if (s.document && documentNumber) {
            t.documents.add([ctx.idAt(at.getTime()), caseId, bureau.id, eventId, s.document, documentNumber, s.input.date]);
            if (s.document === 'filing' || s.document === 'summary_decision') caseNumber = documentNumber;
          }
          if (i === 0 && offsiteCase) {
            // The off-site confirmation registers the case and numbers its 非现场执法告知书 (处罚法 Art. 41).
            const year = Number(day.date.slice(0, 4));
            const number = formatDocNumber(
              defaultPattern(bureau.shortName, 'offsite_notice'),
              year,
              bump(docSeq, `${bureau.id}|${year}|offsite_notice`),
            );
            offsiteCase.notice = { id: ctx.idAt(at.getTime()), number };
            t.documents.add([offsiteCase.notice.id, caseId, bureau.id, eventId, 'offsite_notice', number, day.date]);
          }
          t.events.add([
            eventId,
            caseId,
            bureau.id,
            s.action,
            s.from,
            s.to,
            s.input.date,
            at,
            actor,
            i + 1,
            JSON.stringify(eventData(s, documentNumber)),
          ]);
          if (s.writes === 'evidence') {
            const p = photos[Math.floor(rand() * photos.length)]!;
            t.evidence.add([
              ctx.idAt(at.getTime()),
              caseId,
              bureau.id,
              eventId,
              'audio_visual',
              '现场照片',
              p.sm3,
              p.size,
              p.mime,
              s.input.date,
              team.lead.id,
              null,
              null,
              null,
              at,
            ]);
          } else if (s.writes === 'inspection' || s.writes === 'questioning') {
            t.records.add([
              ctx.idAt(at.getTime()),
              caseId,
              bureau.id,
              eventId,
              s.writes,
              s.input.date,
              [team.lead.id, team.assist.id],
              true,
              true,
              true,
              false,
              null,
              null,
              location,
              s.writes === 'questioning' ? party.name : null,
              s.writes === 'questioning'
                ? '询问当事人违法事实经过，当事人对事实无异议。'
                : '执法人员出示执法证件，对现场进行检查并拍照取证。',
              null,
              at,
            ]);
          }
          if ((s.action === 'decide' || s.action === 'issueSummaryDecision') && fineFen > 0) {
            const year = Number(s.input.date.slice(0, 4));
            orderId = ctx.idAt(at.getTime());
            paymentCode = buildPaymentCode(bureau.regionCode, year, bump(payCodeSeq, `${bureau.id}|${year}`));
          }
          if (s.writes === 'payment') {
            paid = { on: s.input.date, fen: fineFen };
            t.transactions.add([
              ctx.idAt(at.getTime()),
              bureau.id,
              'sandbox',
              `GEN-${caseId}`,
              null,
              orderId,
              caseId,
              fineFen,
              fineFen,
              at,
              s.input.date,
              'confirmed',
              null,
              JSON.stringify({ paymentCode, amountFen: fineFen, paidOn: s.input.date }),
              0,
              at,
              fineFen,
            ]);
          }
          if (s.writes === 'cash') {
            paid = { on: s.input.date, fen: fineFen };
            cash = { on: s.input.date, due: cashHandInDeadline(s.input.date, calendar).due };
          }
        }
        const lastAt = new Date(eventMs);
        const derived = derivedColumns(final, deadlines, lastAt);
        t.parties.add([
          partyId,
          bureau.id,
          party.type,
          party.name,
          party.idType,
          party.idNumber,
          party.birthDate,
          party.gender,
          party.phone,
          party.address,
          party.legalRepresentative,
          new Date(caseMs),
          new Date(caseMs),
        ]);
        t.cases.add([
          caseId,
          bureau.id,
          squad.id,
          final.procedure,
          final.state,
          source,
          ticket
            ? caseSourceRef({ channel: ticket.channel, external_no: ticket.externalNo, number: ticket.number })
            : wasteCase
              ? `建筑垃圾线索 ${wasteCase.clueDay} ${wasteCase.plate}`
              : source === 'offsite'
                ? `非现场执法 ${offsiteReviewNumber(caseId, day.date)}`
                : null,
          caseNumber,
          off.id,
          o.code,
          off.name,
          off.domain,
          partyId,
          party.type,
          party.name,
          caseId,
          day.date,
          location,
          o.facts,
          derived.discovered_on ?? null,
          derived.registered_on ?? null,
          derived.filed_on ?? null,
          derived.decided_on ?? null,
          derived.closed_on ?? null,
          derived.decision_outcome ?? null,
          derived.fine_fen ?? null,
          deadlines.hasOverdue,
          deadlines.nextDueDate,
          drawn.steps.length,
          storedSnapshot(final),
          team.lead.id,
          new Date(caseMs),
          lastAt,
        ]);
        t.officers.add([caseId, team.lead.id, 'lead']);
        t.officers.add([caseId, team.assist.id, 'assist']);
        for (const d of deadlines.deadlines) {
          t.deadlines.add([
            caseId,
            d.kind,
            bureau.id,
            squad.id,
            d.dueDate,
            JSON.stringify(d.basis),
            d.state,
            d.holder,
            d.doneOn ?? null,
            null,
            null,
            lastAt,
          ]);
        }
        // The row the enforcement hook leaves after the case's steps and the daily check of the last day; a case
        // overdue is left for the first check to mark 待催告 (its row is due at once).
        const enforcement = drawn.steps.some((s) => ENFORCEMENT_REFRESH_ACTIONS.includes(s.action))
          ? enforcementRow(
              { id: caseId, bureau_id: bureau.id, org_id: squad.id },
              final,
              finalCtx,
              { stored: false, since: null, now: false },
              lastAt,
            )
          : null;
        if (enforcement) {
          const e = enforcement.values;
          t.enforcement.add([
            e.case_id,
            e.bureau_id,
            e.org_id,
            e.status,
            e.fine_fen,
            e.surcharge_fen,
            e.payment_due,
            e.awaiting_reminder_since,
            e.reminder_served_on,
            e.court_opens_on,
            e.court_closes_on,
            e.court_applied_on,
            e.refreshed_on,
            e.recheck_on,
            e.calendar_key,
            e.updated_at,
          ]);
        }
        if (orderId && paymentCode) {
          const p = paid as { on: string; fen: number } | null;
          const decidedOn = final.decision?.decidedOn ?? final.dates.registeredOn ?? day.date;
          const orderAt = new Date(uuidMs(orderId));
          t.orders.add([
            orderId,
            bureau.id,
            caseId,
            squad.id,
            paymentCode,
            'fine',
            null,
            null,
            fineFen,
            null,
            p ? 'paid' : 'open',
            p ? p.fen : 0,
            p ? p.on : null,
            orderAt,
            p ? lastAt : orderAt,
          ]);
          void decidedOn;
        }
        if (cash) {
          const c = cash as { on: string; due: string };
          const close = drawn.steps.find((s) => s.action === 'close');
          const closeInput = close?.action === 'close' ? close.input : null;
          const handedIn = closeInput?.cashHandedInOn ?? null;
          const deposited = closeInput?.bankDepositedOn ?? null;
          t.cash.add([
            ctx.idAt(caseMs),
            bureau.id,
            caseId,
            squad.id,
            receiptNumber,
            fineFen,
            c.on,
            c.due,
            handedIn,
            handedIn ? '区局财务' : null,
            handedIn ? team.lead.id : null,
            handedIn ? bankDepositDeadline(handedIn, calendar).due : null,
            deposited,
            deposited ? `YH-${squad.code}-${receiptNumber}` : null,
            deposited ? team.lead.id : null,
            null,
            new Date(caseMs),
          ]);
        }
        for (const job of deadlineJobs({ id: caseId, bureauId: bureau.id }, deadlines, shanghaiInstant(options.until))) {
          t.jobs.add([
            ctx.idAt(job.runAt.getTime()),
            job.kind,
            job.runAt,
            JSON.stringify(job.payload),
            'pending',
            0,
            5,
            null,
            null,
            null,
            job.dedupeKey,
            job.bureauId,
            lastAt,
            null,
          ]);
        }
        written++;
        if (summary) summaries++;
        states.set(final.state, (states.get(final.state) ?? 0) + 1);
        if (writer.full) await writer.flush();
        // Let the COPY streams in flight move: the event loop is theirs only while generation awaits.
        else if (written % 32 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }

    // Counters the live platform continues from: never hand out a number the history used.
    const endAt = shanghaiInstant(options.until);
    for (const s of city.squads) {
      const used = ticketUsed.get(s.id) ?? 0;
      t.ticketRanges.add([ctx.idAt(endAt.getTime()), s.bureauId, s.id, null, `${s.code}-`, 1, used + 5000, used + 1, 6, null, endAt]);
    }
    for (const [key, last] of docSeq) {
      const [bureauId, year, docType] = key.split('|') as [string, string, DocType];
      t.docSequences.add([bureauId, Number(year), docType, last]);
    }
    for (const [key, last] of payCodeSeq) {
      const [bureauId, year] = key.split('|') as [string, string];
      t.payCounters.add([bureauId, Number(year), last]);
    }
    await writer.drain();
    ctx.outputs.set(CITY_CONVERTED_TICKETS, converted);
    ctx.outputs.set(CITY_OFFSITE_CASES, offsite);
    ctx.outputs.set(CITY_WASTE_CASES, wasteCases);
    const summary: Record<string, number> = { cases: written, summary: summaries, fromTickets: converted.length };
    for (const [state, n] of [...states].sort()) summary[`state.${state}`] = n;
    return summary;
  },
};

function uuidMs(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

function actorOf(s: TakenStep, team: Team, squad: CitySquad, bureau: CityBureau): string | null {
  switch (s.by.kind) {
    case 'lead':
      return team.lead.id;
    case 'squadLeader':
      return squad.leaders[0]!.id;
    case 'bureauLeader':
      return bureau.leaders[0]!.id;
    case 'legal':
      return bureau.legal[0]!.id;
    case 'payment':
      return null;
  }
}

/** The event's data as the routes record it: the body (officers by id), the 文号, the channel. */
type LegalBasisTexts = { violatedProvision: string; penaltyProvision: string };

/**
 * E12: the texts the generated legal reviewer confirms where the library marks the basis 未核实 — the library's own
 * wording without its 「未核实」 note (the bench offences are marked U and say they are bench data), never a number.
 */
function confirmationOf(offence: CaseOffence, on: LegalDate): LegalBasisTexts | null {
  const basis = versionInForce(offence.versions ?? [], on)?.basis;
  if (!basis || unverifiedBasis(basis).length === 0) return null;
  const wording = withoutUnverifiedNote;
  return { violatedProvision: wording(basis.violatedProvision), penaltyProvision: wording(basis.penaltyProvision) };
}

function eventData(s: TakenStep, documentNumber: string | null): Record<string, unknown> {
  // The event records what an officer's request would hold: the reviewer is the event's actor, not part of its data.
  const {
    officers,
    reviewerId: _reviewer,
    ...rest
  } = s.input as { officers?: readonly TeamOfficer[]; reviewerId?: string } & Record<string, unknown>;
  return {
    ...rest,
    ...(officers ? { officerIds: officers.map((o) => o.id) } : {}),
    ...(documentNumber ? { documentNumber, docType: s.document } : {}),
    ...(s.by.kind === 'payment' ? { channel: 'payment' } : {}),
  };
}

type GeneratedParty = {
  type: 'natural_person' | 'legal_person';
  name: string;
  idType: 'id_card' | 'uscc';
  idNumber: string;
  birthDate: string | null;
  gender: 'M' | 'F' | null;
  phone: string | null;
  address: string;
  legalRepresentative: string | null;
  caseParty: NewCaseFacts['party'];
};

/** A person with a valid 18-digit ID number, unique in the bureau (the n-th party: birth date and sequence from n). */
function personParty(b: CityBureau, n: number, rand: () => number): GeneratedParty {
  const birthDate = addDays('1955-01-01', n % 17_000);
  const seq = Math.floor(n / 17_000) % 1000;
  const gender = rand() < 0.6 ? 'M' : 'F';
  // GB 11643: the 17th digit is odd for men, even for women.
  const seqDigits = String(seq).padStart(3, '0').slice(0, 2) + String(gender === 'M' ? 1 + 2 * (seq % 5) : 2 * (seq % 5));
  const first17 = `${b.regionCode}${birthDate.replaceAll('-', '')}${seqDigits}`;
  const name =
    SURNAMES[Math.floor(rand() * SURNAMES.length)]! +
    GIVEN[Math.floor(rand() * GIVEN.length)]! +
    (rand() < 0.6 ? GIVEN[Math.floor(rand() * GIVEN.length)]! : '');
  return {
    type: 'natural_person',
    name,
    idType: 'id_card',
    idNumber: first17 + idNumberCheckDigit(first17),
    birthDate,
    gender,
    phone: `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
    address: `上海市${b.districtName}${ROADS[Math.floor(rand() * ROADS.length)]}${1 + Math.floor(rand() * 900)}弄${1 + Math.floor(rand() * 60)}号`,
    legalRepresentative: null,
    caseParty: { type: 'natural_person', birthDate },
  };
}

function companyParty(b: CityBureau, n: number, rand: () => number): GeneratedParty {
  // GB 32100: 91 (enterprise) + region + 9-character organisation code + check character.
  const first17 = `91${b.regionCode}${String(n).padStart(9, '0')}`;
  const word = COMPANY_WORDS[Math.floor(rand() * COMPANY_WORDS.length)]!;
  const kind = COMPANY_KINDS[Math.floor(rand() * COMPANY_KINDS.length)]!;
  return {
    type: 'legal_person',
    name: `上海${word}${kind}有限公司（${b.code}${n}）`,
    idType: 'uscc',
    idNumber: first17 + creditCodeCheckChar(first17),
    birthDate: null,
    gender: null,
    phone: `021${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
    address: `上海市${b.districtName}${ROADS[Math.floor(rand() * ROADS.length)]}${1 + Math.floor(rand() * 900)}号`,
    legalRepresentative: SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!,
    caseParty: { type: 'legal_person' },
  };
}
