// 复议 and 诉讼 (issue 15 §5; docs/reviews.md): every administrative review and lawsuit against a case with its
// outcome (维持, 变更, 撤销, 确认违法, 败诉) and cause. An adverse outcome takes the decision's credit record off
// publication (处罚法 Art. 48). The monthly 纠错 / 败诉 report; tallies per officer and squad for 考核.
import {
  type CaseReviewQuery,
  type CaseReviewView,
  type CreateCaseReviewBody,
  type DecideCaseReviewBody,
  type PageOf,
  REVIEW_CAUSE_LABELS,
  REVIEW_CAUSES,
  REVIEW_OUTCOME_LABELS,
  type ReviewMonthQuery,
  type ReviewMonthReport,
  type ReviewTally,
} from '@chengguan/contracts';
import { addDays, addMonths, isAdverseOutcome, type ReviewOutcome } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { caseOfficerIds, findCase } from '../cases/index.ts';
import { withdrawCreditRecord } from '../credit/index.ts';
import { renderTablePdf } from '../documents/index.ts';
import { findOrg } from '../org/index.ts';

const day = (d: unknown): string =>
  d instanceof Date
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : String(d).slice(0, 10);

type Row = {
  id: string;
  case_id: string;
  case_number: string | null;
  org_id: string;
  kind: string;
  filed_on: string;
  forum: string;
  reference_no: string | null;
  outcome: string | null;
  cause: string | null;
  cause_note: string | null;
  decided_on: string | null;
  officer_ids: string[];
  created_at: Date;
};

const toView = (r: Row): CaseReviewView => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  orgId: r.org_id,
  kind: r.kind as CaseReviewView['kind'],
  filedOn: day(r.filed_on),
  forum: r.forum,
  referenceNo: r.reference_no,
  outcome: r.outcome as CaseReviewView['outcome'],
  cause: r.cause as CaseReviewView['cause'],
  causeNote: r.cause_note,
  decidedOn: r.decided_on ? day(r.decided_on) : null,
  adverse: isAdverseOutcome(r.outcome as ReviewOutcome | null),
  officerIds: r.officer_ids,
  createdAt: new Date(r.created_at).toISOString(),
});

const COLUMNS = [
  'v.id',
  'v.case_id',
  'c.case_number',
  'v.org_id',
  'v.kind',
  'v.filed_on',
  'v.forum',
  'v.reference_no',
  'v.outcome',
  'v.cause',
  'v.cause_note',
  'v.decided_on',
  'v.officer_ids',
  'v.created_at',
] as const;

function base(db: Executor) {
  return db.selectFrom('case_reviews as v').innerJoin('cases as c', 'c.id', 'v.case_id').innerJoin('orgs as g', 'g.id', 'v.org_id');
}

async function oneOrFail(db: Executor, actor: Actor, id: string): Promise<CaseReviewView> {
  const r = await base(db).select(COLUMNS).select('g.path').where('v.id', '=', id).executeTakeFirst();
  assertInJurisdiction(actor, r?.path);
  return toView(r as Row);
}

export async function createReview(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateCaseReviewBody): Promise<CaseReviewView> {
  assertPermission(actor, 'review:write');
  const today = shanghaiDate(deps.clock.now());
  if (body.filedOn > today) throw fieldError('filedOn', '不能晚于今天', 'cannot be after today');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, body.caseId);
    assertInJurisdiction(actor, c?.org_path);
    if (!c!.decided_on) {
      throw fieldError('caseId', '本案尚未作出决定，不能登记复议或诉讼', 'the case has no decision to review or sue against');
    }
    if (body.filedOn < day(c!.decided_on)) throw fieldError('filedOn', '不能早于决定日期', 'cannot be before the decision date');
    const officers = await caseOfficerIds(trx, c!.id);
    await trx
      .insertInto('case_reviews')
      .values({
        id,
        bureau_id: c!.bureau_id ?? c!.org_id,
        org_id: c!.org_id,
        case_id: c!.id,
        kind: body.kind,
        filed_on: body.filedOn,
        forum: body.forum,
        reference_no: body.referenceNo ?? null,
        officer_ids: officers.map((o) => o.officer_id),
        created_by: actor.id,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: body.kind === 'review' ? 'review.filed' : 'lawsuit.filed',
      entityType: 'case_review',
      entityId: id,
      bureauId: c!.bureau_id ?? c!.org_id,
      data: { ...body, caseId: c!.id },
    });
  });
  return oneOrFail(deps.db, actor, id);
}

