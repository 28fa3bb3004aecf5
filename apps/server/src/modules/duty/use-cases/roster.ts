// Shifts and the week's roster of a squad (docs/duty.md §1). Saving a week is one transaction: the rows of the week
// are brought to the body's (unchanged rows keep their id, so positions recorded on them stay), and refused as a
// whole when an officer is on two shifts at once (D2), is not of the squad, or has no valid 执法证 for a field shift.
import type { CopyRosterBody, RosterQuery, RosterWeek, SaveRosterBody, SaveShiftTemplateBody, ShiftTemplate } from '@chengguan/contracts';
import {
  ACTING_CREDENTIAL_STATUSES,
  addDays,
  bestOfficerCredential,
  isWorkingDay,
  minuteText,
  rosterOverlaps,
  shiftInstants,
  weekDates,
  weekStartOf,
  type CredentialLike,
} from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { squadOrFail } from '../duty.shared.ts';

type ShiftRow = { id: string; org_id: string; code: string; name: string; start_minute: number; end_minute: number; field: boolean };

export function toShift(r: ShiftRow): ShiftTemplate {
  const nextDay = r.end_minute <= r.start_minute ? '（次日）' : '';
  return {
    id: r.id,
    orgId: r.org_id,
    code: r.code,
    name: r.name,
    startMinute: r.start_minute,
    endMinute: r.end_minute,
    hours: `${minuteText(r.start_minute)}–${nextDay}${minuteText(r.end_minute)}`,
    field: r.field,
  };
}

