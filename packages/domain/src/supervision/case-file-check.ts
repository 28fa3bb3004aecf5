// B5 — the automated case-file check (案卷自动评查, issue 15 §1). Every rule the legal engine applies to a case step is
// run again over the case's stored facts: the same guard functions (packages/domain/src/cases), the same citations
// (RULE_SENTENCES). Nothing here re-states a rule; an item only says which guard to ask, with which stored input, and
// how many points a failure costs. The check runs before 法制审核 (on 案件审核), at closing, and on demand.
import type { LegalDate } from '../calendar/legal-date.ts';
import { isAfter, isBefore } from '../calendar/legal-date.ts';
import { serviceDeadline } from '../law/procedure-deadlines.ts';
import type { TeamOfficer } from '../staff/credential.ts';
import type { CaseContext, CaseSnapshot } from '../cases/case-snapshot.ts';
import { block, type BlockReason } from '../cases/case.errors.ts';
import { credentialsShown, limitationNotExpired, noRecusedOfficer, recordSigned, twoCredentialedOfficers } from '../cases/case.guards.ts';
import { decisionPenaltyGuards, priorNoticeServed, statementPeriodOver, withinDecisionDeadline } from '../cases/case.guards.decision.ts';
import { hearingRightInNotice, priorNoticeComplete } from '../cases/case.guards.hearing.ts';
import { serviceMethodValid, stagesRecorded } from '../cases/case.guards.closing.ts';
import { RULE_SENTENCES, type StatuteCitation } from '../cases/case.needs.ts';

/** A 笔录 as stored (case_records), with the live credentials of the officers it names. */
export type CheckedRecord = {
  id: string;
  kind: 'inspection' | 'questioning';
  recordedOn: LegalDate;
  officers: readonly TeamOfficer[];
  statutoryException?: string;
  credentialsShown: boolean;
  officersSigned: boolean;
  partySigned: boolean;
  witnessSigned: boolean;
  absenceNote?: string;
};

/** A numbered document of the case (case_documents). */
export type CheckedDocument = { docType: string; number: string | null; issuedOn: LegalDate };

export type CaseFileFacts = {
  snapshot: CaseSnapshot;
  records: readonly CheckedRecord[];
  documents: readonly CheckedDocument[];
  /** F3 留置送达: a witness or photo/video is recorded with the service. */
  serviceWitnessOrMedia?: boolean;
  /** F4 公告送达: the day the notice was published. */
  servicePublishedOn?: LegalDate;
};

export const CHECK_CATEGORIES = ['documents', 'dates', 'evidence', 'service', 'discretion', 'rights', 'legality'] as const;
export type CheckCategory = (typeof CHECK_CATEGORIES)[number];

export const CHECK_CATEGORY_LABELS: Record<CheckCategory, { zh: string; en: string }> = {
  documents: { zh: '文书齐全、编号规范', en: 'Documents present and numbered' },
  dates: { zh: '日期顺序与期限', en: 'Dates in order and within limits' },
  evidence: { zh: '调查取证（两名持证执法人员）', en: 'Evidence by two credentialed officers' },
  service: { zh: '送达', en: 'Service' },
  discretion: { zh: '裁量基准', en: 'Discretion within the tier' },
  rights: { zh: '权利告知', en: 'Rights told' },
  legality: { zh: '合法性', en: 'Legality' },
};

export type CheckFinding = {
  item: string;
  category: CheckCategory;
  ruleId: string;
  /** The machine reference of the guard (行政处罚法 Art. 42 …). */
  article: string;
  /** The citation in the Chinese form, from RULE_SENTENCES, when the rule has one. */
  citation: string | null;
  messageZh: string;
  messageEn: string;
  field: string | null;
  /** Points this finding costs on the score sheet. */
  points: number;
};

export type CheckItemResult = {
  item: string;
  category: CheckCategory;
  labelZh: string;
  labelEn: string;
  points: number;
  /** false: the case has not reached the stage the item judges (not scored). */
  applies: boolean;
  passed: boolean;
  lost: number;
};

export type CaseFileCheck = {
  score: number;
  maxScore: number;
  items: CheckItemResult[];
  findings: CheckFinding[];
};

type Item = {
  code: string;
  category: CheckCategory;
  labelZh: string;
  labelEn: string;
  points: number;
  applies: (f: CaseFileFacts) => boolean;
  run: (f: CaseFileFacts, ctx: CaseContext) => (BlockReason | null)[];
};

