// D3, D4: before the decision — no heavier penalty after a statement, and the hearing right.
import type { LegalConfig } from './config.ts';
import { assertFen } from './errors.ts';
import type { Fen, PartyType, PenaltyType, RuleCheck, RuleLine, RuleRequirement } from './types.ts';

export type ProposedPenalty = {
  penalties: readonly PenaltyType[];
  fineFen?: Fen;
  /** Value of confiscated illegal gains or property. */
  confiscationFen?: Fen;
};

/**
 * D3 — 处罚法 Art. 45: 「行政机关不得因当事人陈述、申辩而给予更重的处罚。」 (also 沪条例 Art. 24).
 * The decision may not have a higher fine, a higher confiscation or a penalty type that the 告知 did not
 * announce; otherwise a new 事先告知 is needed.
 */
export function noHeavierPenalty(notice: ProposedPenalty, decision: ProposedPenalty): RuleCheck {
  const lines: RuleLine[] = [];
  const added = decision.penalties.filter((p) => !notice.penalties.includes(p));
  if (added.length > 0)
    lines.push(d3(`增加了告知书未载明的处罚种类：${added.join('、')}`, `Penalty types not in the notice: ${added.join(', ')}`));
  if ((decision.fineFen ?? 0) > (notice.fineFen ?? 0)) {
    lines.push(d3(`罚款高于告知数额（${(notice.fineFen ?? 0) / 100} 元）`, 'The fine is higher than notified'));
  }
  if ((decision.confiscationFen ?? 0) > (notice.confiscationFen ?? 0)) {
    lines.push(d3('没收数额高于告知数额', 'The confiscation is higher than notified'));
  }
  if (lines.length > 0) {
    lines.push(d3('须重新进行事先告知', 'A new prior notice is required'));
    return { allowed: false, lines };
  }
  return { allowed: true, lines: [d3('决定不重于事先告知的处罚', 'The decision is not heavier than the notice')] };
}

function d3(textZh: string, textEn: string): RuleLine {
  return { ruleId: 'D3', article: '行政处罚法 Art. 45', textZh, textEn };
}

// 处罚法 Art. 63 (三)(四): penalty types that always carry the hearing right.
export const HEARING_PENALTY_TYPES: ReadonlySet<PenaltyType> = new Set([
  'lower_qualification',
  'revoke_licence',
  'order_suspension',
  'order_closure',
  'restrict_practice',
]);

export type HearingRightInput = ProposedPenalty & {
  partyType: PartyType;
  /** 「（五）其他较重的行政处罚」 as judged by the agency. */
  otherSeriousPenalty?: boolean;
  /** 「（六）法律、法规、规章规定的其他情形」 with its citation. */
  otherLegalTrigger?: string;
};

/**
 * D4 — 处罚法 Art. 63: 「行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利…：（一）较大数额罚款；
 * （二）没收较大数额违法所得、没收较大价值非法财物；（三）降低资质等级、吊销许可证件；（四）责令停产停业、责令关闭、
 * 限制从业；（五）其他较重的行政处罚；（六）法律、法规、规章规定的其他情形。」 「较大数额」 is CONFIG (U in Shanghai).
 * The one definition of a penalty that carries the hearing right: the 事先告知 (D4), the hearing request and the
 * Shanghai 法制审核 after a held or waived hearing (E1, legalReviewRequired) all ask this function.
 */
export function hearingRightRequired(input: HearingRightInput, config: LegalConfig): RuleRequirement {
  const lines: RuleLine[] = [];
  const fine = input.fineFen ?? 0;
  const confiscation = input.confiscationFen ?? 0;
  assertFen(fine, 'fineFen', 'D4');
  assertFen(confiscation, 'confiscationFen', 'D4');
  const fineLimit = config.hearingThresholdFen[input.partyType];
  const confiscationLimit = config.confiscationHearingThresholdFen[input.partyType];
  if (input.penalties.includes('fine') && fine >= fineLimit) {
    lines.push(d4(`较大数额罚款：${fine / 100} 元 ≥ ${fineLimit / 100} 元（配置值）`, `Large fine: ≥ ${fineLimit / 100} yuan (config)`));
  }
  const confiscates = input.penalties.includes('confiscate_illegal_gains') || input.penalties.includes('confiscate_illegal_property');
  if (confiscates && confiscation >= confiscationLimit) {
    lines.push(
      d4(`没收较大数额：${confiscation / 100} 元 ≥ ${confiscationLimit / 100} 元（配置值）`, 'Large confiscation (config threshold)'),
    );
  }
  const typed = input.penalties.filter((p) => HEARING_PENALTY_TYPES.has(p));
  if (typed.length > 0)
    lines.push(d4(`处罚种类须告知听证：${typed.join('、')}`, `Penalty types with a hearing right: ${typed.join(', ')}`));
  if (input.otherSeriousPenalty) lines.push(d4('其他较重的行政处罚', 'Other serious penalty'));
  if (input.otherLegalTrigger)
    lines.push(d4(`法律、法规、规章规定的其他情形：${input.otherLegalTrigger}`, `Other legal trigger: ${input.otherLegalTrigger}`));
  if (lines.length > 0) return { required: true, lines };
  return { required: false, lines: [d4('不属于应当告知听证权利的情形', 'No hearing right to notify')] };
}

function d4(textZh: string, textEn: string): RuleLine {
  return { ruleId: 'D4', article: '行政处罚法 Art. 63', textZh, textEn };
}
