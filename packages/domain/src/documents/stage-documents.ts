// Which documents a case's stage needs, and which document a numbering step makes. A document records or announces
// a step (处罚法 Art. 47: the whole process is recorded in writing), so a stage needs the documents of the steps the
// case has taken — each entry names the rule that asks for it. The 文书 tab lists these, made and not made.
import type { DocumentKind } from '@chengguan/contracts';
import type { CaseAction } from '../cases/case-states.ts';
import type { CaseSnapshot } from '../cases/case-snapshot.ts';
import type { RuleLine } from '../law/types.ts';
import type { AvailabilityFacts, DocumentAvailability } from './availability.ts';

/**
 * How a needed document is made: by the step itself (its 文号 is allocated and its PDF issued in the step's
 * transaction), from a 笔录 recorded on the evidence screen, from a 送达 record on the service screen, or issued from
 * the 文书 tab once its step happened.
 */
export type StageDocumentSource = 'step' | 'record' | 'service' | 'issue';

/** `citationZh`: the article as a reader expects it (《中华人民共和国行政处罚法》第五十四条); the rule ID is a detail. */
export type StageDocument = { kind: DocumentKind; source: StageDocumentSource; rule: RuleLine; citationZh: string };

const r = (ruleId: string, article: string, textZh: string, textEn: string): RuleLine => ({ ruleId, article, textZh, textEn });

const LAWS: Record<string, string> = {
  行政处罚法: '中华人民共和国行政处罚法',
  行政强制法: '中华人民共和国行政强制法',
  民事诉讼法: '中华人民共和国民事诉讼法',
  沪条例: '上海市城市管理行政执法条例',
};
const ARTICLES: Record<number, string> = {
  28: '二十八',
  35: '三十五',
  41: '四十一',
  44: '四十四',
  47: '四十七',
  52: '五十二',
  54: '五十四',
  55: '五十五',
  57: '五十七',
  58: '五十八',
  59: '五十九',
  64: '六十四',
  70: '七十',
  87: '八十七',
};

/** '行政处罚法 Art. 54' → 《中华人民共和国行政处罚法》第五十四条 (the references this file cites). */
function citationZh(article: string): string {
  const m = /^(\S+) Art\. (\d+)$/.exec(article);
  const law = m ? LAWS[m[1]!] : undefined;
  const no = m ? ARTICLES[Number(m[2])] : undefined;
  if (!law || !no) throw new Error(`stage-documents: no Chinese citation for ${article}`);
  return `《${law}》第${no}条`;
}

/**
 * The document a step makes, when the step numbers one. Every one of them is issued at once — signed with the
 * bureau's key, not kept as a draft: the step is itself the act the document records, taken by the officer the law
 * names (批准立案 by the leader, C1; 事先告知 D1; 听证通知 D6; the decision by the agency head, E3; the 当场处罚决定书
 * on its pre-numbered form, B2, which the party signs when it is handed over — recorded as its 送达).
 */
export function stepDocumentKind(action: CaseAction, next: CaseSnapshot): DocumentKind | null {
  switch (action) {
    case 'approveFiling':
      return 'filing_approval';
    case 'issuePriorNotice':
      return 'prior_notice';
    case 'scheduleHearing':
      return 'hearing_notice';
    case 'issueSummaryDecision':
      return 'summary_decision';
    case 'transfer':
      return 'transfer_letter';
    case 'decide': {
      const outcome = next.decision?.outcome;
      if (outcome === 'penalty') return 'decision';
      return outcome?.startsWith('no_penalty') ? 'no_penalty_decision' : null;
    }
    default:
      return null;
  }
}

/** The actions whose step makes a document (for registering the step hooks). */
export const DOCUMENT_MAKING_ACTIONS = [
  'approveFiling',
  'issuePriorNotice',
  'scheduleHearing',
  'decide',
  'issueSummaryDecision',
  'transfer',
] as const;

/**
 * The documents the case's stage needs, in the order of the procedure. `availability` is `documentAvailability` of
 * the same snapshot (a 催告书 is needed once the G1 payment period has run unpaid — the rule that allows it).
 */