/** The context of a rule judged on a past day: the guard reads `today` as the day the step was taken. */
function on(ctx: CaseContext, day: LegalDate | undefined): CaseContext {
  return day ? { ...ctx, today: day } : ctx;
}

const DOCS_BY_STAGE: [string, (s: CaseSnapshot) => boolean, string, string][] = [
  ['filing', (s) => s.procedure === 'ordinary' && s.dates.filedOn !== undefined, '立案审批表', 'filing form'],
  ['prior_notice', (s) => s.priorNotice !== undefined, '行政处罚事先告知书', 'prior notice'],
  ['hearing_notice', (s) => s.hearing?.noticeServedOn !== undefined, '听证通知书', 'hearing notice'],
  ['decision', (s) => s.procedure === 'ordinary' && s.decision?.outcome === 'penalty', '行政处罚决定书', 'penalty decision'],
  [
    'no_penalty_decision',
    (s) =>
      s.procedure === 'ordinary' &&
      (s.decision?.outcome === 'no_penalty_minor' || s.decision?.outcome === 'no_penalty_facts_not_established'),
    '不予行政处罚决定书',
    'no-penalty decision',
  ],
  ['summary_decision', (s) => s.procedure === 'summary' && s.decision !== undefined, '当场行政处罚决定书', 'on-the-spot decision'],
  ['transfer_letter', (s) => s.transfer !== undefined, '移送函', 'transfer letter'],
];

function documentsPresent(f: CaseFileFacts): (BlockReason | null)[] {
  const out: (BlockReason | null)[] = [];
  const seen = new Map<string, number>();
  for (const d of f.documents) if (d.number) seen.set(d.number, (seen.get(d.number) ?? 0) + 1);
  for (const [docType, reached, zh, en] of DOCS_BY_STAGE) {
    if (!reached(f.snapshot)) continue;
    const doc = f.documents.find((d) => d.docType === docType);
    if (!doc) out.push(block('A6', '行政处罚法 Art. 47', `缺少${zh}`, `The ${en} is missing`, `documents.${docType}`));
    else if (!doc.number?.trim())
      out.push(block('A6', '行政处罚法 Art. 47', `${zh}未编文号`, `The ${en} has no number`, `documents.${docType}`));
  }
  for (const [number, n] of seen) {
    if (n > 1) out.push(block('A6', '行政处罚法 Art. 47', `文号 ${number} 重复使用`, `Number ${number} is used twice`, 'documents'));
  }
  return out;
}

/** The days of the procedure in the order the law takes them (处罚法 Arts. 36, 54, 62, 61; the machine's CHRONOLOGY). */
function datesInOrder(f: CaseFileFacts): (BlockReason | null)[] {
  const s = f.snapshot;
  const chain: [string, string, LegalDate | undefined][] = [
    ['违法行为发生日', 'act.actDate', s.act.actDate],
    ['发现日', 'dates.discoveredOn', s.dates.discoveredOn],
    ['登记日', 'dates.registeredOn', s.dates.registeredOn],
    ['立案日', 'dates.filedOn', s.dates.filedOn],
    ['调查终结日', 'dates.investigationConcludedOn', s.dates.investigationConcludedOn],
    ['案件审核日', 'dates.caseReviewedOn', s.dates.caseReviewedOn],
    ['事先告知送达日', 'priorNotice.servedOn', s.priorNotice?.servedOn],
    ['决定日', 'decision.decidedOn', s.decision?.decidedOn],
    ['送达日', 'service.servedOn', s.service?.servedOn],
    ['结案日', 'dates.closedOn', s.dates.closedOn],
    ['归档日', 'dates.archivedOn', s.dates.archivedOn],
  ];
  const present = chain.filter((c): c is [string, string, LegalDate] => c[2] !== undefined);
  const out: BlockReason[] = [];
  for (let i = 1; i < present.length; i++) {
    const [prevZh, , prev] = present[i - 1]!;
    const [zh, field, day] = present[i]!;
    if (isBefore(day, prev)) {
      out.push(block('CHRONOLOGY', '', `${zh}（${day}）早于${prevZh}（${prev}）`, `${field} ${day} is before ${prev}`, field));
    }
  }
  return out;
}

