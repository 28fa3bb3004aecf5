// 申请人民法院强制执行 — the application package (行政强制法 Art. 55): 「（一）强制执行申请书；（二）行政决定书及作出决定的事实、
// 理由和依据；（三）当事人的意见及行政机关催告情况；（四）申请强制执行标的情况；（五）法律、行政法规规定的其他材料。」
// Prepared only inside the G3 window (Arts. 53–54; 行诉法解释 Art. 156). The 申请书 is issued as a frozen document; the
// ZIP holds it with the decision, the service receipts, the 催告书 and its service proof, the party's statements,
// the subject-matter sheet and manifest.json naming the 5 items with the SM3 of each file. Stored by its SM3.
import { strToU8, zipSync } from 'fflate';
import type { CourtPackageBody, CourtPackageManifestItem, EnforcementOverview } from '@chengguan/contracts';
import { accruedSurcharge, enforcementView, yuanText } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { caseEvents, ruleViolation } from '../../cases/index.ts';
import { storeFile } from '../../files/index.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { type CaseDocumentEntry, caseDocumentList, issueCaseDocument, readDocumentPdfOrNull } from '../../documents/index.ts';
import { listReviewLitigations, listServices, type ServiceRow } from '../../service/index.ts';
import { refreshCaseEnforcement } from '../enforcement-refresh.ts';
import { updateEnforcement } from '../enforcement.repository.ts';
import { enforcementCaseOn } from '../enforcement-case.ts';
import { getEnforcement } from './get-enforcement.ts';

type PackFile = { item: number; name: string; bytes: Uint8Array; note?: string };

const ITEM_TITLES: Record<number, string> = {
  1: '强制执行申请书',
  2: '行政决定书及作出决定的事实、理由和依据',
  3: '当事人的意见及行政机关催告情况',
  4: '申请强制执行标的情况',
  5: '法律、行政法规规定的其他材料',
};

