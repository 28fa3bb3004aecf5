// B3, J1, J2: the remedy notice (救济告知) printed on decisions.
import type { RuleLine } from './types.ts';

export type DecidingBody =
  | { level: 'district'; districtName: string } // 区城管执法局 → 区人民政府
  | { level: 'subdistrict'; districtName: string } // 街道办事处 (派出机关) → the 区人民政府 that set it up
  | { level: 'city' }; // 市城管执法局 → 市人民政府

export type RemedyText = { textZh: string; reviewBody: string; line: RuleLine };

/**
 * The review body (复议法 Art. 24): the people's government at the same level — 区人民政府 for a
 * district bureau or a 街道办事处 it set up, 上海市人民政府 for the city bureau.
 */
export function reviewBodyName(body: DecidingBody): string {
  return body.level === 'city' ? '上海市人民政府' : `${body.districtName}人民政府`;
}

/**
 * J1 — remedy clause of an ordinary-procedure decision.
 * 复议法 Art. 20: 「可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请」;
 * 行政诉讼法 Art. 46: 「…应当自知道或者应当知道作出行政行为之日起六个月内提出」.
 * The wording is the usual formula (LEGAL-RULES.md §3, U); the court is left generic.
 */
export function ordinaryRemedyText(body: DecidingBody): RemedyText {
  const reviewBody = reviewBodyName(body);
  return {
    reviewBody,
    textZh: `如不服本决定，可以在收到本决定书之日起六十日内向${reviewBody}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。`,
    line: {
      ruleId: 'J1',
      article: '行政复议法 Art. 20, Art. 24; 行政诉讼法 Art. 46',
      textZh: `复议机关为${reviewBody}；复议期限六十日，诉讼期限六个月`,
      textEn: `Review body: ${reviewBody}; review within 60 days or a lawsuit within 6 months`,
    },
  };
}

/**
 * B3 — remedy clause of an on-the-spot (简易程序) decision: review first.
 * 复议法 Art. 23: 「对当场作出的行政处罚决定不服」→「申请人应当先向行政复议机关申请行政复议」, and the agency
 * 「在作出行政行为时应当告知…先向行政复议机关申请行政复议」. 行政诉讼法 Art. 45: sue within 15 days of the review decision.
 */
export function summaryRemedyText(body: DecidingBody): RemedyText {
  const reviewBody = reviewBodyName(body);
  return {
    reviewBody,
    textZh: `如不服本决定，应当先在收到本决定书之日起六十日内向${reviewBody}申请行政复议；对行政复议决定不服的，可以在收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。`,
    line: {
      ruleId: 'B3',
      article: '行政复议法 Art. 23; 行政诉讼法 Art. 45',
      textZh: '当场作出的行政处罚决定，应当告知先申请行政复议',
      textEn: 'On-the-spot decisions must state that review comes first',
    },
  };
}

/**
 * J2 — a decision without the remedy notice: the period runs from when the party learns of it, up to 1 year.
 * 复议法 Art. 20 para. 3: 「…自知道或者应当知道行政行为内容之日起最长不得超过一年」; 行诉法解释 Art. 64 (same for lawsuits).
 */
export function missingRemedyNoticeFlag(decisionHasRemedyNotice: boolean): RuleLine | null {
  if (decisionHasRemedyNotice) return null;
  return {
    ruleId: 'J2',
    article: '行政复议法 Art. 20; 最高法行诉法解释 Art. 64',
    textZh: '决定书未告知复议、诉讼权利、机关和期限：当事人的复议、起诉期限最长可延至一年',
    textEn: 'No remedy notice: the party’s review or lawsuit period may run up to one year',
  };
}
