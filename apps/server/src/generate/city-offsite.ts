// 非现场执法 of the generated city (docs/offsite.md "The generated city"): per district, cameras at the district's
// commercial streets and a few drones (seed 004: drone hangars, 「综合飞一次」), each with A5's register fields as a
// bureau keeps them — legal review, the published location, the 检定 of one year. The register holds one
// certification per record, so a camera re-certified each year is one record per year: the earlier ones `retired` on
// the day the next took over. Of the devices in service, a small share lacks its 检定 or is past it (they found no
// case). The stream: every off-site case of city-cases (1 in 10 ordinary cases, source offsite) is the confirmed
// review item it was registered from — 1–3 events of one party and scene on the day of registration, from a device
// that satisfies A5 (and E11 in 浦东) on that day, reviewed by the case's lead officer at the registration instant;
// besides, dismissed items (with the reviewer's reason) and the last three days' items still pending.
import { addDays, addYears, daysBetween, deviceFitness, type DeviceRecord, type LegalDate, type RandomSource } from '@chengguan/domain';
import { endOfShanghaiDay, shanghaiInstant } from '../shared/time.ts';
import { sm3Hex } from '../shared/sm3.ts';
import { CITY_AREAS, type SquadArea } from './city-areas.ts';
import { EVIDENCE_PHOTOS } from './city-case-tables.ts';
import { CITY_OFFSITE_CASES, offsiteReviewNumber } from './city-cases.ts';
import { CITY, type CityBureau } from './city-orgs.ts';
import { ROAD_SUFFIXES, ROAD_WORDS } from './city-subjects.ts';
import { firstDay } from './options.ts';
import type { GeneratorPart } from './registry.ts';

/** Cameras per district at full scale (浦东 leads the city, seed bb55101); drones per district (16 hangars, 004). */
export const OFFSITE_CAMERAS_PER_DISTRICT = 40;
export const OFFSITE_DRONES_PER_DISTRICT = 2;
/** Of the devices in service: no 检定 on file / 检定 lapsed (they found no case until re-certified). */
export const OFFSITE_UNCERTIFIED_SHARE = 0.05;
export const OFFSITE_LAPSED_SHARE = 0.05;
/** Dismissed items per confirmed one (二审合一 refusals: unreadable plates, no act, a device out of A5). */
export const OFFSITE_DISMISSED_PER_CONFIRMED = 0.2;
export const OFFSITE_PENDING_DAYS = 3;
/** Notices by text where the party consented (F2); the rest by post (民诉法 Art. 91). */
export const OFFSITE_ELECTRONIC_SHARE = 0.4;
/** Posted notices: the return card comes back 2–7 days after posting; of the older ones this share is still awaited. */
export const OFFSITE_RETURN_MISSING_SHARE = 0.06;

const SCENES: readonly [string, number][] = [
  ['cross_door', 4],
  ['stall', 3],
  ['car_wash', 2],
  ['muck', 1],
];
const DISMISS_REASONS = [
  '图像不清晰，无法辨认车牌',
  '图像不能证明违法行为持续存在，证据不足',
  '经核实为临时装卸货物，不构成违法',
  '当事人已在发现前自行改正，不予立案',
  '同一行为已由现场执法立案处理',
  '设备在取证日期未在技术检定有效期内，证据不能作为处罚依据',
] as const;
const PLATE_LETTERS = 'ABCDEFGHJKLMN';

