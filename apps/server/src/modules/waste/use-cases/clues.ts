// Clues of the day's analysis (docs/waste.md §3): listed, filtered, paged and exported per bureau; each with its map
// evidence (the vehicle's day for replay, its corridors and the sites it touched); an officer confirms one into an
// off-site case (through the cases module: the track is stored as the case's electronic evidence) or dismisses it with
// a reason. Outcomes: 扣押 of the vehicle (H1 approval, H3 limit computed by the domain) and, through the case's own
// decision with 吊销许可证件 (after the hearing right the case module gives, D4), the company's licence revoked.
import type {
  ClueHeat,
  ClueHeatQuery,
  ConfirmWasteClueBody,
  DismissWasteClueBody,
  PageOf,
  SeizeVehicleBody,
  TrackQuery,
  WasteClue,
  WasteClueQuery,
  WasteSeizure,
  WasteTrack,
} from '@chengguan/contracts';
import { WASTE_CLUE_KIND_ZH, type RegisterCaseBody } from '@chengguan/contracts';
import { addDays, cellRing, cellsOutline, seizureDeadline } from '@chengguan/domain';
import { latLngToCell } from 'h3-js';
import { sql } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate, shanghaiInstant } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { addEvidenceIn, registerCaseIn, type StepWrite } from '../../cases/index.ts';
import { addHolder, storeFile } from '../../files/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { assertBureauVisible, bureauVisible, dateText, pageOfQuery } from '../waste.shared.ts';

