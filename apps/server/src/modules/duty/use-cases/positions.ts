// Officers' positions while on duty (docs/duty.md §4): recorded only with the officer's consent (given and withdrawn
// by himself, each change audited), only during a shift he is rostered on, and kept for the bureau's configured
// number of days (D4; a daily job deletes older points). The command centre reads the latest point of each officer on
// duty now, within its jurisdiction.
import type {
  ConsentBody,
  ConsentState,
  DutySettings,
  OfficerPositions,
  PositionsQuery,
  PutDutySettingsBody,
  ReportPositionBody,
} from '@chengguan/contracts';
import { DEFAULT_POSITION_RETENTION_DAYS, POSITION_NOTICE_VERSION, positionCutoff } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { cityPointOrFail } from '../../geo/index.ts';
import { findOrg } from '../../org/index.ts';
import { retentionDays } from '../duty.shared.ts';

export async function getConsent(deps: Deps, actor: Actor): Promise<ConsentState> {
  assertPermission(actor, 'duty:report');
  const row = await deps.db.selectFrom('duty_position_consents').selectAll().where('officer_id', '=', actor.id).executeTakeFirst();
  return {
    consented: row?.consented ?? false,
    noticeVersion: POSITION_NOTICE_VERSION,
    changedAt: row ? new Date(row.changed_at).toISOString() : null,
    retentionDays: await retentionDays(deps.db, actor.bureauId),
  };
}

/** Gives or withdraws the officer's own consent; withdrawing stops recording at once (kept points age out as configured). */
export async function setConsent(deps: Deps, actor: Actor, meta: RequestMeta, body: ConsentBody): Promise<ConsentState> {
  assertPermission(actor, 'duty:report');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const values = { consented: body.consented, notice_version: POSITION_NOTICE_VERSION, changed_at: now };
    await trx
      .insertInto('duty_position_consents')
      .values({ officer_id: actor.id, ...values })
      .onConflict((oc) => oc.column('officer_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: body.consented ? 'duty.position_consent_given' : 'duty.position_consent_withdrawn',
      entityType: 'officer',
      entityId: actor.id,
      data: { noticeVersion: POSITION_NOTICE_VERSION },
    });
  });
  return getConsent(deps, actor);
}

export async function reportPosition(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: ReportPositionBody,
): Promise<{ id: string; at: string }> {
  assertPermission(actor, 'duty:report');
  const now = deps.clock.now();
  const at = body.at ? new Date(body.at) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) throw fieldError('at', '定位时间晚于当前时间', 'is in the future');
  cityPointOrFail({ lon: body.lng, lat: body.lat, crs: 'wgs84' }, 'lng');
  const consent = await deps.db
    .selectFrom('duty_position_consents')
    .select('consented')
    .where('officer_id', '=', actor.id)
    .executeTakeFirst();
  if (!consent?.consented) {
    throw new AppError('RULE_VIOLATION', {
      rule: 'D4 个人信息保护法第十三条、第十四条',
      message: '未同意记录在岗位置：请先在「我的诉件和任务」中同意，位置才会上报',
      messageEn: 'No consent to record positions on duty: give it under My tickets and tasks first',
    });
  }
  const shift = await deps.db
    .selectFrom('duty_roster')
    .select(['id', 'bureau_id', 'org_id'])
    .where('officer_id', '=', actor.id)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .orderBy('starts_at', 'desc')
    .executeTakeFirst();
  if (!shift) {
    throw new AppError('RULE_VIOLATION', {
      field: 'at',
      rule: 'D4 仅在排班时段内记录位置',
      message: '当前不在排班时段内，不记录位置',
      messageEn: 'You are not on a rostered shift at this time; no position is recorded',
    });
  }
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('duty_positions')
      .values({
        id,
        officer_id: actor.id,
        bureau_id: shift.bureau_id,
        org_id: shift.org_id,
        roster_id: shift.id,
        lon: body.lng,
        lat: body.lat,
        accuracy_m: body.accuracyM ?? null,
        at,
        received_at: now,
      })
      .execute();
    // The audit row names the report, never the coordinates (the point itself ages out; the chain keeps no location).
    await recordAudit(trx, deps, actor, meta, {
      action: 'duty.position',
      entityType: 'officer',
      entityId: actor.id,
      bureauId: shift.bureau_id,
      data: { rosterId: shift.id },
    });
  });
  return { id, at: at.toISOString() };
}

/**
 * The latest point of each officer on a shift now, with consent, within the caller's jurisdiction (or one squad).
 * One statement: the shifts running now (duty_roster_time_idx) joined to each officer's newest point of that shift.
 */
/** Who sees where officers are: those who dispatch and lead them, never a fellow officer. */
export const SEES_POSITIONS = ['squad_leader', 'commander', 'supervisor', 'bureau_leader'];

