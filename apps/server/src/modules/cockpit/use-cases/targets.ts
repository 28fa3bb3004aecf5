// The targets the KPIs are judged against: the theme's default (the seeds' figures) unless the city bureau set one.
import type { CockpitDefinitions, CockpitTargetBody } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { cockpitThemes } from '../themes.ts';
import { visibleThemes } from './theme-view.ts';

export async function targetsNow(db: Executor): Promise<Map<string, number>> {
  const rows = await db.selectFrom('cockpit_targets').select(['kpi', 'target']).execute();
  return new Map(rows.map((r) => [r.kpi, Number(r.target)]));
}

/** Every number's definition (how it is counted, from which records) with its target: the themes the user may see. */
export async function getDefinitions(deps: Deps, actor: Actor): Promise<CockpitDefinitions> {
  assertPermission(actor, 'cockpit:read');
  const targets = await targetsNow(deps.db);
  return {
    items: visibleThemes(actor).flatMap((t) =>
      t.kpis.map((k) => ({
        key: k.key,
        theme: t.id,
        name: k.name,
        nameEn: k.nameEn,
        unit: k.unit,
        definition: k.definition,
        definitionEn: k.definitionEn,
        source: k.source,
        target: targets.get(k.key) ?? k.defaultTarget ?? null,
        defaultTarget: k.defaultTarget ?? null,
        targetOp: k.targetOp ?? null,
        targetSource: k.targetSource ?? null,
        connected: k.connected !== false,
      })),
    ),
  };
}

/** The city bureau's administrator sets (or, with null, resets) a KPI's target. */
export async function putTarget(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  kpi: string,
  body: CockpitTargetBody,
): Promise<CockpitDefinitions> {
  assertPermission(actor, 'cockpit:config');
  if (!isCityWide(actor)) throw new AppError('FORBIDDEN');
  const def = cockpitThemes()
    .flatMap((t) => t.kpis)
    .find((k) => k.key === kpi);
  if (!def) throw new AppError('NOT_FOUND');
  if (!def.targetOp) throw fieldError('target', '该指标不设目标值', 'this number has no target');
  if (def.unit === 'percent' && body.target !== null && body.target > 100) {
    throw fieldError('target', '百分比目标须在 0 至 100 之间', 'a percentage target must lie between 0 and 100');
  }
  await deps.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('cockpit_targets').select('target').where('kpi', '=', kpi).executeTakeFirst();
    if (body.target === null) await trx.deleteFrom('cockpit_targets').where('kpi', '=', kpi).execute();
    else {
      const values = { target: body.target, updated_by: actor.id, updated_at: deps.clock.now() };
      await trx
        .insertInto('cockpit_targets')
        .values({ kpi, ...values })
        .onConflict((oc) => oc.column('kpi').doUpdateSet(values))
        .execute();
    }
    await recordAudit(trx, deps, actor, meta, {
      action: 'cockpit.target',
      entityType: 'cockpit_kpi',
      entityId: kpi,
      bureauId: null,
      data: { target: body.target, previous: old ? Number(old.target) : null, default: def.defaultTarget ?? null },
    });
  });
  return getDefinitions(deps, actor);
}
