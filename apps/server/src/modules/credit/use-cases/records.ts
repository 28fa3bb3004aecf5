// Credit records: the list (filters, server paging, Excel) within the caller's jurisdiction, with the state of each
// record's last message to the credit platform.
import type { CreditRecordQuery, CreditRecordView, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { findOrg } from '../../org/index.ts';
import { type RecordRow, toRecordView } from '../credit.shared.ts';

async function filtered(deps: Deps, actor: Actor, q: CreditRecordQuery) {
  assertPermission(actor, 'credit:read');
  if (q.decidedFrom && q.decidedTo && q.decidedTo < q.decidedFrom)
    throw fieldError('decidedTo', '截止日期早于起始日期', 'is before the start date');
  let prefix = actor.jurisdictionPath;
  if (q.bureauId) {
    const org = await findOrg(deps.db, q.bureauId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  let query = deps.db.selectFrom('credit_records as r').innerJoin('orgs as g', 'g.id', 'r.org_id').where('g.path', 'like', `${prefix}%`);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.decidedFrom) query = query.where('r.decided_on', '>=', q.decidedFrom);
  if (q.decidedTo) query = query.where('r.decided_on', '<=', q.decidedTo);
  if (q.q) {
    const like = `%${q.q}%`;
    query = query.where((eb) =>
      eb.or([eb('r.subject_name', 'like', like), eb('r.subject_code', '=', q.q!), eb('r.document_number', 'like', like)]),
    );
  }
  return query;
}

async function withExchange(deps: Deps, rows: RecordRow[]): Promise<CreditRecordView[]> {
  if (rows.length === 0) return [];
  const out = await deps.db
    .selectFrom('credit_outbox')
    .selectAll()
    .where(
      'record_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('created_at')
    .execute();
  const last = new Map(out.map((o) => [o.record_id, o]));
  return rows.map((r) => {
    const o = last.get(r.id);
    return toRecordView(
      r,
      o
        ? {
            op: o.op,
            status: o.status as 'pending',
            attempts: o.attempts,
            lastError: o.last_error,
            sentAt: o.sent_at ? new Date(o.sent_at).toISOString() : null,
          }
        : null,
    );
  });
}

export async function listCreditRecords(deps: Deps, actor: Actor, q: CreditRecordQuery): Promise<PageOf<CreditRecordView>> {
  const query = await filtered(deps, actor, q);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll('r')
      .orderBy('r.decided_on', 'desc')
      .orderBy('r.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: await withExchange(deps, rows), total: Number(total.n), page, pageSize };
}

const STATUS_ZH = { published: '公示中', repaired: '已修复', withdrawn: '已撤回' } as const;

export async function exportCreditRecords(deps: Deps, actor: Actor, q: CreditRecordQuery): Promise<Buffer> {
  const query = await filtered(deps, actor, q);
  const rows = await query.selectAll('r').orderBy('r.decided_on', 'desc').orderBy('r.id', 'desc').limit(MAX_EXPORT_ROWS).execute();
  const columns: XlsxColumn<CreditRecordView>[] = [
    { header: '决定书文号', value: (r) => r.documentNumber, width: 28 },
    { header: '当事人', value: (r) => r.subjectName, width: 24 },
    { header: '统一社会信用代码/证件号', value: (r) => r.subjectCode ?? '', width: 22 },
    { header: '违法行为代码', value: (r) => r.offenceCode },
    { header: '处罚内容', value: (r) => r.penaltyText, width: 30 },
    { header: '决定日期', value: (r) => r.decidedOn, width: 12 },
    { header: '公示截止', value: (r) => r.publishUntil, width: 12 },
    { header: '可申请修复日期', value: (r) => r.repairPossibleOn, width: 14 },
    { header: '状态', value: (r) => STATUS_ZH[r.status], width: 10 },
  ];
  return toXlsx(
    '信用记录',
    columns,
    rows.map((r) => toRecordView(r)),
  );
}

/** A record the caller may see (404 otherwise). */
export async function getCreditRecord(deps: Deps, actor: Actor, id: string): Promise<CreditRecordView> {
  assertPermission(actor, 'credit:read');
  const row = await deps.db
    .selectFrom('credit_records as r')
    .innerJoin('orgs as g', 'g.id', 'r.org_id')
    .selectAll('r')
    .select('g.path')
    .where('r.id', '=', id)
    .executeTakeFirst();
  assertInJurisdiction(actor, row?.path);
  const { path: _p, ...rec } = row!;
  return (await withExchange(deps, [rec]))[0]!;
}