export async function decideReview(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: DecideCaseReviewBody,
): Promise<CaseReviewView> {
  assertPermission(actor, 'review:write');
  const today = shanghaiDate(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const r = await base(trx)
      .select(['v.id', 'v.kind', 'v.filed_on', 'v.outcome', 'v.case_id', 'v.bureau_id', 'g.path'])
      .where('v.id', '=', id)
      .forUpdate('v')
      .executeTakeFirst();
    assertInJurisdiction(actor, r?.path);
    if (r!.outcome)
      throw new AppError('STATE_CONFLICT', { message: '该复议/诉讼已登记结果', messageEn: 'The outcome was already recorded' });
    if (body.decidedOn < day(r!.filed_on)) throw fieldError('decidedOn', '不能早于申请（立案）日期', 'cannot be before the filing date');
    if (body.decidedOn > today) throw fieldError('decidedOn', '不能晚于今天', 'cannot be after today');
    if (body.outcome === 'lost' && r!.kind !== 'lawsuit')
      throw fieldError('outcome', '「败诉」仅适用于行政诉讼', '“lost” applies to lawsuits only');
    const adverse = isAdverseOutcome(body.outcome);
    if (adverse && !body.cause) throw fieldError('cause', '纠错或败诉须登记原因', 'an adverse outcome needs its cause');
    await trx
      .updateTable('case_reviews')
      .set({
        outcome: body.outcome,
        decided_on: body.decidedOn,
        cause: adverse ? body.cause! : null,
        cause_note: body.causeNote ?? null,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'review.decided',
      entityType: 'case_review',
      entityId: id,
      bureauId: r!.bureau_id,
      data: body,
    });
    if (adverse && body.outcome !== 'upheld') {
      const label = REVIEW_OUTCOME_LABELS[body.outcome].zh;
      await withdrawCreditRecord(
        trx,
        deps,
        actor,
        meta,
        { caseId: r!.case_id },
        'withdrawn',
        `${r!.kind === 'review' ? '行政复议' : '行政诉讼'}结果：${label}（行政处罚法第四十八条）`,
        body.decidedOn,
      );
    }
  });
  return oneOrFail(deps.db, actor, id);
}

async function filtered(deps: Deps, actor: Actor, q: CaseReviewQuery) {
  assertPermission(actor, 'review:read');
  let prefix = actor.jurisdictionPath;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  let query = base(deps.db).where('g.path', 'like', `${prefix}%`);
  if (q.caseId) query = query.where('v.case_id', '=', q.caseId);
  if (q.kind) query = query.where('v.kind', '=', q.kind);
  if (q.outcome) query = q.outcome === 'pending' ? query.where('v.outcome', 'is', null) : query.where('v.outcome', '=', q.outcome);
  if (q.decidedFrom) query = query.where('v.decided_on', '>=', q.decidedFrom);
  if (q.decidedTo) query = query.where('v.decided_on', '<=', q.decidedTo);
  return query;
}