const ITEMS: Item[] = [
  {
    code: 'documents',
    category: 'documents',
    labelZh: '已进行环节的文书齐全并编有文号',
    labelEn: 'Every stage reached has its numbered document',
    points: 10,
    applies: () => true,
    run: (f) => documentsPresent(f),
  },
  {
    code: 'stages_recorded',
    category: 'documents',
    labelZh: '各办案环节均有记录（全过程记录）',
    labelEn: 'Each stage reached has its record',
    points: 10,
    applies: () => true,
    run: (f, ctx) => [stagesRecorded(f.snapshot, undefined, ctx)],
  },
  {
    code: 'dates_in_order',
    category: 'dates',
    labelZh: '日期先后顺序正确',
    labelEn: 'Dates in the order of the procedure',
    points: 10,
    applies: () => true,
    run: (f) => datesInOrder(f),
  },
  {
    code: 'limitation',
    category: 'dates',
    labelZh: '未超过追责时效',
    labelEn: 'Within the limitation period',
    points: 5,
    applies: (f) => f.snapshot.dates.discoveredOn !== undefined,
    run: (f) => [limitationNotExpired(f.snapshot)],
  },
  {
    code: 'decision_deadline',
    category: 'dates',
    labelZh: '在办案期限内作出决定',
    labelEn: 'Decided within the decision deadline',
    points: 10,
    applies: (f) => f.snapshot.procedure === 'ordinary' && f.snapshot.dates.filedOn !== undefined,
    run: (f, ctx) => [withinDecisionDeadline(f.snapshot, undefined, on(ctx, f.snapshot.decision?.decidedOn))],
  },
  {
    code: 'team',
    category: 'evidence',
    labelZh: '承办人为两名以上持有效执法证的执法人员',
    labelEn: 'Two or more officers with valid credentials handle the case',
    points: 10,
    applies: () => true,
    run: (f, ctx) => {
      const s = f.snapshot;
      const day = s.dates.filedOn ?? s.dates.registeredOn ?? s.decision?.decidedOn ?? ctx.today;
      return [twoCredentialedOfficers(s, { date: day }, on(ctx, day)), noRecusedOfficer(s, { date: day })];
    },
  },
  {
    code: 'records',
    category: 'evidence',
    labelZh: '检查、询问笔录由两名持证人员制作，出示证件并签名',
    labelEn: 'Each record made by two credentialed officers, credentials shown, signed',
    points: 10,
    applies: (f) => f.records.length > 0,
    run: (f, ctx) =>
      f.records.flatMap((r) => {
        const input = {
          date: r.recordedOn,
          officers: r.officers,
          ...(r.statutoryException ? { statutoryException: r.statutoryException } : {}),
          credentialsShown: r.credentialsShown,
          officersSigned: r.officersSigned,
          partySigned: r.partySigned,
          witnessSigned: r.witnessSigned,
          ...(r.absenceNote ? { absenceNote: r.absenceNote } : {}),
        };
        const tag = (b: BlockReason | null) =>
          b && { ...b, messageZh: `${r.kind === 'inspection' ? '检查笔录' : '询问笔录'}（${r.recordedOn}）：${b.messageZh}` };
        return [
          tag(twoCredentialedOfficers(f.snapshot, input, on(ctx, r.recordedOn))),
          tag(credentialsShown(f.snapshot, input)),
          tag(recordSigned(f.snapshot, input)),
        ];
      }),
  },
  {
    code: 'rights_told',
    category: 'rights',
    labelZh: '事先告知载明处罚内容、事实、理由、依据及陈述申辩（听证）权利',
    labelEn: 'The prior notice states the penalty, facts, reasons, basis and rights',
    points: 10,
    applies: (f) =>
      f.snapshot.priorNotice !== undefined || (f.snapshot.procedure === 'ordinary' && f.snapshot.decision?.outcome === 'penalty'),
    run: (f, ctx) => {
      const s = f.snapshot;
      const n = s.priorNotice;
      if (!n) return [priorNoticeServed(s, undefined, on(ctx, s.decision?.decidedOn))];
      const input = { date: n.servedOn, proposed: n.proposed, contents: n.contents };
      return [
        priorNoticeComplete(s, input, on(ctx, n.servedOn)),
        hearingRightInNotice(s, input, on(ctx, n.servedOn)),
        ...(s.decision ? [statementPeriodOver(s, undefined, on(ctx, s.decision.decidedOn))] : []),
      ];
    },
  },
  {
    code: 'discretion',
    category: 'discretion',
    labelZh: '罚款在法定幅度和裁量基准档次内',
    labelEn: 'The fine lies within the statutory range and the discretion tier',
    points: 15,
    applies: (f) => (f.snapshot.decision ?? f.snapshot.proposal)?.outcome === 'penalty',
    run: (f, ctx) => {
      const s = f.snapshot;
      const d = s.decision;
      const input = d
        ? {
            date: d.decidedOn,
            outcome: d.outcome,
            ...(d.penalty ? { penalty: d.penalty } : {}),
            citesHearingRecord: d.citesHearingRecord,
            educationRecorded: true,
          }
        : undefined;
      return decisionPenaltyGuards.map((g) => g(s, input, on(ctx, d?.decidedOn)));
    },
  },
  {
    code: 'service',
    category: 'service',
    labelZh: '决定书依法送达并有送达凭证',
    labelEn: 'The decision was served lawfully and the service is proven',
    points: 10,
    applies: (f) =>
      f.snapshot.procedure === 'ordinary' && f.snapshot.decision !== undefined && f.snapshot.decision.outcome !== 'transfer_judicial',
    run: (f, ctx) => {
      const s = f.snapshot;
      const d = s.decision!;
      const sv = s.service;
      const cited = RULE_SENTENCES.F1;
      if (!sv) {
        const due = serviceDeadline(d.decidedOn, ctx.calendar).due;
        return isAfter(ctx.today, due)
          ? [block('F1', '行政处罚法 Art. 61', `决定书未送达（应于${due}前送达）`, `The decision was not served (due ${due})`, 'service')]
          : [];
      }
      const proof = s.records.some((r) => r.kind === 'decision_service');
      const out: (BlockReason | null)[] = [
        serviceMethodValid(
          s,
          {
            date: sv.servedOn,
            method: sv.method,
            ...(f.serviceWitnessOrMedia !== undefined ? { witnessOrMedia: f.serviceWitnessOrMedia } : {}),
            ...(f.servicePublishedOn ? { publishedOn: f.servicePublishedOn } : {}),
          },
          on(ctx, sv.servedOn),
        ),
        proof ? null : block('F3', '民事诉讼法 Art. 87', '缺少送达回证或送达记录', 'No proof of service on file', 'records'),
      ];
      if (sv.method !== 'on_announcement' && sv.method !== 'public_notice') {
        const due = serviceDeadline(d.decidedOn, ctx.calendar).due;
        if (isAfter(sv.servedOn, due))
          out.push(
            block(
              'F1',
              '行政处罚法 Art. 61',
              `${cited.zh}（应于${due}前送达，实际${sv.servedOn}）`,
              `Served ${sv.servedOn}, due ${due}`,
              'service.servedOn',
            ),
          );
      }
      return out;
    },
  },
];