export async function latestPositions(deps: Deps, actor: Actor, q: PositionsQuery): Promise<OfficerPositions> {
  assertPermission(actor, 'duty:read');
  if (!actor.roles.some((r) => SEES_POSITIONS.includes(r))) throw new AppError('FORBIDDEN');
  let prefix = actor.jurisdictionPath;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  const now = deps.clock.now();
  const rows = await positionsQuery(deps, prefix, now);
  return {
    items: rows.map((r) => ({
      officerId: r.officer_id,
      name: r.name,
      orgId: r.org_id,
      lng: r.lon,
      lat: r.lat,
      at: new Date(r.at).toISOString(),
      shiftName: r.shift_name,
      shiftEndsAt: new Date(r.ends_at).toISOString(),
      patrolAreaId: r.patrol_area_id,
    })),
    retentionDays: await retentionDays(deps.db, actor.bureauId),
  };
}

export async function positionsQuery(deps: Pick<Deps, 'db'>, pathPrefix: string, now: Date) {
  const r = await sql<{
    officer_id: string;
    name: string;
    org_id: string;
    lon: number;
    lat: number;
    at: Date;
    shift_name: string;
    ends_at: Date;
    patrol_area_id: string | null;
  }>`
    SELECT r.officer_id, o.name, r.org_id, p.lon, p.lat, p.at, s.name AS shift_name, r.ends_at, r.patrol_area_id
    FROM duty_roster r
    JOIN orgs g ON g.id = r.org_id
    JOIN officers o ON o.id = r.officer_id
    JOIN duty_shift_templates s ON s.id = r.shift_id
    JOIN duty_position_consents c ON c.officer_id = r.officer_id AND c.consented
    JOIN LATERAL (
      SELECT lon, lat, at FROM duty_positions x
      WHERE x.officer_id = r.officer_id AND x.roster_id = r.id
      ORDER BY x.at DESC, x.received_at DESC, x.id DESC LIMIT 1
    ) p ON true
    WHERE r.starts_at <= ${now} AND r.ends_at > ${now}
      AND r.duty_date BETWEEN (${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 1
                          AND (${now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
      AND g.path LIKE ${`${pathPrefix}%`}
    ORDER BY o.name, r.officer_id`.execute(deps.db);
  return r.rows;
}

/** Deletes the points older than each bureau's retention (D4). Idempotent: a second run finds nothing to delete. */
export async function purgeOldPositions(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const settings = await deps.db.selectFrom('duty_settings').select(['bureau_id', 'position_retention_days']).execute();
  let deleted = 0;
  for (const s of settings) {
    const r = await deps.db
      .deleteFrom('duty_positions')
      .where('bureau_id', '=', s.bureau_id)
      .where('at', '<', positionCutoff(now, s.position_retention_days))
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
  }
  let q = deps.db.deleteFrom('duty_positions').where('at', '<', positionCutoff(now, DEFAULT_POSITION_RETENTION_DAYS));
  const configured = settings.map((s) => s.bureau_id);
  if (configured.length > 0) q = q.where('bureau_id', 'not in', configured);
  deleted += Number((await q.executeTakeFirst()).numDeletedRows);
  return deleted;
}

function bureauOf(actor: Actor, bureauId: string | undefined): string {
  const id = bureauId ?? actor.bureauId;
  if (!id) throw fieldError('bureauId', '请指定区局', 'name the district bureau');
  return id;
}

export async function getDutySettings(deps: Deps, actor: Actor, q: { bureauId?: string | undefined }): Promise<DutySettings> {
  if (!actor.permissions.has('config:write')) assertPermission(actor, 'duty:read');
  const bureauId = bureauOf(actor, q.bureauId);
  const org = await findOrg(deps.db, bureauId);
  assertInJurisdiction(actor, org?.path);
  const row = await deps.db
    .selectFrom('duty_settings')
    .select('position_retention_days')
    .where('bureau_id', '=', bureauId)
    .executeTakeFirst();
  return { bureauId, positionRetentionDays: row?.position_retention_days ?? DEFAULT_POSITION_RETENTION_DAYS, isDefault: !row };
}

/** The bureau's retention of positions ([U] configuration; default DEFAULT_POSITION_RETENTION_DAYS). */
export async function putDutySettings(deps: Deps, actor: Actor, meta: RequestMeta, body: PutDutySettingsBody): Promise<DutySettings> {
  assertPermission(actor, 'config:write');
  const org = await findOrg(deps.db, body.bureauId);
  assertInJurisdiction(actor, org?.path);
  if (org!.bureau_id !== org!.id) {
    throw fieldError('bureauId', '须为区局', 'must be a district bureau');
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('duty_settings')
      .select('position_retention_days')
      .where('bureau_id', '=', body.bureauId)
      .executeTakeFirst();
    const values = { position_retention_days: body.positionRetentionDays, updated_by: actor.id, updated_at: now };
    await trx
      .insertInto('duty_settings')
      .values({ bureau_id: body.bureauId, ...values })
      .onConflict((oc) => oc.column('bureau_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'duty.settings',
      entityType: 'org',
      entityId: body.bureauId,
      bureauId: body.bureauId,
      data: { positionRetentionDays: body.positionRetentionDays, previous: old?.position_retention_days ?? null },
    });
  });
  return getDutySettings(deps, actor, { bureauId: body.bureauId });
}