async function shiftsOf(db: Executor, orgId: string): Promise<ShiftRow[]> {
  return db
    .selectFrom('duty_shift_templates')
    .select(['id', 'org_id', 'code', 'name', 'start_minute', 'end_minute', 'field'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .orderBy('start_minute')
    .execute();
}

export async function listShiftTemplates(deps: Deps, actor: Actor, orgId: string): Promise<ShiftTemplate[]> {
  assertPermission(actor, 'duty:read');
  await squadOrFail(deps.db, actor, orgId);
  return (await shiftsOf(deps.db, orgId)).map(toShift);
}

/** Creates or changes (by code) a shift of the squad. */
export async function saveShiftTemplate(deps: Deps, actor: Actor, meta: RequestMeta, body: SaveShiftTemplateBody): Promise<ShiftTemplate> {
  assertPermission(actor, 'duty:write');
  const squad = await squadOrFail(deps.db, actor, body.orgId);
  if (body.startMinute === body.endMinute) {
    throw fieldError('endMinute', '下班时间不能与上班时间相同', 'must differ from the start');
  }
  return deps.db.transaction().execute(async (trx) => {
    const values = { name: body.name, start_minute: body.startMinute, end_minute: body.endMinute, field: body.field, active: true };
    await trx
      .insertInto('duty_shift_templates')
      .values({ id: deps.newId(), bureau_id: squad.bureau_id, org_id: squad.id, code: body.code, ...values })
      .onConflict((oc) => oc.columns(['org_id', 'code']).doUpdateSet(values))
      .execute();
    const row = await trx
      .selectFrom('duty_shift_templates')
      .select(['id', 'org_id', 'code', 'name', 'start_minute', 'end_minute', 'field'])
      .where('org_id', '=', squad.id)
      .where('code', '=', body.code)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps, actor, meta, {
      action: 'duty.shift',
      entityType: 'org',
      entityId: squad.id,
      bureauId: squad.bureau_id,
      data: { code: body.code, name: body.name, startMinute: body.startMinute, endMinute: body.endMinute, field: body.field },
    });
    return toShift(row);
  });
}

function mondayOrFail(date: string, field = 'weekStart'): string {
  const monday = weekStartOf(date);
  if (monday !== date) throw fieldError(field, '须为星期一（每周从星期一开始）', 'must be a Monday (weeks start on Monday)');
  return monday;
}

export async function getRosterWeek(deps: Deps, actor: Actor, q: RosterQuery): Promise<RosterWeek> {
  assertPermission(actor, 'duty:read');
  const squad = await squadOrFail(deps.db, actor, q.orgId);
  const monday = mondayOrFail(q.weekStart);
  return readWeek(deps.db, squad, monday);
}

async function readWeek(db: Executor, squad: { id: string; name: string }, monday: string): Promise<RosterWeek> {
  const dates = weekDates(monday);
  const [calendar, shifts, officers, areas, entries] = await Promise.all([
    loadWorkCalendar(db),
    shiftsOf(db, squad.id),
    squadOfficers(db, squad.id),
    db
      .selectFrom('duty_patrol_areas')
      .select(['id', 'name'])
      .where('org_id', '=', squad.id)
      .where('active', '=', true)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('duty_roster as r')
      .innerJoin('officers as o', 'o.id', 'r.officer_id')
      .innerJoin('duty_shift_templates as s', 's.id', 'r.shift_id')
      .leftJoin('duty_patrol_areas as a', 'a.id', 'r.patrol_area_id')
      .select([
        'r.id',
        'r.officer_id',
        'o.name as officer_name',
        'r.duty_date',
        'r.shift_id',
        's.name as shift_name',
        'r.starts_at',
        'r.ends_at',
        'r.field',
        'r.patrol_area_id',
        'a.name as area_name',
      ])
      .where('r.org_id', '=', squad.id)
      .where('r.duty_date', '>=', dates[0]!)
      .where('r.duty_date', '<=', dates[6]!)
      .orderBy('r.duty_date')
      .orderBy('r.starts_at')
      .orderBy('o.name')
      .execute(),
  ]);
  return {
    orgId: squad.id,
    orgName: squad.name,
    weekStart: monday,
    days: dates.map((date) => ({ date, workingDay: isWorkingDay(calendar, date) })),
    shifts: shifts.map(toShift),
    officers: officers.map((o) => ({ id: o.id, name: o.name, credentialStatus: bestOfficerCredential(o.credentials, monday).status })),
    patrolAreas: areas,
    entries: entries.map((e) => ({
      id: e.id,
      officerId: e.officer_id,
      officerName: e.officer_name,
      dutyDate: dateText(e.duty_date),
      shiftId: e.shift_id,
      shiftName: e.shift_name,
      startsAt: new Date(e.starts_at).toISOString(),
      endsAt: new Date(e.ends_at).toISOString(),
      field: e.field,
      patrolAreaId: e.patrol_area_id,
      patrolAreaName: e.area_name,
    })),
  };
}

/** A date column as 'YYYY-MM-DD' (PGlite and node-postgres may hand back a string or a Date). */
export function dateText(d: unknown): string {
  if (d instanceof Date) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return String(d).slice(0, 10);
}

type SquadOfficer = { id: string; name: string; credentials: CredentialLike[] };

async function squadOfficers(db: Executor, orgId: string): Promise<SquadOfficer[]> {
  const [officers, creds] = await Promise.all([
    db.selectFrom('officers').select(['id', 'name']).where('org_id', '=', orgId).where('active', '=', true).orderBy('name').execute(),
    db
      .selectFrom('credentials as c')
      .innerJoin('officers as o', 'o.id', 'c.officer_id')
      .select(['c.officer_id', 'c.number', 'c.domains', 'c.valid_from', 'c.valid_to', 'c.revoked'])
      .where('o.org_id', '=', orgId)
      .execute(),
  ]);
  return officers.map((o) => ({
    ...o,
    credentials: creds
      .filter((c) => c.officer_id === o.id)
      .map((c) => ({
        number: c.number,
        domains: c.domains,
        validFrom: dateText(c.valid_from),
        validTo: dateText(c.valid_to),
        revoked: c.revoked,
      })),
  }));
}

type Planned = { officerId: string; dutyDate: string; shiftId: string; patrolAreaId: string | null; field: string };

export async function saveRosterWeek(deps: Deps, actor: Actor, meta: RequestMeta, body: SaveRosterBody): Promise<RosterWeek> {
  assertPermission(actor, 'duty:write');
  const squad = await squadOrFail(deps.db, actor, body.orgId);
  const monday = mondayOrFail(body.weekStart);
  const planned = body.entries.map((e, i) => ({
    officerId: e.officerId,
    dutyDate: e.dutyDate,
    shiftId: e.shiftId,
    patrolAreaId: e.patrolAreaId ?? null,
    field: `entries.${i}`,
  }));
  return writeWeek(deps, actor, meta, squad, monday, planned, 'duty.roster');
}

/** 复制上周: the week before's rows, each a week later, replace this week's (checked as a save is). */
export async function copyPreviousWeek(deps: Deps, actor: Actor, meta: RequestMeta, body: CopyRosterBody): Promise<RosterWeek> {
  assertPermission(actor, 'duty:write');
  const squad = await squadOrFail(deps.db, actor, body.orgId);
  const monday = mondayOrFail(body.weekStart);
  const previous = await deps.db
    .selectFrom('duty_roster')
    .select(['officer_id', 'duty_date', 'shift_id', 'patrol_area_id'])
    .where('org_id', '=', squad.id)
    .where('duty_date', '>=', addDays(monday, -7))
    .where('duty_date', '<', monday)
    .orderBy('duty_date')
    .execute();
  if (previous.length === 0) {
    throw fieldError('weekStart', '上一周没有排班，无可复制', 'the week before has no roster to copy');
  }
  const planned = previous.map((r, i) => ({
    officerId: r.officer_id,
    dutyDate: addDays(dateText(r.duty_date), 7),
    shiftId: r.shift_id,
    patrolAreaId: r.patrol_area_id,
    field: `entries.${i}`,
  }));
  return writeWeek(deps, actor, meta, squad, monday, planned, 'duty.roster_copy');
}

async function writeWeek(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  squad: { id: string; name: string; bureau_id: string },
  monday: string,
  planned: Planned[],
  action: string,
): Promise<RosterWeek> {
  const dates = weekDates(monday);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // One writer per squad-week at a time (two editors saving at once would each check without the other's rows).
    await trx.selectFrom('orgs').select('id').where('id', '=', squad.id).forUpdate().executeTakeFirst();
    const [shifts, officers, areas] = await Promise.all([
      shiftsOf(trx, squad.id),
      squadOfficers(trx, squad.id),
      trx.selectFrom('duty_patrol_areas').select('id').where('org_id', '=', squad.id).where('active', '=', true).execute(),
    ]);
    const shiftById = new Map(shifts.map((s) => [s.id, s]));
    const officerById = new Map(officers.map((o) => [o.id, o]));
    const areaIds = new Set(areas.map((a) => a.id));
    const seen = new Set<string>();
    const rows = planned.map((p) => {
      if (!dates.includes(p.dutyDate)) {
        throw fieldError(`${p.field}.dutyDate`, '不在本周内', `is not in the week starting ${monday}`);
      }
      const shift = shiftById.get(p.shiftId);
      if (!shift) throw fieldError(`${p.field}.shiftId`, '不是本中队的班次', 'is not a shift of this squad');
      const officer = officerById.get(p.officerId);
      if (!officer) {
        throw fieldError(
          `${p.field}.officerId`,
          '不是本中队在岗队员，不能排入本中队班表',
          'is not an active officer of this squad',
          'RULE_VIOLATION',
        );
      }
      if (p.patrolAreaId && !areaIds.has(p.patrolAreaId)) {
        throw fieldError(`${p.field}.patrolAreaId`, '不是本中队的巡查网格', 'is not a patrol area of this squad');
      }
      if (shift.field) {
        const status = bestOfficerCredential(officer.credentials, p.dutyDate).status;
        if (!ACTING_CREDENTIAL_STATUSES.includes(status)) {
          throw new AppError('RULE_VIOLATION', {
            field: `${p.field}.officerId`,
            rule: 'A1 行政处罚法第四十二条',
            message: `${officer.name}在${p.dutyDate}没有有效的执法证，不能排外勤班次「${shift.name}」`,
            messageEn: `${officer.name} holds no valid enforcement credential on ${p.dutyDate} and cannot be put on the field shift ${shift.name}`,
            details: [{ field: `${p.field}.officerId`, message: '无有效执法证', messageEn: 'no valid enforcement credential' }],
          });
        }
      }
      const key = `${p.officerId}|${p.dutyDate}|${p.shiftId}`;
      if (seen.has(key)) throw fieldError(p.field, '同一队员同一天同一班次重复排班', 'repeats an officer on the same shift and date');
      seen.add(key);
      const { startsAt, endsAt } = shiftInstants(p.dutyDate, shift.start_minute, shift.end_minute);
      return { ...p, key, startsAt, endsAt, shift, officer };
    });
    // Shifts of the same officers just outside this week (or in another squad) count for D2 too.
    const outside =
      rows.length === 0
        ? []
        : await trx
            .selectFrom('duty_roster')
            .select(['id', 'officer_id', 'starts_at', 'ends_at', 'duty_date'])
            .where('officer_id', 'in', [...new Set(rows.map((r) => r.officerId))])
            .where('duty_date', '>=', addDays(monday, -1))
            .where('duty_date', '<=', addDays(monday, 7))
            .where((eb) => eb.or([eb('org_id', '!=', squad.id), eb('duty_date', '<', monday), eb('duty_date', '>', dates[6]!)]))
            .execute();
    const overlaps = rosterOverlaps([
      ...rows.map((r) => ({ key: r.field, officerId: r.officerId, startsAt: r.startsAt, endsAt: r.endsAt })),
      ...outside.map((o) => ({
        key: `existing:${dateText(o.duty_date)}`,
        officerId: o.officer_id,
        startsAt: new Date(o.starts_at),
        endsAt: new Date(o.ends_at),
      })),
    ]);
    if (overlaps.length > 0) {
      const o = overlaps[0]!;
      const field = o.b.startsWith('entries.') ? o.b : o.a;
      const name = officerById.get(o.officerId)?.name ?? '';
      const labels = new Map<string, string>([
        ...rows.map((r) => [r.field, `${r.dutyDate}${r.shift.name}`] as [string, string]),
        ...outside.map((x) => [`existing:${dateText(x.duty_date)}`, `${dateText(x.duty_date)}已排班次`] as [string, string]),
      ]);
      const said = (k: string) => labels.get(k) ?? k;
      throw new AppError('RULE_VIOLATION', {
        field,
        rule: 'D2 同一队员同一时间只能在一个班次',
        message: `${name}的两个班次时间重叠（${said(o.a)}与${said(o.b)}），同一队员不能同时在两个班次`,
        messageEn: `${name} would be on two shifts at once (${said(o.a)} and ${said(o.b)})`,
        details: overlaps.map((x) => ({
          field: x.b.startsWith('entries.') ? x.b : x.a,
          message: `${officerById.get(x.officerId)?.name ?? ''}班次时间重叠`,
          messageEn: 'overlapping shifts of one officer',
        })),
      });
    }
    const existing = await trx
      .selectFrom('duty_roster')
      .select(['id', 'officer_id', 'duty_date', 'shift_id', 'patrol_area_id', 'starts_at'])
      .where('org_id', '=', squad.id)
      .where('duty_date', '>=', dates[0]!)
      .where('duty_date', '<=', dates[6]!)
      .execute();
    const keyOf = (e: { officer_id: string; duty_date: unknown; shift_id: string }) =>
      `${e.officer_id}|${dateText(e.duty_date)}|${e.shift_id}`;
    const wanted = new Map(rows.map((r) => [r.key, r]));
    const removed = existing.filter((e) => !wanted.has(keyOf(e)));
    const started = removed.find((e) => new Date(e.starts_at) <= now);
    if (started) {
      throw new AppError('RULE_VIOLATION', {
        field: 'entries',
        message: `${dateText(started.duty_date)}的班次已开始，不能从班表删除`,
        messageEn: `the shift of ${dateText(started.duty_date)} has begun and cannot be removed from the roster`,
      });
    }
    if (removed.length > 0) {
      await trx
        .deleteFrom('duty_roster')
        .where(
          'id',
          'in',
          removed.map((e) => e.id),
        )
        .execute();
    }
    const have = new Map(existing.map((e) => [keyOf(e), e]));
    let added = 0;
    let changed = 0;
    for (const r of rows) {
      const old = have.get(r.key);
      if (old) {
        if (old.patrol_area_id !== r.patrolAreaId) {
          await trx.updateTable('duty_roster').set({ patrol_area_id: r.patrolAreaId }).where('id', '=', old.id).execute();
          changed++;
        }
        continue;
      }
      await trx
        .insertInto('duty_roster')
        .values({
          id: deps.newId(),
          bureau_id: squad.bureau_id,
          org_id: squad.id,
          officer_id: r.officerId,
          duty_date: r.dutyDate,
          shift_id: r.shiftId,
          starts_at: r.startsAt,
          ends_at: r.endsAt,
          field: r.shift.field,
          patrol_area_id: r.patrolAreaId,
          created_by: actor.id,
          created_at: now,
        })
        .execute();
      added++;
    }
    await recordAudit(trx, deps, actor, meta, {
      action,
      entityType: 'org',
      entityId: squad.id,
      bureauId: squad.bureau_id,
      data: { weekStart: monday, entries: rows.length, added, changed, removed: removed.length },
    });
    return readWeek(trx, squad, monday);
  });
}