const local = (t: number) => new Date(t * 1000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function clueQuery(deps: Deps, actor: Actor, q: WasteClueQuery) {
  let query = deps.db
    .selectFrom('waste_clues as k')
    .innerJoin('orgs as o', 'o.id', 'k.bureau_id')
    .leftJoin('waste_companies as c', 'c.id', 'k.company_id')
    .leftJoin('waste_sites as s', 's.id', 'k.site_id')
    .where(bureauVisible(actor, 'o'));
  if (q.bureauId) query = query.where('k.bureau_id', '=', q.bureauId);
  if (q.day) query = query.where('k.day', '=', q.day);
  if (q.kind) query = query.where('k.kind', '=', q.kind);
  if (q.status) query = query.where('k.status', '=', q.status);
  if (q.plate) query = query.where('k.plate', '=', q.plate);
  return query.select([
    'k.id',
    'k.bureau_id',
    'k.day',
    'k.kind',
    'k.plate',
    'k.vehicle_id',
    'c.name as company_name',
    's.name as site_name',
    'k.t_from',
    'k.t_to',
    'k.points',
    'k.lon',
    'k.lat',
    'k.status',
    'k.case_id',
    'k.dismiss_reason',
  ]);
}
type ClueRow = Awaited<ReturnType<ReturnType<typeof clueQuery>['execute']>>[number];
const toClue = (r: ClueRow): WasteClue => ({
  id: r.id,
  bureauId: r.bureau_id,
  day: dateText(r.day),
  kind: r.kind as WasteClue['kind'],
  plate: r.plate,
  vehicleId: r.vehicle_id,
  companyName: r.company_name,
  siteName: r.site_name,
  from: new Date(Number(r.t_from) * 1000).toISOString(),
  to: new Date(Number(r.t_to) * 1000).toISOString(),
  minutes: Math.round((Number(r.t_to) - Number(r.t_from)) / 6) / 10,
  points: r.points,
  lon: r.lon,
  lat: r.lat,
  status: r.status as WasteClue['status'],
  caseId: r.case_id,
  dismissReason: r.dismiss_reason,
});

export async function listClues(deps: Deps, actor: Actor, q: WasteClueQuery): Promise<PageOf<WasteClue>> {
  assertPermission(actor, 'waste:read');
  return pageOfQuery(deps.db, clueQuery(deps, actor, q).orderBy('k.day', 'desc').orderBy('k.t_from', 'desc').orderBy('k.id'), q, toClue);
}

const STATUS_ZH = { open: '待核实', confirmed: '已立案', dismissed: '已排除' } as const;

export async function exportClues(deps: Deps, actor: Actor, q: WasteClueQuery): Promise<Buffer> {
  assertPermission(actor, 'waste:read');
  const rows = (await clueQuery(deps, actor, q).orderBy('k.day', 'desc').orderBy('k.t_from', 'desc').limit(MAX_EXPORT_ROWS).execute()).map(
    toClue,
  );
  return toXlsx(
    '建筑垃圾线索',
    [
      { header: '日期', value: (c: WasteClue) => c.day, width: 12 },
      { header: '类别', value: (c: WasteClue) => WASTE_CLUE_KIND_ZH[c.kind], width: 20 },
      { header: '车牌号', value: (c: WasteClue) => c.plate, width: 14 },
      { header: '运输单位', value: (c: WasteClue) => c.companyName ?? '（未登记）', width: 28 },
      { header: '场所', value: (c: WasteClue) => c.siteName ?? '', width: 24 },
      { header: '开始', value: (c: WasteClue) => new Date(c.from), width: 18 },
      { header: '结束', value: (c: WasteClue) => new Date(c.to), width: 18 },
      { header: '分钟', value: (c: WasteClue) => c.minutes },
      { header: '经度', value: (c: WasteClue) => c.lon },
      { header: '纬度', value: (c: WasteClue) => c.lat },
      { header: '状态', value: (c: WasteClue) => STATUS_ZH[c.status], width: 10 },
      { header: '排除理由', value: (c: WasteClue) => c.dismissReason ?? '', width: 30 },
    ],
    rows,
  );
}

async function clueOrFail(deps: Deps, actor: Actor, id: string) {
  const row = await clueQuery(deps, actor, {}).where('k.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getClue(deps: Deps, actor: Actor, id: string): Promise<WasteClue> {
  assertPermission(actor, 'waste:read');
  return toClue(await clueOrFail(deps, actor, id));
}

/** A vehicle's day: points in time order, the corridors of its permits valid that day, the sites it passed. */
export async function getTrack(deps: Deps, actor: Actor, q: TrackQuery): Promise<WasteTrack> {
  assertPermission(actor, 'waste:read');
  // Visible when the vehicle is registered in the user's area, or a clue of his area names the plate that day.
  const vehicle = await deps.db.selectFrom('waste_vehicles').select(['bureau_id']).where('plate', '=', q.plate).executeTakeFirst();
  const clue = await clueQuery(deps, actor, { plate: q.plate, day: q.day }).executeTakeFirst();
  if (!clue) {
    if (!vehicle) throw new AppError('NOT_FOUND');
    await assertBureauVisible(deps.db, actor, vehicle.bureau_id);
  }
  const points = await deps.db
    .selectFrom('waste_points')
    .select(['t', 'lon', 'lat', sql<string>`CAST(cell AS TEXT)`.as('cell_text')])
    .where('day', '=', q.day)
    .where('plate', '=', q.plate)
    .orderBy('t')
    .execute();
  const permits = await deps.db
    .selectFrom('waste_permit_vehicles as pv')
    .innerJoin('waste_permits as p', 'p.id', 'pv.permit_id')
    .select(['p.id', 'p.number', 'p.route'])
    .where('pv.plate', '=', q.plate)
    .where('p.status', '=', 'valid')
    .where('p.valid_from', '<=', q.day)
    .where('p.valid_until', '>=', q.day)
    .execute();
  const corridors = [];
  for (const p of permits) {
    const cells = await deps.db
      .selectFrom('waste_corridor_cells')
      .select(sql<string>`CAST(cell AS TEXT)`.as('c'))
      .where('permit_id', '=', p.id)
      .execute();
    // The approved route itself (WGS-84 [lon, lat] points, site → disposal), drawn as a line along its corridor.
    const route = (p.route as number[][]).map((x) => [Number(x[0]), Number(x[1])]);
    corridors.push({ permitNumber: p.number, outline: cellsOutline(cells.map((c) => c.c)), route });
  }
  const touched = [...new Set(points.map((p) => p.cell_text))];
  const siteIds = new Set<string>();
  for (let i = 0; i < touched.length; i += 1000) {
    const got = await deps.db
      .selectFrom('waste_site_cells')
      .select('site_id')
      .where(sql<boolean>`cell IN (${sql.join(touched.slice(i, i + 1000).map((c) => sql`CAST(${c} AS BIGINT)`))})`)
      .execute();
    for (const g of got) siteIds.add(g.site_id);
  }
  const sites = [];
  for (const id of siteIds) {
    const s = await deps.db.selectFrom('waste_sites').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirstOrThrow();
    const cells = await deps.db
      .selectFrom('waste_site_cells')
      .select(sql<string>`CAST(cell AS TEXT)`.as('c'))
      .where('site_id', '=', id)
      .execute();
    sites.push({
      id: s.id,
      name: s.name,
      kind: s.kind as WasteTrack['sites'][number]['kind'],
      outline: cellsOutline(cells.map((c) => c.c)),
    });
  }
  return { plate: q.plate, day: q.day, points: points.map((p) => [Number(p.t), p.lon, p.lat]), corridors, sites };
}

/** Clues per resolution-8 cell over a period (the heat map). */
export async function clueHeat(deps: Deps, actor: Actor, q: ClueHeatQuery): Promise<ClueHeat> {
  assertPermission(actor, 'waste:read');
  if (q.to < q.from) throw fieldError('to', '截止日期早于起始日期', 'is before from');
  if (q.to > addDays(q.from, 92)) throw fieldError('to', '热力图一次最多统计 92 天', 'at most 92 days');
  let query = deps.db
    .selectFrom('waste_clues as k')
    .innerJoin('orgs as o', 'o.id', 'k.bureau_id')
    .where(bureauVisible(actor, 'o'))
    .where('k.day', '>=', q.from)
    .where('k.day', '<=', q.to)
    .where('k.status', '<>', 'dismissed')
    .select(['k.lon', 'k.lat']);
  if (q.bureauId) query = query.where('k.bureau_id', '=', q.bureauId);
  const counts = new Map<string, number>();
  for (const r of await query.limit(200_000).execute()) {
    const c = latLngToCell(r.lat, r.lon, 8);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return {
    cells: [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([cell, count]) => ({ cell, count, ring: cellRing(BigInt(`0x${cell}`)) })),
  };
}

function clueFacts(c: WasteClue): string {
  const who = c.companyName ? `${c.companyName}所属车辆 ${c.plate}` : `车辆 ${c.plate}（未登记）`;
  const where = c.siteName ? `在${c.siteName}` : `在（经度 ${c.lon.toFixed(5)}，纬度 ${c.lat.toFixed(5)}）附近`;
  return `建筑垃圾运输车辆 GPS 轨迹分析：${who}于 ${local(Date.parse(c.from) / 1000)} 至 ${local(Date.parse(c.to) / 1000)} ${where}，${WASTE_CLUE_KIND_ZH[c.kind]}（${c.points} 个定位点）。`;
}

export async function confirmClue(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: ConfirmWasteClueBody): Promise<WasteClue> {
  assertPermission(actor, 'waste:write');
  assertPermission(actor, 'case:write');
  const clue = toClue(await clueOrFail(deps, actor, id));
  if (clue.status !== 'open') throw new AppError('STATE_CONFLICT', { message: '该线索已处理', messageEn: 'The clue was already decided' });
  const track = await getTrack(deps, actor, { plate: clue.plate, day: clue.day });
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  await deps.db.transaction().execute(async (trx) => {
    const registration: RegisterCaseBody = {
      date: today,
      discoveredOn: clue.day,
      source: 'offsite',
      sourceRef: `建筑垃圾线索 ${clue.day} ${clue.plate}`.slice(0, 100),
      orgId: body.orgId,
      offenceCode: body.offenceCode,
      party: body.party,
      act: { actDate: clue.day },
      location: (clue.siteName ?? `经度 ${clue.lon.toFixed(5)}，纬度 ${clue.lat.toFixed(5)}`).slice(0, 300),
      point: { lon: clue.lon, lat: clue.lat, crs: 'wgs84' },
      facts: body.facts ?? clueFacts(clue),
      officerIds: [actor.id],
    };
    const caseId = (await registerCaseIn(trx, deps, actor, meta, registration)).row.id;
    // The map evidence: the vehicle's track of the day with its corridors, GeoJSON, kept under its SM3.
    const geojson = Buffer.from(
      JSON.stringify({
        type: 'FeatureCollection',
        properties: { plate: clue.plate, day: clue.day, clue: clue.kind, from: clue.from, to: clue.to },
        features: [
          {
            type: 'Feature',
            properties: { kind: 'track' },
            geometry: { type: 'LineString', coordinates: track.points.map((p) => [p[1], p[2]]) },
          },
          ...track.corridors.map((c) => ({
            type: 'Feature',
            properties: { kind: 'corridor', permit: c.permitNumber },
            geometry: { type: 'MultiPolygon', coordinates: c.outline },
          })),
        ],
      }),
    );
    const sm3 = await storeFile(deps, trx, { bytes: geojson, mime: 'application/geo+json', bureauId: clue.bureauId, createdBy: actor.id });
    if (actor.bureauId) await addHolder(trx, sm3, 'bureau', actor.bureauId);
    await addEvidenceIn(trx, deps, actor, meta, {
      caseId,
      body: { date: today, evidenceType: 'electronic_data', title: `GPS 轨迹（${clue.plate}，${clue.day}）`, fileSm3: sm3 },
    });
    const r = await trx
      .updateTable('waste_clues')
      .set({ status: 'confirmed', case_id: caseId, decided_by: actor.id, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.clue_confirm',
      entityType: 'waste_clue',
      entityId: id,
      bureauId: clue.bureauId,
      data: { caseId, kind: clue.kind, plate: clue.plate, evidenceSm3: sm3 },
    });
  });
  return getClue(deps, actor, id);
}

export async function dismissClue(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: DismissWasteClueBody): Promise<WasteClue> {
  assertPermission(actor, 'waste:write');
  const clue = toClue(await clueOrFail(deps, actor, id));
  if (clue.status !== 'open') throw new AppError('STATE_CONFLICT', { message: '该线索已处理', messageEn: 'The clue was already decided' });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('waste_clues')
      .set({ status: 'dismissed', dismiss_reason: body.reason, decided_by: actor.id, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.clue_dismiss',
      entityType: 'waste_clue',
      entityId: id,
      bureauId: clue.bureauId,
      data: { reason: body.reason, kind: clue.kind, plate: clue.plate },
    });
  });
  return getClue(deps, actor, id);
}

// ---- 扣押 -----------------------------------------------------------------------------------------------------------

/**
 * 扣押 of the clue's vehicle once the clue is a case. H1 (行政强制法 Arts. 18–19): prior approval of the agency head
 * (a bureau leader of the bureau), or in an emergency the approval sought within 24 hours — recorded later by the
 * same endpoint's approvedBy/approvedAt. H3 (Art. 25): the limit is 30 days (the domain's seizureDeadline). One open
 * seizure per vehicle.
 */
export async function seizeVehicle(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: SeizeVehicleBody): Promise<WasteSeizure> {
  assertPermission(actor, 'waste:write');
  assertPermission(actor, 'case:write');
  const clue = toClue(await clueOrFail(deps, actor, id));
  if (clue.status !== 'confirmed' || !clue.caseId) {
    throw new AppError('STATE_CONFLICT', { message: '线索立案后才能扣押车辆', messageEn: 'Confirm the clue into a case first' });
  }
  if (!clue.vehicleId) throw fieldError('id', '未登记车辆须先登记后扣押', 'register the vehicle first', 'STATE_CONFLICT');
  const today = shanghaiDate(deps.clock.now());
  if (body.seizedOn > today) throw fieldError('seizedOn', '扣押日期不能晚于今天', 'cannot be after today');
  const H1 = 'H1 行政强制法第十八条、第十九条';
  if (!body.emergency || body.approvedBy) {
    if (!body.approvedBy || !body.approvedAt) {
      throw new AppError('RULE_VIOLATION', {
        field: 'approvedBy',
        rule: H1,
        message: `${H1}：实施扣押须事先报经行政机关负责人批准（情况紧急的，应在二十四小时内补办批准手续）`,
        messageEn: `${H1}: a seizure needs the agency head's prior approval (or, in an emergency, approval within 24 hours)`,
        details: [{ field: 'approvedBy', message: '须填写批准的负责人', messageEn: 'name the approving head' }],
      });
    }
    const leader = await deps.db
      .selectFrom('officers as o')
      .innerJoin('officer_roles as r', 'r.officer_id', 'o.id')
      .select('o.id')
      .where('o.id', '=', body.approvedBy)
      .where('r.role', '=', 'bureau_leader')
      .executeTakeFirst();
    if (!leader)
      throw fieldError('approvedBy', '批准人须为行政机关负责人（局领导）', 'the approver must be the agency head', 'RULE_VIOLATION');
    const approvedAt = new Date(body.approvedAt);
    const seizedAt = shanghaiInstant(body.seizedOn);
    if (!body.emergency && approvedAt.getTime() > shanghaiInstant(addDays(body.seizedOn, 1)).getTime()) {
      throw fieldError('approvedAt', `${H1}：批准须在扣押之前`, 'the approval must precede the seizure', 'RULE_VIOLATION');
    }
    if (body.emergency && approvedAt.getTime() > seizedAt.getTime() + 48 * 3_600_000) {
      throw fieldError(
        'approvedAt',
        `${H1}：紧急扣押须在二十四小时内补办批准`,
        'approval within 24 hours of an emergency seizure',
        'RULE_VIOLATION',
      );
    }
  }
  const calendar = await loadWorkCalendar(deps.db);
  const deadline = seizureDeadline(body.seizedOn, calendar, { extended: false });
  const sid = deps.newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('waste_seizures')
      .select('id')
      .where('vehicle_id', '=', clue.vehicleId!)
      .where('released_on', 'is', null)
      .executeTakeFirst();
    if (open) throw new AppError('DUPLICATE', { message: '该车辆正在扣押中', messageEn: 'The vehicle is already seized' });
    await trx
      .insertInto('waste_seizures')
      .values({
        id: sid,
        clue_id: id,
        case_id: clue.caseId!,
        vehicle_id: clue.vehicleId!,
        bureau_id: clue.bureauId,
        seized_on: body.seizedOn,
        emergency: body.emergency,
        approved_by: body.approvedBy ?? null,
        approved_at: body.approvedAt ?? null,
        deadline: deadline.due,
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await trx.updateTable('waste_vehicles').set({ status: 'seized' }).where('id', '=', clue.vehicleId!).execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.vehicle_seize',
      entityType: 'waste_vehicle',
      entityId: clue.vehicleId!,
      bureauId: clue.bureauId,
      data: { clueId: id, caseId: clue.caseId, seizedOn: body.seizedOn, deadline: deadline.due, emergency: body.emergency },
    });
  });
  return {
    id: sid,
    clueId: id,
    caseId: clue.caseId!,
    vehicleId: clue.vehicleId!,
    plate: clue.plate,
    seizedOn: body.seizedOn,
    emergency: body.emergency,
    deadline: deadline.due,
    deadlineBasis: `${deadline.basis.ruleId} ${deadline.basis.text}（${deadline.basis.articles.join('、')}）`,
    releasedOn: null,
  };
}

