// The category editor (issue 13 §2): the city administrator creates, edits and disables the city-management event
// categories (`ticket_categories`, 037/040) — code, names, the I6 kind at the ordinary dispatch level, the likely
// offence of the law library. One transaction with its audit row; the domain's checkTicketCategories runs over the
// whole list after the change, so a bad code or a missing parent is refused naming the field. Codes never change
// (tickets keep them); a category is disabled, never deleted.
import type {
  CreateTicketCategoryBody,
  PageOf,
  TicketCategoryAdmin,
  TicketCategoryAdminQuery,
  UpdateTicketCategoryBody,
} from '@chengguan/contracts';
import { checkTicketCategories, type DispatchLevel, type TicketCategory, type TicketLimitKind } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { offenceVersionsByCode } from '../../law/index.ts';
import { TICKET_CLOCKS } from '../tickets.clock.ts';

/** The city's administrator only: the categories are one list for every district (403 for a district's). */
function assertCityAdmin(actor: Actor) {
  assertPermission(actor, 'config:write');
  const city = actor.jurisdictionPath.split('/').filter(Boolean).length === 1;
  if (!actor.roles.includes('admin') || !city) {
    throw new AppError('FORBIDDEN', {
      message: '诉件分类由市局管理员维护',
      messageEn: "Ticket categories are kept by the city bureau's administrator",
    });
  }
}

const LEVELS: DispatchLevel[] = ['ordinary', 'supervision', 'callback_review'];

/** The limit at each dispatch level: the category's own kind when ordinary; 督办 and 回访复核 run on supervision (I6). */
function limitsOf(defaultLimit: TicketLimitKind) {
  return LEVELS.map((dispatchLevel) => {
    const kind: TicketLimitKind = dispatchLevel === 'ordinary' ? defaultLimit : 'supervision';
    return { dispatchLevel, kind, workingDays: TICKET_CLOCKS.limits[kind].workingDays };
  });
}

function adminQuery(db: Executor, q: TicketCategoryAdminQuery) {
  let query = db.selectFrom('ticket_categories as c');
  if (q.active !== undefined) query = query.where('c.active', '=', q.active);
  if (q.parentCode) query = query.where((eb) => eb.or([eb('c.parent_code', '=', q.parentCode!), eb('c.code', '=', q.parentCode!)]));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('c.code', 'like', like), eb('c.name_zh', 'like', like), eb('c.name_en', 'like', like)]));
  }
  return query;
}

