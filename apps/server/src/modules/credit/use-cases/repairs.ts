// 信用修复 (C2; docs/credit.md §4): the party applies in the portal for the record of his case — refused before the
// minimum publication period with the date it becomes possible, and unless every configured condition is confirmed —
// and the bureau decides; approval takes the record off publication and sends the withdrawal to the credit platform.
import type {
  CreditRepairQuery,
  CreditRepairView,
  DecideCreditRepairBody,
  PageOf,
  PortalCreditRepairBody,
  PortalCreditState,
} from '@chengguan/contracts';
import { repairAllowed } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta, StepActor } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrg } from '../../org/index.ts';
import { withdrawCreditRecord } from '../credit.hooks.ts';
import { creditSettingsOf, day } from '../credit.shared.ts';

type RepairRow = {
  id: string;
  record_id: string;
  status: string;
  applicant: string;
  corrected: string;
  commitment: string;
  conditions: string[];
  applied_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  subject_name: string;
  document_number: string;
  repair_possible_on: string;
};

const toView = (r: RepairRow): CreditRepairView => ({
  id: r.id,
  recordId: r.record_id,
  status: r.status as CreditRepairView['status'],
  applicant: r.applicant,
  corrected: r.corrected,
  commitment: r.commitment,
  conditions: r.conditions,
  appliedAt: new Date(r.applied_at).toISOString(),
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  decisionNote: r.decision_note,
  subjectName: r.subject_name,
  documentNumber: r.document_number,
  repairPossibleOn: day(r.repair_possible_on),
});

const REPAIR_COLUMNS = [
  'p.id',
  'p.record_id',
  'p.status',
  'p.applicant',
  'p.corrected',
  'p.commitment',
  'p.conditions',
  'p.applied_at',
  'p.decided_at',
  'p.decision_note',
  'r.subject_name',
  'r.document_number',
  'r.repair_possible_on',
] as const;

/** What the portal shows the party of a case: the record of his case, the conditions, his applications. */
export async function portalCreditState(deps: Deps, caseId: string): Promise<PortalCreditState> {
  const rec = await deps.db.selectFrom('credit_records').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (!rec) return { record: null, conditions: [], repairs: [] };
  const [settings, repairs] = await Promise.all([
    creditSettingsOf(deps.db, rec.bureau_id),
    deps.db
      .selectFrom('credit_repairs as p')
      .innerJoin('credit_records as r', 'r.id', 'p.record_id')
      .select(REPAIR_COLUMNS)
      .where('p.record_id', '=', rec.id)
      .orderBy('p.applied_at', 'desc')
      .execute(),
  ]);
  return {
    record: {
      id: rec.id,
      documentNumber: rec.document_number,
      decidedOn: day(rec.decided_on),
      publishUntil: day(rec.publish_until),
      repairPossibleOn: day(rec.repair_possible_on),
      status: rec.status as 'published',
    },
    conditions: [...settings.repairConditions],
    repairs: (repairs as RepairRow[]).map(toView),
  };
}

export async function applyForRepair(
  deps: Deps,
  meta: RequestMeta,
  session: { caseId: string; bureauId: string | null },
  body: PortalCreditRepairBody,
): Promise<PortalCreditState> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  await deps.db.transaction().execute(async (trx) => {
    const rec = await trx.selectFrom('credit_records').selectAll().where('case_id', '=', session.caseId).forUpdate().executeTakeFirst();
    if (!rec) {
      throw new AppError('NOT_FOUND', { message: '本案没有信用记录，无需修复', messageEn: 'This case has no credit record to repair' });
    }
    if (rec.status !== 'published') {
      throw new AppError('STATE_CONFLICT', { message: '该信用记录已不在公示中', messageEn: 'The record is no longer published' });
    }
    const check = repairAllowed(day(rec.repair_possible_on), today);
    if (!check.allowed) {
      throw new AppError('RULE_VIOLATION', {
        rule: 'C2 上海市优化营商环境条例第六十七条',
        message: `未满最短公示期，${check.possibleOn} 起可申请信用修复`,
        messageEn: `The minimum publication period has not run; repair may be asked from ${check.possibleOn}`,
        details: [{ field: 'possibleOn', message: check.possibleOn, messageEn: check.possibleOn }],
      });
    }
    const settings = await creditSettingsOf(trx, rec.bureau_id);
    const missing = settings.repairConditions.filter((c) => !body.conditions.includes(c));
    if (missing.length > 0) {
      throw fieldError(
        'conditions',
        `须确认全部修复条件：${missing.join('；')}`,
        `every repair condition must be confirmed (${missing.length} missing)`,
      );
    }
    const pending = await trx
      .selectFrom('credit_repairs')
      .select('id')
      .where('record_id', '=', rec.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw new AppError('DUPLICATE', { message: '已有待审核的修复申请', messageEn: 'An application is already pending' });
    const id = deps.newId();
    await trx
      .insertInto('credit_repairs')
      .values({
        id,
        record_id: rec.id,
        bureau_id: rec.bureau_id,
        org_id: rec.org_id,
        applicant: body.applicant,
        phone: body.phone ?? null,
        corrected: body.corrected,
        commitment: body.commitment,
        conditions: body.conditions,
        applied_at: now,
      })
      .execute();
    const portalActor: StepActor = {
      id: null,
      roles: [],
      permissions: new Set(),
      jurisdictionPath: '/',
      bureauId: rec.bureau_id,
      channel: 'portal',
    };
    await recordAudit(trx, deps, portalActor, meta, {
      action: 'credit.repair_applied',
      entityType: 'credit_repair',
      entityId: id,
      bureauId: rec.bureau_id,
      data: { recordId: rec.id, channel: 'portal' },
    });
  });
  return portalCreditState(deps, session.caseId);
}