/** The items of the sheet with their points (the console lists them; the maximum score is their sum). */
export const CASE_FILE_CHECK_ITEMS: readonly Pick<Item, 'code' | 'category' | 'labelZh' | 'labelEn' | 'points'>[] = ITEMS.map(
  ({ code, category, labelZh, labelEn, points }) => ({ code, category, labelZh, labelEn, points }),
);

function citationOf(ruleId: string): StatuteCitation | null {
  return (RULE_SENTENCES as Record<string, { citation: StatuteCitation | null } | undefined>)[ruleId]?.citation ?? null;
}

/**
 * Run every item over the case's stored facts. An item that does not apply (the stage was not reached) is not scored;
 * one that applies loses its points on its first finding. The score is out of the points of the items that apply.
 */
export function checkCaseFile(facts: CaseFileFacts, ctx: CaseContext): CaseFileCheck {
  const items: CheckItemResult[] = [];
  const findings: CheckFinding[] = [];
  for (const item of ITEMS) {
    const applies = item.applies(facts);
    const reasons = applies ? item.run(facts, ctx).filter((r): r is BlockReason => r !== null) : [];
    const lost = reasons.length > 0 ? item.points : 0;
    items.push({
      item: item.code,
      category: item.category,
      labelZh: item.labelZh,
      labelEn: item.labelEn,
      points: item.points,
      applies,
      passed: reasons.length === 0,
      lost,
    });
    reasons.forEach((r, i) =>
      findings.push({
        item: item.code,
        category: item.category,
        ruleId: r.ruleId,
        article: r.article,
        citation: citationOf(r.ruleId)?.zh ?? null,
        messageZh: r.messageZh,
        messageEn: r.messageEn,
        field: r.field ?? null,
        points: i === 0 ? item.points : 0,
      }),
    );
  }
  const maxScore = items.filter((i) => i.applies).reduce((n, i) => n + i.points, 0);
  return { score: maxScore - items.reduce((n, i) => n + i.lost, 0), maxScore, items, findings };
}