export async function listCategoriesAdmin(
  deps: Deps,
  actor: Actor,
  q: TicketCategoryAdminQuery,
  cap = 200,
): Promise<PageOf<TicketCategoryAdmin>> {
  assertCityAdmin(actor);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const total = await adminQuery(deps.db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await adminQuery(deps.db, q)
    .selectAll('c')
    .select(sql<number>`(SELECT count(*) FROM tickets t WHERE t.category_code = c.code)`.as('ticket_count'))
    .select(
      sql<string | null>`(SELECT o.name FROM law_offences o WHERE o.code = c.offence_code ORDER BY o.effective_from DESC LIMIT 1)`.as(
        'offence_name',
      ),
    )
    .orderBy('c.sort_order')
    .orderBy('c.code')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      parentCode: r.parent_code,
      defaultLimit: r.default_limit as TicketLimitKind,
      active: r.active,
      sortOrder: r.sort_order,
      offenceCode: r.offence_code,
      offenceName: r.offence_name,
      limits: limitsOf(r.default_limit as TicketLimitKind),
      ticketCount: Number(r.ticket_count),
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}

export async function exportCategoriesAdmin(deps: Deps, actor: Actor, q: TicketCategoryAdminQuery): Promise<Buffer> {
  const page = await listCategoriesAdmin(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  const LIMIT_ZH: Record<string, string> = { consultation: '咨询类', ordinary: '一般类', supervision: '督办', complex: '复杂' };
  return toXlsx(
    '诉件分类',
    [
      { header: '代码', value: (c: TicketCategoryAdmin) => c.code },
      { header: '中文名称', value: (c) => c.nameZh, width: 28 },
      { header: '英文名称', value: (c) => c.nameEn, width: 30 },
      { header: '上级', value: (c) => c.parentCode },
      { header: '时限类别', value: (c) => LIMIT_ZH[c.defaultLimit] ?? c.defaultLimit },
      { header: '一般派单（工作日）', value: (c) => c.limits[0]!.workingDays },
      { header: '督办/回访复核（工作日）', value: (c) => c.limits[1]!.workingDays },
      { header: '常见违法行为', value: (c) => (c.offenceCode ? `${c.offenceCode} ${c.offenceName ?? ''}`.trim() : null), width: 30 },
      { header: '启用', value: (c) => (c.active ? '是' : '否') },
      { header: '诉件数', value: (c) => c.ticketCount },
    ],
    page.items,
  );
}

async function checkOffence(db: Executor, code: string | null | undefined) {
  if (!code) return;
  if ((await offenceVersionsByCode(db, code)).length === 0) {
    throw fieldError('offenceCode', `法制库中没有违法行为代码“${code}”`, `offenceCode: no offence ${code} in the law library`);
  }
}

async function checkWholeList(trx: Executor, changed: TicketCategory) {
  const rows = await trx.selectFrom('ticket_categories').selectAll().execute();
  const list: TicketCategory[] = rows
    .filter((r) => r.code !== changed.code)
    .map((r) => ({
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      parent: r.parent_code,
      defaultLimit: r.default_limit as TicketCategory['defaultLimit'],
      active: r.active,
    }));
  const issue = checkTicketCategories([...list, changed]).find((i) => i.code === changed.code);
  if (issue) throw fieldError(issue.field === 'parent' ? 'parentCode' : issue.field, issue.messageZh, issue.messageEn);
}

async function readOne(deps: Deps, actor: Actor, code: string): Promise<TicketCategoryAdmin> {
  const page = await listCategoriesAdmin(deps, actor, { q: code, pageSize: 200 });
  const found = page.items.find((c) => c.code === code);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

export async function createCategory(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateTicketCategoryBody,
): Promise<TicketCategoryAdmin> {
  assertCityAdmin(actor);
  const parent = body.parentCode ?? null;
  if (parent === null && body.code.length !== 2)
    throw fieldError('parentCode', '子分类须选择上级分类（代码前缀）', 'parentCode: a sub-category needs its parent (its code prefix)');
  await deps.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('ticket_categories').select('code').where('code', '=', body.code).executeTakeFirst();
    if (exists) throw fieldError('code', `分类代码“${body.code}”已存在`, `code: ${body.code} exists`, 'DUPLICATE');
    if (parent) {
      const p = await trx.selectFrom('ticket_categories').select(['code', 'active']).where('code', '=', parent).executeTakeFirst();
      if (!p || !p.active)
        throw fieldError('parentCode', `上级分类“${parent}”不存在或已停用`, `parentCode: ${parent} is missing or disabled`);
    }
    await checkWholeList(trx, {
      code: body.code,
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      parent,
      defaultLimit: body.defaultLimit,
      active: true,
    });
    await checkOffence(trx, body.offenceCode);
    await trx
      .insertInto('ticket_categories')
      .values({
        code: body.code,
        name_zh: body.nameZh.trim(),
        name_en: body.nameEn.trim(),
        parent_code: parent,
        default_limit: body.defaultLimit,
        active: true,
        sort_order: body.sortOrder ?? 1000,
        offence_code: body.offenceCode ?? null,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'ticketCategory.create',
      entityType: 'ticket_category',
      entityId: body.code,
      data: { ...body },
    });
  });
  return readOne(deps, actor, body.code);
}

export async function updateCategory(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  body: UpdateTicketCategoryBody,
): Promise<TicketCategoryAdmin> {
  assertCityAdmin(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('ticket_categories').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (body.nameZh !== undefined && body.nameZh.trim() === '') throw fieldError('nameZh', '请填写中文名称', 'nameZh: required');
    if (body.nameEn !== undefined && body.nameEn.trim() === '') throw fieldError('nameEn', '请填写英文名称', 'nameEn: required');
    if (body.active === true && row.parent_code) {
      const p = await trx.selectFrom('ticket_categories').select('active').where('code', '=', row.parent_code).executeTakeFirst();
      if (p && !p.active) throw fieldError('active', '上级分类已停用，请先启用上级分类', 'active: the parent category is disabled');
    }
    await checkOffence(trx, body.offenceCode);
    const set = {
      ...(body.nameZh !== undefined ? { name_zh: body.nameZh.trim() } : {}),
      ...(body.nameEn !== undefined ? { name_en: body.nameEn.trim() } : {}),
      ...(body.defaultLimit !== undefined ? { default_limit: body.defaultLimit } : {}),
      ...(body.offenceCode !== undefined ? { offence_code: body.offenceCode } : {}),
      ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    };
    if (Object.keys(set).length === 0) throw fieldError('nameZh', '没有要修改的内容', 'nameZh: nothing to change');
    await trx.updateTable('ticket_categories').set(set).where('code', '=', code).execute();
    // Disabling a class disables its sub-categories with it (no new ticket may take them).
    if (body.active === false) await trx.updateTable('ticket_categories').set({ active: false }).where('parent_code', '=', code).execute();
    await recordAudit(trx, deps, actor, meta, {
      action: body.active === false ? 'ticketCategory.disable' : 'ticketCategory.update',
      entityType: 'ticket_category',
      entityId: code,
      data: {
        before: { nameZh: row.name_zh, defaultLimit: row.default_limit, offenceCode: row.offence_code, active: row.active },
        ...body,
      },
    });
  });
  return readOne(deps, actor, code);
}