async function filtered(deps: Deps, actor: Actor, q: CreditRepairQuery) {
  assertPermission(actor, 'credit:read');
  let prefix = actor.jurisdictionPath;
  if (q.bureauId) {
    const org = await findOrg(deps.db, q.bureauId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  let query = deps.db
    .selectFrom('credit_repairs as p')
    .innerJoin('credit_records as r', 'r.id', 'p.record_id')
    .innerJoin('orgs as g', 'g.id', 'p.org_id')
    .where('g.path', 'like', `${prefix}%`);
  if (q.status) query = query.where('p.status', '=', q.status);
  return query;
}

export async function listRepairs(deps: Deps, actor: Actor, q: CreditRepairQuery): Promise<PageOf<CreditRepairView>> {
  const query = await filtered(deps, actor, q);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .select(REPAIR_COLUMNS)
      .orderBy('p.applied_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: (rows as RepairRow[]).map(toView), total: Number(total.n), page, pageSize };
}

export async function exportRepairs(deps: Deps, actor: Actor, q: CreditRepairQuery): Promise<Buffer> {
  const query = await filtered(deps, actor, q);
  const rows = (await query.select(REPAIR_COLUMNS).orderBy('p.applied_at', 'desc').limit(MAX_EXPORT_ROWS).execute()) as RepairRow[];
  const ST = { pending: '待审核', approved: '已准予修复', rejected: '不予修复' } as const;
  return toXlsx(
    '信用修复申请',
    [
      { header: '决定书文号', value: (r: CreditRepairView) => r.documentNumber, width: 28 },
      { header: '当事人', value: (r: CreditRepairView) => r.subjectName, width: 24 },
      { header: '申请人', value: (r: CreditRepairView) => r.applicant },
      { header: '申请时间', value: (r: CreditRepairView) => new Date(r.appliedAt), width: 18 },
      { header: '状态', value: (r: CreditRepairView) => ST[r.status] },
      { header: '审核意见', value: (r: CreditRepairView) => r.decisionNote ?? '', width: 40 },
    ],
    rows.map(toView),
  );
}

export async function decideRepair(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: DecideCreditRepairBody,
): Promise<CreditRepairView> {
  assertPermission(actor, 'credit:write');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('credit_repairs as p')
      .innerJoin('orgs as g', 'g.id', 'p.org_id')
      .select(['p.id', 'p.status', 'p.record_id', 'p.bureau_id', 'g.path'])
      .where('p.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    assertInJurisdiction(actor, row?.path);
    if (row!.status !== 'pending')
      throw new AppError('STATE_CONFLICT', { message: '该申请已审核', messageEn: 'The application was already decided' });
    await trx
      .updateTable('credit_repairs')
      .set({ status: body.approve ? 'approved' : 'rejected', decided_by: actor.id, decided_at: now, decision_note: body.note })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: body.approve ? 'credit.repair_approved' : 'credit.repair_rejected',
      entityType: 'credit_repair',
      entityId: id,
      bureauId: row!.bureau_id,
      data: { recordId: row!.record_id, note: body.note },
    });
    if (body.approve) {
      await withdrawCreditRecord(
        trx,
        deps,
        actor,
        meta,
        { recordId: row!.record_id },
        'repaired',
        `信用修复：${body.note}`,
        shanghaiDate(now),
      );
    }
  });
  const r = await deps.db
    .selectFrom('credit_repairs as p')
    .innerJoin('credit_records as r', 'r.id', 'p.record_id')
    .select(REPAIR_COLUMNS)
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow();
  return toView(r as RepairRow);
}
