// B1, B4: the summary procedure (简易程序) and on-the-spot collection (当场收缴).
import { assertFen } from './errors.ts';
import { ORGANISATION_PARTY_TYPES, type Fen, type PartyType, type PenaltyType, type RuleCheck, type RuleLine } from './types.ts';

// 处罚法 Art. 51: 「…对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。」
// 民法典 Art. 1259: 「…“以下”…包括本数」 — so 200.00 yuan is allowed, 200.01 is not. Statutory (V), not config.
export const SUMMARY_FINE_LIMIT_PERSON_FEN: Fen = 20_000;
export const SUMMARY_FINE_LIMIT_ORGANISATION_FEN: Fen = 300_000;
// 处罚法 Art. 68: 「（一）依法给予一百元以下罚款的」
export const ON_THE_SPOT_COLLECTION_LIMIT_FEN: Fen = 10_000;

const SUMMARY_PENALTY_TYPES: ReadonlySet<PenaltyType> = new Set(['warning', 'fine']);

export type SummaryProcedureInput = {
  partyType: PartyType;
  penalties: readonly PenaltyType[];
  fineFen?: Fen;
  factsCertain: boolean;
  legalBasisPresent: boolean;
  /** 「法律另有规定的，从其规定」: a specific law that allows or forbids it. */
  lawOverride?: { allowed: boolean; citation: string };
};

function b1(textZh: string, textEn: string, article = '行政处罚法 Art. 51'): RuleLine {
  return { ruleId: 'B1', article, textZh, textEn };
}

export function summaryFineLimitFen(partyType: PartyType): Fen {
  return ORGANISATION_PARTY_TYPES.has(partyType) ? SUMMARY_FINE_LIMIT_ORGANISATION_FEN : SUMMARY_FINE_LIMIT_PERSON_FEN;
}

/** B1 — whether the 简易程序 (当场处罚) may be used (处罚法 Art. 51; 民法典 Art. 1259 for 「以下」). */
export function summaryProcedureAllowed(input: SummaryProcedureInput): RuleCheck {
  if (input.lawOverride) {
    return {
      allowed: input.lawOverride.allowed,
      lines: [b1(`法律另有规定，从其规定：${input.lawOverride.citation}`, `A specific law decides: ${input.lawOverride.citation}`)],
    };
  }
  const lines: RuleLine[] = [];
  if (!input.factsCertain) lines.push(b1('违法事实不确凿，不得适用简易程序', 'Facts are not certain'));
  if (!input.legalBasisPresent) lines.push(b1('无法定依据，不得适用简易程序', 'No legal basis'));
  const others = input.penalties.filter((p) => !SUMMARY_PENALTY_TYPES.has(p));
  if (others.length > 0)
    lines.push(b1(`处罚种类超出警告、罚款：${others.join('、')}`, `Penalty types beyond warning/fine: ${others.join(', ')}`));
  if (input.penalties.length === 0) lines.push(b1('未拟定处罚种类', 'No penalty proposed'));
  if (input.penalties.includes('fine')) {
    const fine = input.fineFen ?? Number.NaN;
    assertFen(fine, 'fineFen', 'B1');
    const limit = summaryFineLimitFen(input.partyType);
    if (fine > limit) {
      lines.push(
        b1(
          `罚款 ${fine / 100} 元超过当场处罚上限 ${limit / 100} 元（「以下」包括本数）`,
          `Fine ${fine / 100} yuan exceeds the ${limit / 100} yuan limit (inclusive)`,
          '行政处罚法 Art. 51; 民法典 Art. 1259',
        ),
      );
    }
  }
  if (lines.length > 0) return { allowed: false, lines };
  return { allowed: true, lines: [b1('符合当场作出行政处罚决定的条件', 'The summary procedure may be used')] };
}

export type OnTheSpotCollectionInput = {
  procedure: 'summary' | 'ordinary';
  fineFen: Fen;
  hardToEnforceLater: boolean;
  remoteArea: boolean;
  partyRequested: boolean;
  /** 财政部门统一制发的专用票据 number (Art. 70). */
  receiptNumber?: string;
};

/**
 * B4 — 当场收缴:
 * 处罚法 Art. 68: 「依照本法第五十一条的规定当场作出行政处罚决定，有下列情形之一，执法人员可以当场收缴罚款：
 * （一）依法给予一百元以下罚款的；（二）不当场收缴事后难以执行的。」
 * Art. 69: 在边远、水上、交通不便地区…经当事人提出，可以当场收缴 (after an Art. 51 or Art. 57 decision).
 * Art. 70: 「…不出具财政部门统一制发的专用票据的，当事人有权拒绝缴纳罚款。」
 */
export function onTheSpotCollectionAllowed(input: OnTheSpotCollectionInput): RuleCheck {
  assertFen(input.fineFen, 'fineFen', 'B4');
  const lines: RuleLine[] = [];
  const art68 = input.procedure === 'summary' && (input.fineFen <= ON_THE_SPOT_COLLECTION_LIMIT_FEN || input.hardToEnforceLater);
  const art69 = input.remoteArea && input.partyRequested;
  if (!art68 && !art69) {
    lines.push({
      ruleId: 'B4',
      article: '行政处罚法 Art. 68, Art. 69',
      textZh: '不符合当场收缴条件（简易程序且罚款一百元以下或事后难以执行；或边远、水上、交通不便地区经当事人提出）',
      textEn:
        'On-the-spot collection needs a summary decision with a fine ≤ 100 yuan or later enforcement being hard, or a remote area at the party’s request',
    });
  }
  if (!input.receiptNumber || input.receiptNumber.trim() === '') {
    lines.push({
      ruleId: 'B4',
      article: '行政处罚法 Art. 70',
      textZh: '当场收缴罚款必须出具财政部门统一制发的专用票据',
      textEn: 'A finance-department receipt number is required',
    });
  }
  if (lines.length > 0) return { allowed: false, lines };
  return {
    allowed: true,
    lines: [
      {
        ruleId: 'B4',
        article: art68 ? '行政处罚法 Art. 68' : '行政处罚法 Art. 69',
        textZh: '可以当场收缴罚款；应于二日内交至行政机关，行政机关二日内缴付指定银行（Art. 71）',
        textEn: 'Cash may be collected; hand in within 2 working days, bank deposit within 2 more (Art. 71)',
      },
    ],
  };
}
