// Proportionality alerts, review results and the bulletin, review sheets, and the supervisor's home
// (docs/supervision.md §2, §6, §11).
import type {
  CreateReviewSheetBody,
  ProportionalityAlert,
  ProportionalityQuery,
  ReviewResultRow,
  ReviewResults,
  ReviewResultsQuery,
  ReviewSheet,
  ReviewSheetQuery,
  PageOf,
  SupervisionHome,
} from '@chengguan/contracts';
import { assertSheetValid, proportionalityAlerts, ReviewScoreError, type DecidedFine } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { containsPattern } from '../../../db/like.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { renderTablePdf } from '../../documents/index.ts';
import { assertAnyPermission, orgInJurisdiction, page, pageOf, READ_ANY, scopePath, today } from '../supervision.shared.ts';
import { listMajorCases } from './major-cases.ts';
import { listSamples, sheetById } from './samples.ts';

/**
 * Fines decided in the period for each offence: the city's distribution is read whole (numbers only), the alerts are
 * kept to the actor's scope. Never a score (B7).
 */
export async function proportionality(deps: Deps, actor: Actor, q: ProportionalityQuery): Promise<ProportionalityAlert[]> {
  assertPermission(actor, 'supervision:read');
  if (q.to < q.from) throw fieldError('to', '截止日期早于起始日期', 'is before from');
  const path = await scopePath(deps.db, actor, q.orgId);
  const rows = await deps.db
    .selectFrom('cases as c')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .select([
      'c.id',
      'c.offence_code',
      'c.offence_name',
      'c.org_id',
      'c.fine_fen',
      'g.path',
      sql<{ minFen: number; maxFen: number } | null>`c.snapshot->'proposal'->'tierRange'`.as('tier'),
      sql<string[]>`ARRAY(SELECT co.officer_id::text FROM case_officers co WHERE co.case_id = c.id)`.as('officer_ids'),
    ])
    .where('c.decided_on', '>=', q.from)
    .where('c.decided_on', '<=', q.to)
    .where('c.fine_fen', '>', 0)
    .execute();
  const fines: DecidedFine[] = rows.map((r) => ({
    caseId: r.id,
    offenceCode: r.offence_code,
    squadId: r.org_id,
    officerIds: r.officer_ids,
    fineFen: Number(r.fine_fen),
    ...(r.tier ? { tier: r.tier } : {}),
  }));
  const inScope = new Set(rows.filter((r) => r.path.startsWith(path)).map((r) => r.id));
  const offenceNames = new Map(rows.map((r) => [r.offence_code, r.offence_name]));
  const alerts = proportionalityAlerts(fines).filter((a) => a.caseIds.some((id) => inScope.has(id)));
  const squadIds = alerts.filter((a) => a.level === 'squad').map((a) => a.subjectId);
  const officerIds = alerts.filter((a) => a.level === 'officer').map((a) => a.subjectId);
  const names = new Map<string, string>();
  if (squadIds.length)
    for (const o of await deps.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', squadIds).execute()) names.set(o.id, o.name);
  if (officerIds.length)
    for (const o of await deps.db.selectFrom('officers').select(['id', 'name']).where('id', 'in', officerIds).execute())
      names.set(o.id, o.name);
  return alerts.map((a) => ({
    level: a.level,
    id: a.subjectId,
    name: names.get(a.subjectId) ?? a.subjectId,
    offenceCode: a.offenceCode,
    offenceName: offenceNames.get(a.offenceCode) ?? a.offenceCode,
    cases: a.cases,
    medianFen: a.medianFen,
    cityMedianFen: a.cityMedianFen,
    lowFenceFen: a.lowFenceFen,
    highFenceFen: a.highFenceFen,
    outsideTier: a.outsideTier,
    reasonsZh: a.reasonsZh,
    reasonsEn: a.reasonsEn,
    caseIds: a.caseIds.filter((id) => inScope.has(id)),
  }));
}

/** 评查 results per squad and per lead officer: files reviewed, mean score, findings (open ones too). */
export async function reviewResults(deps: Deps, actor: Actor, q: ReviewResultsQuery): Promise<ReviewResults> {
  assertAnyPermission(actor, READ_ANY);
  const path = await scopePath(deps.db, actor, q.orgId);
  const filters = sql.join(
    [
      sql`g.path LIKE ${`${path}%`}`,
      sql`s.status = 'reviewed'`,
      ...(q.planId ? [sql`s.plan_id = ${q.planId}`] : []),
      ...(q.from ? [sql`s.reviewed_on >= ${q.from}`] : []),
      ...(q.to ? [sql`s.reviewed_on <= ${q.to}`] : []),
    ],
    sql` AND `,
  );
  const squads = await sql<{
    id: string;
    name: string;
    org_name: string;
    reviewed: number;
    pct: number | null;
    findings: number;
    open: number;
  }>`
    SELECT g.id, g.name, g.name AS org_name, count(DISTINCT s.id)::int AS reviewed,
      avg(s.total::float / nullif(s.max_total, 0)) AS pct,
      (SELECT count(*) FROM supervision_findings f WHERE f.org_id = g.id AND f.sample_id IS NOT NULL)::int AS findings,
      (SELECT count(*) FROM supervision_findings f WHERE f.org_id = g.id AND f.sample_id IS NOT NULL AND f.status IN ('open', 'returned'))::int AS open
    FROM supervision_samples s JOIN orgs g ON g.id = s.org_id
    WHERE ${filters} GROUP BY g.id, g.name ORDER BY g.name`.execute(deps.db);
  const officers = await sql<{
    id: string;
    name: string;
    org_name: string;
    reviewed: number;
    pct: number | null;
    findings: number;
    open: number;
  }>`
    SELECT o.id, o.name, g.name AS org_name, count(DISTINCT s.id)::int AS reviewed,
      avg(s.total::float / nullif(s.max_total, 0)) AS pct,
      (SELECT count(*) FROM supervision_findings f WHERE f.officer_id = o.id AND f.sample_id IS NOT NULL)::int AS findings,
      (SELECT count(*) FROM supervision_findings f WHERE f.officer_id = o.id AND f.sample_id IS NOT NULL AND f.status IN ('open', 'returned'))::int AS open
    FROM supervision_samples s JOIN orgs g ON g.id = s.org_id
      JOIN case_officers co ON co.case_id = s.case_id AND co.role = 'lead' JOIN officers o ON o.id = co.officer_id
    WHERE ${filters} GROUP BY o.id, o.name, g.name ORDER BY g.name, o.name`.execute(deps.db);
  const row =
    (level: 'squad' | 'officer') =>
    (r: {
      id: string;
      name: string;
      org_name: string;
      reviewed: number;
      pct: number | null;
      findings: number;
      open: number;
    }): ReviewResultRow => ({
      level,
      id: r.id,
      name: r.name,
      orgName: r.org_name,
      reviewed: Number(r.reviewed),
      averagePercent: r.pct === null ? null : Math.round(Number(r.pct) * 1000) / 10,
      findings: Number(r.findings),
      openFindings: Number(r.open),
    });
  return { squads: squads.rows.map(row('squad')), officers: officers.rows.map(row('officer')) };
}

/** The 评查 bulletin (通报) as a spreadsheet: squads, then officers. */
export async function reviewBulletin(deps: Deps, actor: Actor, q: ReviewResultsQuery): Promise<Buffer> {
  const r = await reviewResults(deps, actor, q);
  return toXlsx(
    '案卷评查通报',
    [
      { header: '类别', value: (x: ReviewResultRow) => (x.level === 'squad' ? '中队' : '执法人员') },
      { header: '名称', width: 20, value: (x) => x.name },
      { header: '单位', width: 20, value: (x) => x.orgName },
      { header: '评查案卷数', value: (x) => x.reviewed },
      { header: '平均得分率（%）', value: (x) => x.averagePercent },
      { header: '发现问题', value: (x) => x.findings },
      { header: '未整改', value: (x) => x.openFindings },
    ],
    [...r.squads, ...r.officers],
  );
}

/** The same bulletin, printable (PDF): the period and scope, the squads' results, then the officers'. */
export async function reviewBulletinPdf(deps: Deps, actor: Actor, q: ReviewResultsQuery): Promise<Buffer> {
  const r = await reviewResults(deps, actor, q);
  const period = q.from || q.to ? `评查期间：${q.from ?? '—'} 至 ${q.to ?? '—'}` : '评查期间：全部';
  const reviewed = r.squads.reduce((n, x) => n + x.reviewed, 0);
  const findings = r.squads.reduce((n, x) => n + x.findings, 0);
  const open = r.squads.reduce((n, x) => n + x.openFindings, 0);
  const columns = [
    { header: '名称', weight: 2 },
    { header: '单位', weight: 2 },
    { header: '评查案卷数' },
    { header: '平均得分率（%）' },
    { header: '发现问题' },
    { header: '未整改' },
  ];
  const rows = (xs: ReviewResultRow[]) => xs.map((x) => [x.name, x.orgName, x.reviewed, x.averagePercent, x.findings, x.openFindings]);
  return renderTablePdf(
    '案卷评查通报',
    [period, `评查案卷 ${reviewed} 件，发现问题 ${findings} 个，未整改 ${open} 个`, `制表日期：${today(deps)}`],
    [
      { heading: '一、各中队评查结果', columns, rows: rows(r.squads), empty: '评查期间内本辖区没有已评查的案卷。' },
      { heading: '二、执法人员评查结果（主办）', columns, rows: rows(r.officers), empty: '评查期间内没有已评查的案卷。' },
    ],
  );
}

/**
 * The review sheets the actor may use: the city's and his bureau's (a city-wide reader sees every bureau's), filtered by
 * name, scope and whether in use, paged on the server.
 */
function reviewSheetsFiltered(deps: Deps, actor: Actor, q: ReviewSheetQuery) {
  assertAnyPermission(actor, READ_ANY);
  let query = deps.db.selectFrom('supervision_review_sheets');
  if (!isCityWide(actor))
    query = query.where((eb) => eb.or([eb('bureau_id', 'is', null), ...(actor.bureauId ? [eb('bureau_id', '=', actor.bureauId)] : [])]));
  if (q.scope === 'city') query = query.where('bureau_id', 'is', null);
  if (q.scope === 'bureau') query = query.where('bureau_id', 'is not', null);
  if (q.active !== undefined) query = query.where('active', '=', q.active);
  if (q.q?.trim()) query = query.where('name', 'ilike', containsPattern(q.q.trim()));
  return query;
}

export async function listReviewSheets(deps: Deps, actor: Actor, q: ReviewSheetQuery): Promise<PageOf<ReviewSheet>> {
  const p = pageOf(q);
  const base = reviewSheetsFiltered(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.select('id').orderBy('created_at').orderBy('id').limit(p.pageSize).offset(p.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const sheets = (await Promise.all(rows.map((r) => sheetById(deps.db, r.id)))).filter((s): s is ReviewSheet => s !== null);
  return page(sheets, Number(count.n), p);
}

export async function exportReviewSheets(deps: Deps, actor: Actor, q: ReviewSheetQuery): Promise<Buffer> {
  const rows = await reviewSheetsFiltered(deps, actor, q).select('id').orderBy('created_at').orderBy('id').limit(MAX_EXPORT_ROWS).execute();
  const sheets = (await Promise.all(rows.map((r) => sheetById(deps.db, r.id)))).filter((s): s is ReviewSheet => s !== null);
  return toXlsx(
    '评查表',
    [
      { header: '评查表名称', width: 30, value: (s: ReviewSheet) => s.name },
      { header: '范围', value: (s) => (s.bureauId ? '本局' : '全市') },
      { header: '项目数', value: (s) => s.items.length },
      { header: '满分', value: (s) => s.maxTotal },
      { header: '评查项目', width: 60, value: (s) => s.items.map((i) => `${i.labelZh}（${i.maxPoints}分）`).join('；') },
      { header: '状态', value: (s) => (s.active ? '在用' : '停用') },
    ],
    sheets,
  );
}

/** A bureau's own sheet (a city-wide supervisor makes the city's). */
export async function createReviewSheet(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateReviewSheetBody): Promise<ReviewSheet> {
  assertPermission(actor, 'supervision:write');
  try {
    assertSheetValid(body.items);
  } catch (e) {
    if (e instanceof ReviewScoreError) throw fieldError(e.field, e.messageZh, e.message);
    throw e;
  }
  const bureauId = actor.jurisdictionPath.split('/').filter(Boolean).length === 1 ? null : actor.bureauId;
  if (bureauId) await orgInJurisdiction(deps.db, actor, bureauId);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('supervision_review_sheets')
      .values({ id, bureau_id: bureauId, name: body.name, items: JSON.stringify(body.items), created_by: actor.id })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.sheet.create',
      entityType: 'supervision_review_sheet',
      entityId: id,
      bureauId,
      data: { name: body.name, items: body.items.length },
    });
  });
  return (await sheetById(deps.db, id))!;
}