/** 吊证: a case of a confirmed clue decided with 吊销许可证件 revokes the company's licence and its permits. */
export async function revokeOnDecision(deps: Deps, meta: RequestMeta, w: StepWrite<'decide'>): Promise<void> {
  const d = w.next.decision;
  if (!d || d.outcome !== 'penalty' || !d.penalty?.penalties.includes('revoke_licence')) return;
  const clue = await w.trx
    .selectFrom('waste_clues')
    .select(['id', 'company_id', 'bureau_id'])
    .where('case_id', '=', w.loaded.row.id)
    .where('company_id', 'is not', null)
    .executeTakeFirst();
  if (!clue?.company_id) return;
  await w.trx
    .updateTable('waste_companies')
    .set({ licence_status: 'revoked', revoked_case_id: w.loaded.row.id })
    .where('id', '=', clue.company_id)
    .execute();
  await w.trx.updateTable('waste_permits').set({ status: 'revoked' }).where('company_id', '=', clue.company_id).execute();
  await recordAudit(w.trx, deps, w.actor, meta, {
    action: 'waste.company_revoke',
    entityType: 'waste_company',
    entityId: clue.company_id,
    bureauId: clue.bureau_id,
    data: { caseId: w.loaded.row.id, clueId: clue.id },
  });
}