export async function listReviews(deps: Deps, actor: Actor, q: CaseReviewQuery): Promise<PageOf<CaseReviewView>> {
  const query = await filtered(deps, actor, q);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .select(COLUMNS)
      .orderBy('v.filed_on', 'desc')
      .orderBy('v.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: (rows as Row[]).map(toView), total: Number(total.n), page, pageSize };
}

const KIND_ZH = { review: '行政复议', lawsuit: '行政诉讼' } as const;
const reviewColumns = [
  { header: '类型', value: (r: CaseReviewView) => KIND_ZH[r.kind], width: 10 },
  { header: '案件编号', value: (r: CaseReviewView) => r.caseNumber ?? '', width: 24 },
  { header: '复议机关/法院', value: (r: CaseReviewView) => r.forum, width: 24 },
  { header: '案号', value: (r: CaseReviewView) => r.referenceNo ?? '', width: 20 },
  { header: '申请/立案日期', value: (r: CaseReviewView) => r.filedOn, width: 12 },
  { header: '结果', value: (r: CaseReviewView) => (r.outcome ? REVIEW_OUTCOME_LABELS[r.outcome].zh : '未结'), width: 10 },
  { header: '结果日期', value: (r: CaseReviewView) => r.decidedOn ?? '', width: 12 },
  { header: '原因', value: (r: CaseReviewView) => (r.cause ? REVIEW_CAUSE_LABELS[r.cause].zh : ''), width: 20 },
  { header: '说明', value: (r: CaseReviewView) => r.causeNote ?? '', width: 40 },
];

export async function exportReviews(deps: Deps, actor: Actor, q: CaseReviewQuery): Promise<Buffer> {
  const query = await filtered(deps, actor, q);
  const rows = (await query.select(COLUMNS).orderBy('v.filed_on', 'desc').limit(MAX_EXPORT_ROWS).execute()) as Row[];
  return toXlsx('复议诉讼', reviewColumns, rows.map(toView));
}

export type ReviewCounts = { reviews: number; corrected: number; lawsuits: number; lost: number };

/**
 * For 考核 (the supervision module): outcomes decided in [from, to] per officer (every officer of the case when the
 * review was filed) and per squad — reviews and how many were corrected (变更/撤销/确认违法), lawsuits and how many lost.
 * Pure read, no access check: the caller has checked its own.
 */
export async function reviewOutcomesBy(
  db: Executor,
  by: 'officer' | 'squad',
  period: { from: string; to: string; orgPathPrefix?: string },
): Promise<Map<string, ReviewCounts>> {
  let q = db
    .selectFrom('case_reviews as v')
    .innerJoin('orgs as g', 'g.id', 'v.org_id')
    .select(['v.kind', 'v.outcome', 'v.org_id', 'v.officer_ids'])
    .where('v.decided_on', '>=', period.from)
    .where('v.decided_on', '<=', period.to);
  if (period.orgPathPrefix) q = q.where('g.path', 'like', `${period.orgPathPrefix}%`);
  const rows = await q.execute();
  const out = new Map<string, ReviewCounts>();
  for (const r of rows) {
    const keys = by === 'squad' ? [r.org_id] : r.officer_ids;
    for (const k of keys) {
      const c = out.get(k) ?? { reviews: 0, corrected: 0, lawsuits: 0, lost: 0 };
      const adverse = isAdverseOutcome(r.outcome as ReviewOutcome | null);
      if (r.kind === 'review') {
        c.reviews += 1;
        if (adverse) c.corrected += 1;
      } else {
        c.lawsuits += 1;
        if (adverse) c.lost += 1;
      }
      out.set(k, c);
    }
  }
  return out;
}

const rate = (n: number, d: number) => (d === 0 ? 0 : Math.round((n * 1000) / d) / 10);

/** The month's 纠错 / 败诉 report: outcomes decided in the month, per squad and per cause. */
export async function monthReport(deps: Deps, actor: Actor, q: ReviewMonthQuery): Promise<ReviewMonthReport> {
  assertPermission(actor, 'review:read');
  let prefix = actor.jurisdictionPath;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  const from = `${q.month}-01`;
  const to = addDays(addMonths(from, 1), -1);
  const rows = (await base(deps.db)
    .select(COLUMNS)
    .select('g.name as org_name')
    .where('g.path', 'like', `${prefix}%`)
    .where('v.decided_on', '>=', from)
    .where('v.decided_on', '<=', to)
    .orderBy('v.decided_on')
    .execute()) as (Row & { org_name: string })[];
  const items = rows.map(toView);
  const bySquad = new Map<string, ReviewTally>();
  for (const [i, v] of items.entries()) {
    const t = bySquad.get(v.orgId) ?? { key: v.orgId, name: rows[i]!.org_name, reviews: 0, corrected: 0, lawsuits: 0, lost: 0 };
    if (v.kind === 'review') {
      t.reviews += 1;
      if (v.adverse) t.corrected += 1;
    } else {
      t.lawsuits += 1;
      if (v.adverse) t.lost += 1;
    }
    bySquad.set(v.orgId, t);
  }
  const reviews = items.filter((v) => v.kind === 'review');
  const lawsuits = items.filter((v) => v.kind === 'lawsuit');
  const corrected = reviews.filter((v) => v.adverse).length;
  const lost = lawsuits.filter((v) => v.adverse).length;
  return {
    month: q.month,
    reviews: reviews.length,
    corrected,
    correctionRate: rate(corrected, reviews.length),
    lawsuits: lawsuits.length,
    lost,
    lossRate: rate(lost, lawsuits.length),
    bySquad: [...bySquad.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    byCause: REVIEW_CAUSES.map((c) => ({
      cause: c,
      name: REVIEW_CAUSE_LABELS[c].zh,
      count: items.filter((v) => v.adverse && v.cause === c).length,
    })).filter((x) => x.count > 0),
    items,
  };
}

export async function monthReportXlsx(deps: Deps, actor: Actor, q: ReviewMonthQuery): Promise<Buffer> {
  const r = await monthReport(deps, actor, q);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chengguan';
  const summary = wb.addWorksheet('汇总');
  summary.addRows([
    ['月份', r.month],
    ['行政复议（件）', r.reviews],
    ['其中纠错（件）', r.corrected],
    ['纠错率（%）', r.correctionRate],
    ['行政诉讼（件）', r.lawsuits],
    ['其中败诉（件）', r.lost],
    ['败诉率（%）', r.lossRate],
  ]);
  const squads = wb.addWorksheet('按中队');
  squads.addRow(['中队', '复议', '纠错', '诉讼', '败诉']);
  for (const t of r.bySquad) squads.addRow([t.name, t.reviews, t.corrected, t.lawsuits, t.lost]);
  const causes = wb.addWorksheet('按原因');
  causes.addRow(['原因', '件数']);
  for (const c of r.byCause) causes.addRow([c.name, c.count]);
  const detail = wb.addWorksheet('明细');
  detail.addRow(reviewColumns.map((c) => c.header));
  for (const v of r.items) detail.addRow(reviewColumns.map((c) => c.value(v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The monthly 纠错/败诉 report, printable (PDF): the totals, by squad, by cause, then every review and lawsuit. */
export async function monthReportPdf(deps: Deps, actor: Actor, q: ReviewMonthQuery): Promise<Buffer> {
  const r = await monthReport(deps, actor, q);
  return renderTablePdf(
    `${r.month} 行政复议纠错、行政诉讼败诉通报`,
    [
      `行政复议 ${r.reviews} 件，其中纠错 ${r.corrected} 件，纠错率 ${r.correctionRate}%`,
      `行政诉讼 ${r.lawsuits} 件，其中败诉 ${r.lost} 件，败诉率 ${r.lossRate}%`,
      `制表日期：${shanghaiDate(deps.clock.now())}`,
    ],
    [
      {
        heading: '一、按中队',
        columns: [{ header: '中队', weight: 3 }, { header: '复议' }, { header: '纠错' }, { header: '诉讼' }, { header: '败诉' }],
        rows: r.bySquad.map((t) => [t.name, t.reviews, t.corrected, t.lawsuits, t.lost]),
        empty: '本月没有复议或诉讼。',
      },
      {
        heading: '二、按原因',
        columns: [{ header: '原因', weight: 3 }, { header: '件数' }],
        rows: r.byCause.map((c) => [c.name, c.count]),
        empty: '本月没有纠错或败诉。',
      },
      {
        heading: '三、明细',
        columns: reviewColumns.map((c) => ({ header: c.header, weight: Math.max(1, c.width / 10) })),
        rows: r.items.map((v) => reviewColumns.map((c) => c.value(v))),
        empty: '本月没有复议或诉讼。',
      },
    ],
  );
}
