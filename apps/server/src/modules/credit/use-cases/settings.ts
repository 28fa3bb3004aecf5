// The bureau's credit settings (publication period, minimum periods before repair, repair conditions; Shanghai
// defaults) and its credit catalogue (offence → record, severity, period). Edited by the district administrator or
// the bureau's leaders; every change is an audit row.
import type {
  BureauIdQuery,
  CreditCatalogueLineView,
  CreditCatalogueQuery,
  PageOf,
  CreditSettingsView,
  PutCreditSettingsBody,
  SaveCreditCatalogueLineBody,
} from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { containsPattern } from '../../../db/like.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { creditAdapter } from '../connector.ts';
import { bureauOrFail, creditSettingsOf } from '../credit.shared.ts';

export async function getCreditSettings(deps: Deps, actor: Actor, q: BureauIdQuery): Promise<CreditSettingsView> {
  assertPermission(actor, 'credit:read');
  await bureauOrFail(deps.db, actor, q.bureauId);
  const s = await creditSettingsOf(deps.db, q.bureauId);
  const a = creditAdapter(deps.config);
  return {
    bureauId: q.bureauId,
    publishMonths: s.publishMonths,
    repairMinMonthsGeneral: s.repairMinMonthsGeneral,
    repairMinMonthsSerious: s.repairMinMonthsSerious,
    repairConditions: [...s.repairConditions],
    connector: a
      ? { name: a.name, simulator: a.simulator, labelZh: a.labelZh, labelEn: a.labelEn }
      : { name: 'off', simulator: false, labelZh: '未连接信用平台（记录保留，不报送）', labelEn: 'Not connected (records kept, not sent)' },
  };
}

export async function putCreditSettings(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: PutCreditSettingsBody,
): Promise<CreditSettingsView> {
  assertPermission(actor, 'credit:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  if (body.repairMinMonthsGeneral > body.publishMonths) {
    throw fieldError('repairMinMonthsGeneral', '最短公示期不能长于公示期', 'cannot be longer than the publication period');
  }
  if (body.repairMinMonthsSerious > body.publishMonths) {
    throw fieldError('repairMinMonthsSerious', '最短公示期不能长于公示期', 'cannot be longer than the publication period');
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const values = {
      publish_months: body.publishMonths,
      repair_min_months_general: body.repairMinMonthsGeneral,
      repair_min_months_serious: body.repairMinMonthsSerious,
      repair_conditions: body.repairConditions,
      updated_by: actor.id,
      updated_at: now,
    };
    await trx
      .insertInto('credit_settings')
      .values({ bureau_id: body.bureauId, ...values })
      .onConflict((oc) => oc.column('bureau_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'credit.settings',
      entityType: 'org',
      entityId: body.bureauId,
      bureauId: body.bureauId,
      data: body,
    });
  });
  return getCreditSettings(deps, actor, { bureauId: body.bureauId });
}

const lineView = (r: {
  id: string;
  bureau_id: string;
  offence_code: string;
  offence_name?: string | null;
  record: boolean;
  severity: string;
  publish_months: number | null;
  note: string | null;
}): CreditCatalogueLineView => ({
  id: r.id,
  bureauId: r.bureau_id,
  offenceCode: r.offence_code,
  offenceName: r.offence_name ?? null,
  record: r.record,
  severity: r.severity as CreditCatalogueLineView['severity'],
  publishMonths: r.publish_months,
  note: r.note,
});

/** The catalogue lines of one bureau in the actor's jurisdiction, with the offence's name from the law library. */
async function catalogueFiltered(deps: Deps, actor: Actor, q: CreditCatalogueQuery) {
  assertPermission(actor, 'credit:read');
  await bureauOrFail(deps.db, actor, q.bureauId);
  let query = deps.db.selectFrom('credit_catalogue as c').where('c.bureau_id', '=', q.bureauId);
  const text = q.q?.trim();
  if (text) {
    const pattern = containsPattern(text);
    query = query.where((eb) =>
      eb.or([
        eb('c.offence_code', 'ilike', pattern),
        eb.exists(
          eb.selectFrom('law_offences as o').select('o.id').whereRef('o.code', '=', 'c.offence_code').where('o.name', 'ilike', pattern),
        ),
      ]),
    );
  }
  if (q.record !== undefined) query = query.where('c.record', '=', q.record);
  if (q.severity) query = query.where('c.severity', '=', q.severity);
  return query;
}

function catalogueRows(base: Awaited<ReturnType<typeof catalogueFiltered>>, limit: number, offset: number) {
  return base
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('law_offences as o')
        .select('o.name')
        .whereRef('o.code', '=', 'c.offence_code')
        .orderBy('o.effective_from', 'desc')
        .limit(1)
        .as('offence_name'),
    )
    .orderBy('c.offence_code')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function listCatalogue(deps: Deps, actor: Actor, q: CreditCatalogueQuery): Promise<PageOf<CreditCatalogueLineView>> {
  const p = { page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
  const base = await catalogueFiltered(deps, actor, q);
  const [rows, count] = await Promise.all([
    catalogueRows(base, p.pageSize, (p.page - 1) * p.pageSize),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(lineView), total: Number(count.n), page: p.page, pageSize: p.pageSize };
}

export async function exportCatalogue(deps: Deps, actor: Actor, q: CreditCatalogueQuery): Promise<Buffer> {
  const rows = (await catalogueRows(await catalogueFiltered(deps, actor, q), MAX_EXPORT_ROWS, 0)).map(lineView);
  return toXlsx(
    '信用目录',
    [
      { header: '违法行为代码', width: 18, value: (l: CreditCatalogueLineView) => l.offenceCode },
      { header: '违法行为', width: 40, value: (l) => l.offenceName ?? '' },
      { header: '记入信用记录', value: (l) => (l.record ? '是' : '否') },
      { header: '严重程度', value: (l) => (l.severity === 'serious' ? '严重' : '一般') },
      { header: '公示期（月）', value: (l) => l.publishMonths },
      { header: '备注', width: 30, value: (l) => l.note ?? '' },
    ],
    rows,
  );
}

export async function saveCatalogueLine(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: SaveCreditCatalogueLineBody,
): Promise<CreditCatalogueLineView> {
  assertPermission(actor, 'credit:admin');
  await bureauOrFail(deps.db, actor, body.bureauId);
  const offence = await deps.db
    .selectFrom('law_offences')
    .select(['code', 'name'])
    .where('code', '=', body.offenceCode)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
  if (!offence) throw fieldError('offenceCode', '违法行为代码不在执法事项库中', 'is not an offence code of the law library');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const values = {
      record: body.record,
      severity: body.severity,
      publish_months: body.publishMonths ?? null,
      note: body.note ?? null,
      updated_by: actor.id,
      updated_at: now,
    };
    const row = await trx
      .insertInto('credit_catalogue')
      .values({ id: deps.newId(), bureau_id: body.bureauId, offence_code: body.offenceCode, ...values })
      .onConflict((oc) => oc.columns(['bureau_id', 'offence_code']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps, actor, meta, {
      action: 'credit.catalogue',
      entityType: 'credit_catalogue',
      entityId: row.id,
      bureauId: body.bureauId,
      data: body,
    });
    return lineView({ ...row, offence_name: offence.name });
  });
}