const DEVICE_COLUMNS = [
  'id',
  'bureau_id',
  'org_id',
  'org_path',
  'code',
  'kind',
  'name',
  'vendor',
  'address',
  'point_lon',
  'point_lat',
  'area',
  'scenes',
  'legal_review_on',
  'legal_reviewer',
  'legal_review_doc',
  'published_on',
  'published_where',
  'cert_body',
  'cert_no',
  'cert_on',
  'cert_until',
  'status',
  'retired_on',
  'secret_hex',
  'created_at',
  'updated_at',
] as const;
const REVIEW_COLUMNS = [
  'id',
  'number',
  'bureau_id',
  'org_path',
  'scene',
  'party_key',
  'first_at',
  'last_at',
  'event_count',
  'state',
  'reviewer_id',
  'reviewed_at',
  'dismiss_reason',
  'case_id',
  'notice_method',
  'notice_message_id',
  'warning_message_id',
  'created_at',
] as const;
const EVENT_COLUMNS = [
  'id',
  'review_id',
  'device_id',
  'bureau_id',
  'event_ref',
  'occurred_at',
  'scene',
  'point_lon',
  'point_lat',
  'address',
  'plate',
  'subject_code',
  'party_key',
  'media',
  'received_at',
] as const;
const SERVICE_COLUMNS = [
  'id',
  'case_id',
  'bureau_id',
  'document_id',
  'document_kind',
  'document_title',
  'document_number',
  'method',
  'status',
  'served_on',
  'recipient_name',
  'address',
  'tracking_number',
  'posted_on',
  'note',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const DELIVERY_COLUMNS = [
  'id',
  'device_code',
  'device_id',
  'bureau_id',
  'event_ref',
  'status',
  'reason_code',
  'rule_id',
  'reason',
  'reason_en',
  'event_id',
  'deliveries',
  'payload',
  'received_at',
  'last_at',
] as const;

type Device = {
  id: string;
  bureauId: string;
  squadId: string;
  code: string;
  record: DeviceRecord;
  lon: number;
  lat: number;
  address: string;
};

const isPudong = (b: CityBureau) => (b.districtName ?? '').startsWith('浦东');

export const cityOffsitePart: GeneratorPart = {
  name: 'city-offsite',
  after: ['city-orgs', 'city-areas', 'city-cases'],
  run: async (ctx) => {
    const { options, random: rand, writer, idAt } = ctx;
    const city = ctx.outputs.get(CITY);
    const areas = ctx.outputs.get(CITY_AREAS);
    const cases = ctx.outputs.get(CITY_OFFSITE_CASES);
    const start = firstDay(options);
    const until = options.until;
    const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const weighted = (list: readonly [string, number][]): string => {
      const total = list.reduce((a, [, w]) => a + w, 0);
      let x = rand() * total;
      for (const [v, w] of list) if ((x -= w) < 0) return v;
      return list.at(-1)![0];
    };
    const devicesT = writer.table('offsite_devices', DEVICE_COLUMNS);
    const reviewsT = writer.table('offsite_reviews', REVIEW_COLUMNS);
    const eventsT = writer.table('offsite_events', EVENT_COLUMNS);
    const deliveriesT = writer.table('offsite_deliveries', DELIVERY_COLUMNS);
    const servicesT = writer.table('case_services', SERVICE_COLUMNS);
    const media = JSON.stringify(EVIDENCE_PHOTOS.slice(0, 2).map((b) => ({ kind: 'image', sm3: sm3Hex(b), mime: 'image/png' })));
    const pointIn = (area: SquadArea, r: RandomSource): [number, number] => {
      const cell = Math.floor(r() * (area.cells.length / 2));
      return [
        Math.round((area.cells[2 * cell]! + r() * area.cellSize) * 1e7) / 1e7,
        Math.round((area.cells[2 * cell + 1]! + r() * area.cellSize) * 1e7) / 1e7,
      ];
    };
    const sqrtScale = Math.sqrt(options.scale);
    const cameras = Math.max(2, Math.round(OFFSITE_CAMERAS_PER_DISTRICT * sqrtScale));
    const drones = Math.max(1, Math.round(OFFSITE_DRONES_PER_DISTRICT * Math.min(1, sqrtScale * 4)));
    const byBureau = new Map<string, Device[]>();
    let inService = 0;
    let retired = 0;
    let uncertified = 0;
    let lapsed = 0;
    for (const b of city.bureaus) {
      if (b.squads.length === 0) continue;
      const list: Device[] = [];
      const scenesOf = isPudong(b) ? SCENES.filter(([c]) => c !== 'muck').map(([c]) => c) : SCENES.map(([c]) => c);
      for (let slot = 0; slot < cameras + drones; slot++) {
        const drone = slot >= cameras;
        const squad = b.squads[slot % b.squads.length]!;
        const area = areas.get(squad.id)!;
        const [lon, lat] = pointIn(area, rand);
        const street = `${pick(ROAD_WORDS)}${pick(ROAD_SUFFIXES)}`;
        const address = drone ? `${b.districtName}${area.street}无人机机场` : `${b.districtName}${street}${between(1, 1200)}号（商业街）`;
        // Slot 0 always reviewed for every scene, certified in turn: each district can found a case every day.
        const scenes = slot === 0 || drone ? scenesOf : scenesOf.filter(() => rand() < 0.6);
        if (scenes.length === 0) scenes.push(scenesOf[0]!);
        const state =
          slot === 0 ? 'ok' : rand() < OFFSITE_UNCERTIFIED_SHARE ? 'uncertified' : rand() < OFFSITE_LAPSED_SHARE ? 'lapsed' : 'ok';
        // The current record's 检定: within the last year (lapsed: ended before the last day).
        const currentCertOn = state === 'lapsed' ? addDays(until, -between(380, 560)) : addDays(until, -between(10, 340));
        // Earlier years: one record per 检定 period back to the start of the history.
        const periods: LegalDate[] = [currentCertOn];
        while (periods.at(-1)! > start) periods.push(addYears(periods.at(-1)!, -1));
        const installed = addDays(periods.at(-1)!, -between(5, 40));
        const reviewNo = between(1, 60);
        const kind = drone ? 'drone' : 'camera';
        for (let g = periods.length - 1; g >= 0; g--) {
          const certOn = periods[g]!;
          const current = g === 0;
          const certUntil = addDays(addYears(certOn, 1), -1);
          const missing = current && state === 'uncertified';
          const retiredOn = current ? null : periods[g - 1]!;
          const id = idAt(shanghaiInstant(certOn).getTime());
          const code = `${b.code}-${drone ? 'UAV' : 'CAM'}-${String(slot + 1).padStart(4, '0')}${current ? '' : `-${certOn.slice(0, 4)}`}`;
          const record: DeviceRecord = {
            kind,
            scenes,
            legalReviewPassedOn: installed,
            techCertifiedOn: missing ? null : certOn,
            techCertifiedUntil: missing ? null : certUntil,
            locationPublishedOn: installed,
            retiredOn,
          };
          devicesT.add([
            id,
            b.id,
            squad.id,
            squad.path,
            code,
            kind,
            drone ? `${b.districtName}巡查无人机 ${slot - cameras + 1} 号` : `${street}商业街监控 ${slot + 1} 号`,
            drone ? '大疆行业应用' : pick(['海康威视', '大华', '宇视']),
            address,
            lon,
            lat,
            drone ? JSON.stringify(squareAround(lon, lat)) : null,
            scenes,
            installed,
            `${b.districtName}城管执法局法制科`,
            `${b.shortName}法审〔${installed.slice(0, 4)}〕${reviewNo}号`,
            kind === 'camera' ? installed : null,
            kind === 'camera' ? `${b.districtName}人民政府网站` : null,
            missing ? null : '上海市计量测试技术研究院',
            missing ? null : `JD${certOn.replace(/-/g, '').slice(0, 6)}-${String(between(1, 9999)).padStart(4, '0')}`,
            missing ? null : certOn,
            missing ? null : certUntil,
            current ? 'active' : 'retired',
            retiredOn,
            null,
            shanghaiInstant(certOn),
            shanghaiInstant(current ? certOn : retiredOn!),
          ]);
          list.push({ id, bureauId: b.id, squadId: squad.id, code, record, lon, lat, address });
          if (current) {
            inService += 1;
            if (state === 'uncertified') uncertified += 1;
            if (state === 'lapsed') lapsed += 1;
          } else retired += 1;
        }
      }
      byBureau.set(b.id, list);
    }
    const bureauOf = new Map(city.bureaus.map((b) => [b.id, b]));
    const squadOf = new Map(city.squads.map((s) => [s.id, s]));
    const fitOn = (bureauId: string, on: LegalDate, scene: string) =>
      byBureau.get(bureauId)!.filter((d) => deviceFitness(d.record, on, scene).length === 0);
    const plate = () => `沪${PLATE_LETTERS[Math.floor(rand() * PLATE_LETTERS.length)]}${String(between(10000, 99999))}`;
    const subjectCode = () => `SC${String(between(1, 9_999_999)).padStart(8, '0')}`;
    const sceneFor = (b: CityBureau) => weighted(isPudong(b) ? SCENES.filter(([c]) => c !== 'muck') : SCENES);
    let eventsN = 0;
    const writeItem = (item: {
      id: string;
      number: string;
      bureau: CityBureau;
      squadId: string;
      scene: string;
      device: Device;
      firstMs: number;
      lastMs: number;
      count: number;
      state: 'confirmed' | 'dismissed' | 'pending';
      reviewerId: string | null;
      reviewedAt: Date | null;
      reason: string | null;
      caseId: string | null;
      notice: 'electronic' | 'post' | null;
    }) => {
      const vehicle = item.scene === 'car_wash' || item.scene === 'muck';
      const p = vehicle ? plate() : null;
      const s = vehicle ? null : subjectCode();
      const partyKey = p ? `plate:${p}` : `subject:${s}`;
      const squad = squadOf.get(item.squadId)!;
      reviewsT.add([
        item.id,
        item.number,
        item.bureau.id,
        squad.path,
        item.scene,
        partyKey,
        new Date(item.firstMs),
        new Date(item.lastMs),
        item.count,
        item.state,
        item.reviewerId,
        item.reviewedAt,
        item.reason,
        item.caseId,
        item.notice,
        null,
        null,
        new Date(item.firstMs),
      ]);
      for (let i = 0; i < item.count; i++) {
        const at = item.count === 1 ? item.firstMs : item.firstMs + Math.round(((item.lastMs - item.firstMs) * i) / (item.count - 1));
        const eventId = idAt(at);
        const ref = `${item.device.code}-${at.toString(36).toUpperCase()}`;
        const receivedAt = new Date(at + between(5, 120) * 1000);
        eventsT.add([
          eventId,
          item.id,
          item.device.id,
          item.bureau.id,
          ref,
          new Date(at),
          item.scene,
          item.device.lon,
          item.device.lat,
          item.device.address,
          p,
          s,
          partyKey,
          media,
          receivedAt,
        ]);
        deliveriesT.add([
          idAt(receivedAt.getTime()),
          item.device.code,
          item.device.id,
          item.bureau.id,
          ref,
          'accepted',
          null,
          null,
          null,
          null,
          eventId,
          1,
          JSON.stringify({ deviceCode: item.device.code, eventId: ref, occurredAt: new Date(at).toISOString(), scene: item.scene }),
          receivedAt,
          receivedAt,
        ]);
        eventsN += 1;
      }
    };

    // Confirmed: the item each off-site case was registered from, on the day of its registration.
    let confirmed = 0;
    let servedPosts = 0;
    let pendingPosts = 0;
    for (const c of cases) {
      const bureau = bureauOf.get(c.bureauId)!;
      const squad = squadOf.get(c.squadId)!;
      let scene = sceneFor(bureau);
      let fit = fitOn(bureau.id, c.date, scene);
      if (fit.length === 0) {
        scene = 'cross_door';
        fit = fitOn(bureau.id, c.date, scene);
      }
      const device = pick(fit);
      const dayStart = shanghaiInstant(c.date).getTime();
      const span = Math.max(60_000, c.registeredAt - dayStart - 10 * 60_000);
      const firstMs = dayStart + Math.floor(rand() * span * 0.6);
      const count = rand() < 0.7 ? 1 : between(2, 3);
      const lastMs = count === 1 ? firstMs : Math.min(c.registeredAt - 60_000, firstMs + between(20, 240) * 60_000);
      const reviewer = squad.leaders[0] ?? squad.field[0]!;
      const notice = rand() < OFFSITE_ELECTRONIC_SHARE || !c.notice ? 'electronic' : 'post';
      if (notice === 'post' && c.notice) {
        // 邮寄送达 of the notice (the service module's record): posted on the confirmation day; served on the return
        // card's day, or still awaited (the last week's, and a few older cards not back).
        const served = addDays(c.date, between(2, 7));
        const back = served <= until && rand() >= OFFSITE_RETURN_MISSING_SHARE;
        const servedAt = back ? shanghaiInstant(served).getTime() + between(9 * 60, 17 * 60) * 60_000 : c.registeredAt;
        servicesT.add([
          idAt(c.registeredAt),
          c.caseId,
          bureau.id,
          c.notice.id,
          'offsite_notice',
          '非现场执法告知书',
          c.notice.number,
          'mail',
          back ? 'served' : 'pending',
          back ? served : null,
          back ? c.partyName : null,
          c.partyAddress,
          back || rand() < 0.5 ? `EMS${String(between(100_000_000, 999_999_999))}SH` : null,
          c.date,
          back ? '邮寄送达，回执已收回' : '已交邮，待回执',
          reviewer.id,
          new Date(c.registeredAt),
          new Date(servedAt),
        ]);
        if (back) servedPosts += 1;
        else pendingPosts += 1;
      }
      writeItem({
        notice,
        id: idAt(firstMs),
        number: offsiteReviewNumber(c.caseId, c.date),
        bureau,
        squadId: squad.id,
        scene,
        device,
        firstMs,
        lastMs: Math.max(firstMs, lastMs),
        count: lastMs > firstMs ? count : 1,
        state: 'confirmed',
        reviewerId: reviewer.id,
        reviewedAt: new Date(c.registeredAt),
        reason: null,
        caseId: c.caseId,
      });
      confirmed += 1;
    }

    // Dismissed over the history, and the last days' items still pending review.
    const days = daysBetween(start, until) + 1;
    const districts = city.bureaus.filter((b) => b.squads.length > 0);
    const dismissedN = Math.round(confirmed * OFFSITE_DISMISSED_PER_CONFIRMED);
    const pendingN = Math.max(1, Math.round(((confirmed + dismissedN) / days) * OFFSITE_PENDING_DAYS));
    const other = (state: 'dismissed' | 'pending', date: LegalDate) => {
      const bureau = pick(districts);
      const squad = pick(bureau.squads);
      const scene = sceneFor(bureau);
      const fit = fitOn(bureau.id, date, scene);
      const device = fit.length > 0 && rand() < 0.9 ? pick(fit) : pick(byBureau.get(bureau.id)!.filter((d) => d.record.retiredOn === null));
      const firstMs = shanghaiInstant(date).getTime() + between(7 * 60, 21 * 60) * 60_000;
      const reviewer = squad.leaders[0] ?? squad.field[0]!;
      const a5 = deviceFitness(device.record, date, scene).length > 0;
      const id = idAt(firstMs);
      writeItem({
        notice: null,
        id,
        number: `FX${date.replace(/-/g, '')}${id.replace(/-/g, '').slice(-8).toUpperCase()}`,
        bureau,
        squadId: squad.id,
        scene,
        device,
        firstMs,
        lastMs: firstMs,
        count: 1,
        state,
        reviewerId: state === 'dismissed' ? reviewer.id : null,
        reviewedAt:
          state === 'dismissed' ? new Date(Math.min(firstMs + between(1, 48) * 3_600_000, endOfShanghaiDay(until).getTime())) : null,
        reason: state === 'dismissed' ? (a5 ? DISMISS_REASONS[5] : pick(DISMISS_REASONS.slice(0, 5))) : null,
        caseId: null,
      });
    };
    for (let i = 0; i < dismissedN; i++) other('dismissed', addDays(start, Math.floor(rand() * Math.max(1, days - OFFSITE_PENDING_DAYS))));
    for (let i = 0; i < pendingN; i++) other('pending', addDays(until, -Math.floor(rand() * OFFSITE_PENDING_DAYS)));
    return {
      devicesInService: inService,
      devicesRetired: retired,
      uncertified,
      lapsed,
      confirmed,
      dismissed: dismissedN,
      pending: pendingN,
      events: eventsN,
      postedNoticesServed: servedPosts,
      postedNoticesPending: pendingPosts,
    };
  },
};

function squareAround(lon: number, lat: number): [number, number][] {
  const d = 0.01;
  return [
    [lon - d, lat - d],
    [lon + d, lat - d],
    [lon + d, lat + d],
    [lon - d, lat + d],
    [lon - d, lat - d],
  ];
}