export function stageDocuments(s: CaseSnapshot, facts: AvailabilityFacts, availability: readonly DocumentAvailability[]): StageDocument[] {
  const allowed = (kind: DocumentKind) => availability.some((a) => a.kind === kind && a.allowed);
  const out: StageDocument[] = [];
  const add = (when: unknown, kind: DocumentKind, source: StageDocumentSource, rule: RuleLine) => {
    if (when) out.push({ kind, source, rule, citationZh: citationZh(rule.article) });
  };
  const d = s.dates;
  const outcome = s.decision?.outcome;
  if (s.procedure === 'summary') {
    add(
      s.summary,
      'summary_decision',
      'step',
      r('B2', '行政处罚法 Art. 52', '当场作出的行政处罚决定书，应当当场交付当事人', 'The on-the-spot decision is handed to the party'),
    );
  } else {
    add(
      facts.offsiteSource,
      'offsite_notice',
      'step',
      r(
        'A5',
        '行政处罚法 Art. 41',
        '电子技术监控设备记录的违法事实，应当及时告知当事人，并为查询、陈述和申辩提供便利',
        'Facts recorded by a device are told to the party in time, with the means to see them and state his case',
      ),
    );
    add(
      d.filingSubmittedOn || d.filedOn,
      'filing_approval',
      'step',
      r(
        'C1',
        '行政处罚法 Art. 54',
        '立案须经负责人批准，批准记入立案审批表',
        'Filing is approved by the head, recorded on the approval form',
      ),
    );
    add(
      d.filedOn,
      'inspection_record',
      'record',
      r('A6', '行政处罚法 Art. 55', '现场检查应当制作笔录', 'An on-site inspection is recorded in writing'),
    );
    add(
      d.filedOn && facts.hasQuestioningRecord,
      'questioning_record',
      'record',
      r('A6', '行政处罚法 Art. 55', '询问应当制作笔录', 'Questioning is recorded in writing'),
    );
    add(
      d.investigationConcludedOn,
      'investigation_report',
      'issue',
      r('A6', '行政处罚法 Art. 47', '调查终结应当形成书面报告', 'The end of the investigation is reported in writing'),
    );
    add(
      s.legalReviews.length > 0,
      'legal_review_opinion',
      'issue',
      r('E1', '行政处罚法 Art. 58', '法制审核应当出具书面意见', 'The legal review gives a written opinion'),
    );
    add(
      s.deliberationsOn.length > 0,
      'deliberation_minutes',
      'issue',
      r('E2', '行政处罚法 Art. 57', '集体讨论应当记录', 'The collective deliberation is minuted'),
    );
    add(
      s.priorNotice,
      'prior_notice',
      'step',
      r(
        'D1',
        '行政处罚法 Art. 44',
        '作出处罚决定前应当告知拟处罚内容及陈述、申辩、听证权利',
        'The party is told of the proposed penalty and his rights',
      ),
    );
    add(
      s.hearing?.hearingOn,
      'hearing_notice',
      'step',
      r('D6', '行政处罚法 Art. 64', '听证七日前通知当事人时间、地点', 'The party is notified of the hearing seven days before'),
    );
    add(s.hearing?.heldOn, 'hearing_record', 'issue', r('D6', '行政处罚法 Art. 64', '听证应当制作笔录', 'The hearing is recorded'));
    add(
      outcome === 'penalty',
      'decision',
      'step',
      r('E5', '行政处罚法 Art. 59', '给予行政处罚的，应当制作行政处罚决定书', 'A penalty is given by a written decision'),
    );
    add(
      outcome?.startsWith('no_penalty'),
      'no_penalty_decision',
      'step',
      r('E3', '行政处罚法 Art. 57', '不予行政处罚的决定应当书面作出', 'A decision not to penalise is made in writing'),
    );
    add(
      s.service,
      'service_receipt',
      'service',
      r('F3', '民事诉讼法 Art. 87', '送达文书必须有送达回证', 'Service of a document is proved by a service receipt'),
    );
  }
  add(
    s.summary?.receiptNumber || s.summary?.collectedOn,
    'cash_receipt',
    'step',
    r('B4', '行政处罚法 Art. 70', '当场收缴罚款的，必须出具专用票据', 'A fine collected on the spot is receipted'),
  );
  add(
    allowed('payment_reminder'),
    'payment_reminder',
    'issue',
    r('G3', '行政强制法 Art. 35', '申请强制执行前应当书面催告当事人履行', 'The party is reminded in writing before enforcement'),
  );
  add(
    s.transfer,
    'transfer_letter',
    'step',
    r(
      'C5',
      '沪条例 Art. 28',
      '移送案件应当制作移送函，连同证据材料一并移送',
      'A transferred case goes with a transfer letter and its evidence',
    ),
  );
  add(
    s.procedure === 'ordinary' && (d.closedOn || s.state === 'closed' || s.state === 'archived'),
    'closing_report',
    'issue',
    r('A6', '行政处罚法 Art. 47', '结案应当形成结案报告，归档保存', 'A closed case is reported and archived'),
  );
  return out;
}