export async function prepareCourtPackage(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  caseId: string,
  body: CourtPackageBody,
): Promise<EnforcementOverview> {
  // The 申请书 is signed by the agency head (Art. 55 para. 2): leaders prepare it.
  assertPermission(actor, 'case:approve');
  await deps.db.transaction().execute(async (trx) => {
    const { row, snapshot, ctx } = await enforcementCaseOn(trx, deps, actor, caseId, body.date);
    const v = enforcementView(snapshot, { ...ctx, today: body.date });
    if (v.status !== 'court_window_open' && v.status !== 'court_deadline_near') {
      const lines = v.courtLines.length
        ? v.courtLines
        : [
            {
              ruleId: 'G3',
              article: '行政强制法 Art. 53, 54',
              textZh: `当前不能申请（${v.status}）`,
              textEn: `Not possible now (${v.status})`,
            },
          ];
      throw ruleViolation(
        'G3',
        [...new Set(lines.map((l) => l.article))].join('; '),
        'date',
        lines.map((l) => l.textZh).join('；'),
        lines.map((l) => l.textEn).join('; '),
      );
    }
    // G2 as of the application day: on the fine after the G1 date, or on each missed instalment from its own due date.
    const g2 = accruedSurcharge(snapshot, v.paymentDue!, body.date);
    const owedFen = Math.max(0, v.fineFen + g2.surchargeFen - v.paidFen);
    const subject = {
      fineFen: v.fineFen,
      paidFen: v.paidFen,
      surchargeFen: g2.surchargeFen,
      surchargeText: g2.lines.map((l) => l.textZh).join('；'),
      owedFen,
      decisionReceivedOn: v.decisionReceivedOn,
      paymentDue: v.paymentDue,
      reminderServedOn: v.reminderServedOn,
      reminderWaitEnds: v.reminderWaitEnds,
      courtOpensOn: v.courtOpensOn,
      courtClosesOn: v.courtClosesOn,
      subjectMatter:
        body.subjectMatter?.trim() ||
        `罚款 ${yuanText(v.fineFen)} 元，加处罚款 ${yuanText(g2.surchargeFen)} 元（截至 ${body.date}），已缴 ${yuanText(v.paidFen)} 元，申请执行金额 ${yuanText(owedFen)} 元`,
    };
    const application = await issueCaseDocument(trx, deps, actor, meta, {
      caseId: row.id,
      kind: 'court_application',
      issuedOn: body.date,
      extra: { court: body.court, application: subject },
    });
    const [docs, services, reviews, events] = await Promise.all([
      caseDocumentList(trx, row.id),
      listServices(trx, row.id),
      listReviewLitigations(trx, row.id),
      caseEvents(trx, row.id),
    ]);
    const files: PackFile[] = [];
    const addPdf = async (item: number, name: string, id: string | null) => {
      const pdf = id ? await readDocumentPdfOrNull(deps, trx, id, { actor, meta }) : null;
      if (pdf) files.push({ item, name, bytes: new Uint8Array(pdf) });
    };
    await addPdf(1, `1-强制执行申请书-${application.number ?? application.id}.pdf`, application.id);
    const served = (kind: string) => services.filter((s) => s.document_kind === kind && s.status === 'served');
    const byKind = (kinds: string[]) => docs.filter((d: CaseDocumentEntry) => kinds.includes(d.kind));
    const decision = snapshot.decision;
    for (const d of byKind(['decision', 'no_penalty_decision', 'summary_decision'])) {
      const before = files.length;
      await addPdf(2, `2-${d.title}-${d.number ?? d.id}.pdf`, d.id);
      // A numbered decision whose PDF was not issued by the documents module: its record stands in.
      if (files.length === before) {
        files.push({
          item: 2,
          name: `2-${d.title}-${d.number ?? d.id}.json`,
          bytes: strToU8(JSON.stringify({ title: d.title, number: d.number, issuedOn: d.issuedOn, decision }, null, 2)),
          note: '文书 PDF 未生成，附决定记录',
        });
      }
    }
    files.push({
      item: 2,
      name: '2-作出决定的事实、理由和依据.txt',
      bytes: strToU8(
        [
          `案由：${row.offence_name}（${row.offence_code}）`,
          `违法事实：${row.facts}`,
          `地点：${row.location}`,
          `依据：${snapshot.offence.provision}`,
          `决定日期：${decision?.decidedOn ?? '—'}；决定书送达（收到）日期：${v.decisionReceivedOn ?? '—'}`,
        ].join('\n'),
      ),
    });
    await addReceipts(deps, trx, { actor, meta }, files, 2, served('decision'));
    for (const d of byKind(['payment_reminder'])) await addPdf(3, `3-催告书-${d.number ?? d.id}.pdf`, d.id);
    await addReceipts(deps, trx, { actor, meta }, files, 3, served('payment_reminder'));
    const statements = events.filter((e) => ['recordStatement', 'reviewStatement', 'waiveStatement', 'recordHearing'].includes(e.action));
    files.push({
      item: 3,
      name: '3-当事人陈述申辩及催告情况.txt',
      bytes: strToU8(
        [
          '当事人的意见（陈述、申辩、听证）：',
          ...(statements.length
            ? statements.map((e) => `${e.legal_date} ${e.action} ${JSON.stringify(e.data)}`)
            : ['（当事人未提出陈述、申辩）']),
          '',
          `催告情况：催告书送达日 ${v.reminderServedOn ?? '—'}；送达后十个工作日届满 ${v.reminderWaitEnds ?? '—'}；当事人仍未履行。`,
        ].join('\n'),
      ),
    });
    files.push({ item: 4, name: '4-申请强制执行标的情况.json', bytes: strToU8(JSON.stringify(subject, null, 2)) });
    files.push({
      item: 5,
      name: '5-送达记录及复议诉讼情况.json',
      bytes: strToU8(
        JSON.stringify(
          {
            services: services.map((s) => ({
              document: s.document_title,
              number: s.document_number,
              method: s.method,
              status: s.status,
              servedOn: s.served_on,
            })),
            reviewOrLitigation: reviews.map((r) => ({
              kind: r.kind,
              filedOn: r.filed_on,
              body: r.body,
              endedOn: r.ended_on,
              result: r.result,
            })),
          },
          null,
          2,
        ),
      ),
    });
    const manifest: CourtPackageManifestItem[] = [];
    for (const item of [1, 2, 3, 4, 5]) {
      const inItem = files.filter((f) => f.item === item);
      if (inItem.length === 0)
        manifest.push({ item, titleZh: ITEM_TITLES[item]!, file: null, sm3: null, note: '未生成（文书 PDF 不可用）' });
      for (const f of inItem)
        manifest.push({ item, titleZh: ITEM_TITLES[item]!, file: f.name, sm3: sm3Hex(f.bytes), note: f.note ?? null });
    }
    const manifestDoc = {
      caseId: row.id,
      caseNumber: row.case_number,
      court: body.court,
      preparedOn: body.date,
      legalBasis: '行政强制法第五十三条、第五十四条、第五十五条；最高人民法院关于适用《中华人民共和国行政诉讼法》的解释第一百五十六条',
      lastDayToFile: v.courtClosesOn,
      items: manifest,
    };
    const zip = zipSync({
      ...Object.fromEntries(files.map((f) => [f.name, f.bytes])),
      'manifest.json': strToU8(JSON.stringify(manifestDoc, null, 2)),
    });
    const zipBuf = Buffer.from(zip);
    await refreshCaseEnforcement(trx, deps, meta, row, snapshot, ctx, { mark: false });
    const sm3 = await storeFile(deps, trx, { bytes: zipBuf, mime: 'application/zip', bureauId: row.bureau_id, createdBy: actor.id });
    await updateEnforcement(trx, row.id, {
      court_package_sm3: sm3,
      court_package_doc_id: application.id,
      court_package_on: body.date,
      court_package_manifest: JSON.stringify({ items: manifest }),
      updated_at: deps.clock.now(),
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'enforcement.courtPackage',
      entityType: 'case',
      entityId: row.id,
      bureauId: row.bureau_id,
      data: { zipSm3: sm3, applicationDocumentId: application.id, files: manifest.length, owedFen, court: body.court },
    });
  });
  return getEnforcement(deps, actor, caseId);
}

async function addReceipts(
  deps: Deps,
  db: Executor,
  reader: { actor: Actor; meta: RequestMeta },
  files: PackFile[],
  item: number,
  services: ServiceRow[],
): Promise<void> {
  for (const s of services) {
    const pdf = s.receipt_document_id ? await readDocumentPdfOrNull(deps, db, s.receipt_document_id, reader) : null;
    if (pdf) files.push({ item, name: `${item}-送达回证-${s.document_title}-${s.served_on}.pdf`, bytes: new Uint8Array(pdf) });
    else {
      // No PDF: the service record itself is the proof (method, date, recipient / message / notice).
      files.push({
        item,
        name: `${item}-送达记录-${s.document_title}-${s.served_on}.json`,
        bytes: strToU8(
          JSON.stringify(
            {
              method: s.method,
              servedOn: s.served_on,
              recipient: s.recipient_name,
              witness: s.witness_name,
              trackingNumber: s.tracking_number,
              messageId: s.message_id,
              publishedOn: s.published_on,
            },
            null,
            2,
          ),
        ),
      });
    }
  }
}
