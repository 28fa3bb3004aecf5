// 专用信用报告 (docs/credit.md §5): replaces the 「无违法记录证明」. For a subject (统一社会信用代码 or 证件号) and a
// period, the city's 城管 credit records decided in the period and still published — or the statement that there are
// none — as a PDF signed with the bureau's SM2 key and verifiable on the public page (documents module).
import type { CreditReportBody, CreditReportView, PageOf } from '@chengguan/contracts';
import { addYears, type RenderedBlock } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { issueStandaloneDocument } from '../../documents/index.ts';
import { bureauOrFail, day } from '../credit.shared.ts';

export async function issueCreditReport(deps: Deps, actor: Actor, meta: RequestMeta, body: CreditReportBody): Promise<CreditReportView> {
  assertPermission(actor, 'credit:write');
  const bureau = await bureauOrFail(deps.db, actor, body.bureauId);
  const today = shanghaiDate(deps.clock.now());
  if (body.periodTo < body.periodFrom) throw fieldError('periodTo', '截止日期早于起始日期', 'is before the start date');
  if (body.periodTo > today) throw fieldError('periodTo', '不能晚于今天', 'cannot be after today');
  if (body.periodFrom < addYears(body.periodTo, -5)) throw fieldError('periodFrom', '查询期间最长五年', 'the period is at most five years');
  const code = body.subjectCode.trim().toUpperCase();
  return deps.db.transaction().execute(async (trx) => {
    const records = await trx
      .selectFrom('credit_records')
      .selectAll()
      .where('subject_code', '=', code)
      .where('status', '=', 'published')
      .where('decided_on', '>=', body.periodFrom)
      .where('decided_on', '<=', body.periodTo)
      .orderBy('decided_on')
      .execute();
    const blocks: RenderedBlock[] = [
      {
        type: 'fields',
        columns: 1,
        rows: [
          { label: '信用主体', value: body.subjectName },
          { label: '统一社会信用代码/证件号码', value: code },
          { label: '查询期间', value: `${body.periodFrom} 至 ${body.periodTo}` },
          { label: '查询范围', value: '本市城管执法部门作出并公示的行政处罚信用记录' },
        ],
      },
      records.length === 0
        ? {
            type: 'paragraph',
            text: `经查询，上述期间内该主体在本市城管执法领域无公示中的行政处罚信用记录。`,
            indent: true,
            align: 'left',
            bold: true,
          }
        : {
            type: 'paragraph',
            text: `经查询，上述期间内该主体在本市城管执法领域有公示中的行政处罚信用记录 ${records.length} 条，详见下表。`,
            indent: true,
            align: 'left',
            bold: true,
          },
    ];
    if (records.length > 0) {
      blocks.push({
        type: 'table',
        headers: ['决定日期', '决定书文号', '违法依据', '处罚内容', '公示截止'],
        widths: [14, 26, 26, 20, 14],
        rows: records.map((r) => [day(r.decided_on), r.document_number, r.offence_provision, r.penalty_text, day(r.publish_until)]),
        empty: '无',
      });
    }
    blocks.push(
      {
        type: 'note',
        text: '本报告用于替代「无违法记录证明」；已信用修复或依法撤回的信息不再列入。扫描二维码或凭核验码可在公开核验页面核验本报告真伪。',
      },
      { type: 'signature', lines: [bureau.name], date: today, seal: true, leaderSignature: false },
    );
    const id = deps.newId();
    const doc = await issueStandaloneDocument(trx, deps, actor, meta, {
      bureauId: bureau.id,
      kind: 'credit_report',
      title: '专用信用报告',
      number: null,
      issuedOn: today,
      partyName: body.subjectName,
      blocks,
      sourceId: id,
    });
    const now = deps.clock.now();
    await trx
      .insertInto('credit_reports')
      .values({
        id,
        bureau_id: bureau.id,
        subject_code: code,
        subject_name: body.subjectName,
        period_from: body.periodFrom,
        period_to: body.periodTo,
        record_count: records.length,
        document_id: doc.id,
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'credit.report',
      entityType: 'credit_report',
      entityId: id,
      bureauId: bureau.id,
      data: { subjectCode: code, periodFrom: body.periodFrom, periodTo: body.periodTo, records: records.length, documentId: doc.id },
    });
    return {
      id,
      documentId: doc.id,
      subjectCode: code,
      subjectName: body.subjectName,
      periodFrom: body.periodFrom,
      periodTo: body.periodTo,
      recordCount: records.length,
      verifyPath: doc.verifyPath,
      createdAt: now.toISOString(),
    };
  });
}

export async function listCreditReports(
  deps: Deps,
  actor: Actor,
  q: { bureauId: string; page?: number; pageSize?: number },
): Promise<PageOf<CreditReportView>> {
  assertPermission(actor, 'credit:read');
  await bureauOrFail(deps.db, actor, q.bureauId);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const base = deps.db.selectFrom('credit_reports').where('bureau_id', '=', q.bureauId);
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      subjectCode: r.subject_code,
      subjectName: r.subject_name,
      periodFrom: day(r.period_from),
      periodTo: day(r.period_to),
      recordCount: r.record_count,
      verifyPath: `/verify/${r.document_id}`,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    total: Number(total.n),
    page,
    pageSize,
  };
}