/** The supervisor's home: samples due, findings open, notices awaiting an answer, complaints, the 督办 clocks. */
export async function supervisionHome(deps: Deps, actor: Actor): Promise<SupervisionHome> {
  assertAnyPermission(actor, READ_ANY);
  const day = today(deps);
  const path = actor.jurisdictionPath;
  const counts = await sql<{ due: number; late: number; open: number; overdue: number; notices: number; complaints: number }>`
    SELECT
      (SELECT count(*) FROM supervision_samples s JOIN orgs g ON g.id = s.org_id WHERE g.path LIKE ${`${path}%`} AND s.status = 'pending')::int AS due,
      (SELECT count(*) FROM supervision_samples s JOIN orgs g ON g.id = s.org_id JOIN supervision_plans p ON p.id = s.plan_id
        WHERE g.path LIKE ${`${path}%`} AND s.status = 'pending' AND p.due_on < ${day})::int AS late,
      (SELECT count(*) FROM supervision_findings f JOIN orgs g ON g.id = f.org_id WHERE g.path LIKE ${`${path}%`} AND f.status IN ('open', 'returned', 'corrected'))::int AS open,
      (SELECT count(*) FROM supervision_findings f JOIN orgs g ON g.id = f.org_id WHERE g.path LIKE ${`${path}%`} AND f.status IN ('open', 'returned') AND f.due_on < ${day})::int AS overdue,
      (SELECT count(*) FROM supervision_notices n JOIN orgs g ON g.id = n.org_id WHERE g.path LIKE ${`${path}%`} AND n.status = 'issued')::int AS notices,
      (SELECT count(*) FROM supervision_officer_complaints k JOIN orgs g ON g.id = k.org_id WHERE g.path LIKE ${`${path}%`} AND k.status = 'received')::int AS complaints`.execute(
    deps.db,
  );
  const c = counts.rows[0]!;
  const [major, samples] = await Promise.all([
    listMajorCases(deps, actor, { status: 'open', pageSize: 20 }),
    listSamples(deps, actor, { status: 'pending', pageSize: 10 }),
  ]);
  return {
    today: day,
    scopeName: actor.orgName,
    samplesDue: Number(c.due),
    samplesOverdue: Number(c.late),
    findingsOpen: Number(c.open),
    findingsOverdue: Number(c.overdue),
    noticesAwaiting: Number(c.notices),
    complaintsOpen: Number(c.complaints),
    majorCases: major.items,
    dueSamples: samples.items,
  };
}
