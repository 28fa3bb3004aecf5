// E12 — the legal basis printed on a decision is law that was read. 行政处罚法 Art. 59 para. 1 (2): the 决定书 states
// 「违反法律、法规、规章的事实和证据」 and (3) 「行政处罚的种类和依据」; Art. 38: 「行政处罚没有依据…的，行政处罚无效」;
// Art. 58 para. 1 (3)(4) / para. 2: 法制审核 checks 「适用法律依据是否正确」. An offence or provision of the law library
// marked 未核实 (verification U, or an article number the library itself says it did not verify) never reaches a party
// on a decision, unless a legal reviewer confirmed, for that case, the article text to print.
import type { RuleLine } from './types.ts';

export type LawMark = 'V' | 'P' | 'U';

/** The words the library writes into a provision it did not check (e.g. 「（违则条号未核实）」). */
export const UNVERIFIED_WORDS = '未核实';

/** The library's own note of what it did not check, e.g. 「（违则条号未核实）」: a parenthesis holding 未核实. */
export const UNVERIFIED_NOTE_PATTERN = `（[^（）]*${UNVERIFIED_WORDS}[^（）]*）`;

/**
 * The library's wording without its 「（…未核实）」 note — what the demo data, the generator and the test fixtures'
 * legal reviewer confirm after reading the article (never an article number nobody checked).
 */
export function withoutUnverifiedNote(text: string): string {
  return text.replace(new RegExp(UNVERIFIED_NOTE_PATTERN, 'gu'), '').trim();
}

/** The offence version's legal basis as the library holds it, with the marks of the entries it links to. */
export type LawBasis = {
  offenceCode: string;
  offenceName: string;
  offenceMark: LawMark;
  violatedProvision: string;
  /** The mark of the linked 法条 row, null when the offence names the provision in text only. */
  violatedMark: LawMark | null;
  penaltyProvision: string;
  penaltyMark: LawMark | null;
};

/** What a legal reviewer confirmed for one case: the article texts that are printed instead of the library's. */
export type LawBasisConfirmation = {
  confirmedOn: string;
  reviewerId: string;
  /** The offence version whose basis was confirmed; a confirmation of another version does not carry over. */
  offenceVersionId: string;
  violatedProvision: string;
  penaltyProvision: string;
};

export type UnverifiedPart = 'offence' | 'violated' | 'penalty';

export type UnverifiedItem = { part: UnverifiedPart; text: string };

const PART_ZH: Record<UnverifiedPart, string> = { offence: '案由', violated: '违则', penalty: '罚则' };
const PART_EN: Record<UnverifiedPart, string> = { offence: 'offence', violated: 'violated provision', penalty: 'penalty provision' };

export const E12_ARTICLE = '行政处罚法 Art. 38, Art. 58, Art. 59';

/** Which parts of the basis are not verified: the offence marked U, a linked provision marked U, or text saying 未核实. */
export function unverifiedBasis(basis: LawBasis): UnverifiedItem[] {
  const items: UnverifiedItem[] = [];
  if (basis.offenceMark === 'U') items.push({ part: 'offence', text: basis.offenceName });
  if (basis.violatedMark === 'U' || basis.violatedProvision.includes(UNVERIFIED_WORDS))
    items.push({ part: 'violated', text: basis.violatedProvision });
  if (basis.penaltyMark === 'U' || basis.penaltyProvision.includes(UNVERIFIED_WORDS))
    items.push({ part: 'penalty', text: basis.penaltyProvision });
  return items;
}

export type BasisCheck =
  | { ok: true; violatedProvision: string; penaltyProvision: string; confirmed: boolean }
  | { ok: false; unverified: UnverifiedItem[]; line: RuleLine };

/**
 * E12: may a decision print this basis? Verified law prints as the library holds it; unverified law only with a
 * reviewer's confirmation made for this offence version, and then the confirmed texts are printed.
 */
export function decisionBasisCheck(basis: LawBasis, offenceVersionId: string, confirmation?: LawBasisConfirmation): BasisCheck {
  const unverified = unverifiedBasis(basis);
  if (unverified.length === 0)
    return { ok: true, violatedProvision: basis.violatedProvision, penaltyProvision: basis.penaltyProvision, confirmed: false };
  if (confirmation && confirmation.offenceVersionId === offenceVersionId)
    return {
      ok: true,
      violatedProvision: confirmation.violatedProvision,
      penaltyProvision: confirmation.penaltyProvision,
      confirmed: true,
    };
  const zh = unverified.map((u) => `${PART_ZH[u.part]}「${u.text}」`).join('、');
  const en = unverified.map((u) => `${PART_EN[u.part]} "${u.text}"`).join(', ');
  return {
    ok: false,
    unverified,
    line: {
      ruleId: 'E12',
      article: E12_ARTICLE,
      textZh: `案由 ${basis.offenceCode}（${basis.offenceName}）的${zh}未核实，不得据以作出处罚决定；须由法制审核人员就本案确认条文后方可作出决定`,
      textEn: `The ${en} of offence ${basis.offenceCode} (${basis.offenceName}) is not verified: no decision may rest on it until a legal reviewer confirms the article for this case`,
    },
  };
}

export type ConfirmationTextCheck = { ok: true } | { ok: false; field: 'violatedProvision' | 'penaltyProvision'; line: RuleLine };

/** A confirmed article text is the article itself: not empty, and not the library's own 「未核实」 wording again. */
export function confirmationTextCheck(c: Pick<LawBasisConfirmation, 'violatedProvision' | 'penaltyProvision'>): ConfirmationTextCheck {
  for (const field of ['violatedProvision', 'penaltyProvision'] as const) {
    const text = c[field].trim();
    if (text.length === 0 || text.includes(UNVERIFIED_WORDS)) {
      const zh = field === 'violatedProvision' ? '违则' : '罚则';
      return {
        ok: false,
        field,
        line: {
          ruleId: 'E12',
          article: E12_ARTICLE,
          textZh: `确认的${zh}条文须写明核对过的法名和条款，不得为空或仍写「未核实」`,
          textEn: `The confirmed ${field === 'violatedProvision' ? 'violated' : 'penalty'} provision must name the checked law and article, not be empty or still say it is unverified`,
        },
      };
    }
  }
  return { ok: true };
}
