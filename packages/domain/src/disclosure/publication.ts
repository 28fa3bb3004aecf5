// I1 / I2 — 行政执法公示: which decisions are published and when they are withdrawn.
import type { DecisionOutcome } from '../law/decision.ts';
import { addYears, type LegalDate } from '../calendar/legal-date.ts';
import type { PartyType, PenaltyType, RuleLine } from '../law/types.ts';

/**
 * Penalties that alone do not make a decision public. 《上海市优化营商环境条例》 Art. 67:
 * 「按照简易程序作出的行政处罚和仅被处以警告、通报批评处罚的信息不予公示。」
 */
export const UNPUBLISHED_ONLY_PENALTIES: ReadonlySet<PenaltyType> = new Set(['warning', 'public_criticism']);

export type PublicationInput = {
  procedure: 'ordinary' | 'summary';
  outcome: DecisionOutcome;
  /** The penalty types decided (empty for a decision without penalty). */
  penalties: readonly PenaltyType[];
};

export type PublicationCheck = { publish: boolean; line: RuleLine };

const I1_ARTICLE = '国办发〔2018〕118号; 上海市优化营商环境条例 Art. 67';

/**
 * I1 — 国办发〔2018〕118号: 「行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开」 — for penalty
 * decisions of the ordinary procedure only: 沪营商 Art. 67 excludes 简易程序 decisions and decisions that are only
 * 警告 / 通报批评. A decision not to penalise (不予行政处罚, 处罚法 Art. 57(2)–(3)) or a transfer to the judiciary is no
 * penalty decision and is not published here.
 */
export function decisionMustBePublished(input: PublicationInput): PublicationCheck {
  if (input.procedure === 'summary') {
    return {
      publish: false,
      line: {
        ruleId: 'I1',
        article: '上海市优化营商环境条例 Art. 67',
        textZh: '按照简易程序作出的行政处罚信息不予公示',
        textEn: 'Summary-procedure penalties are not published',
      },
    };
  }
  if (input.outcome !== 'penalty') {
    return {
      publish: false,
      line: {
        ruleId: 'I1',
        article: I1_ARTICLE,
        textZh: '不予行政处罚或移送司法机关的决定不属于应当公示的行政处罚决定',
        textEn: 'A decision not to penalise (or a transfer) is not a penalty decision to publish',
      },
    };
  }
  if (input.penalties.length > 0 && input.penalties.every((p) => UNPUBLISHED_ONLY_PENALTIES.has(p))) {
    return {
      publish: false,
      line: {
        ruleId: 'I1',
        article: '上海市优化营商环境条例 Art. 67',
        textZh: '仅被处以警告、通报批评的行政处罚信息不予公示',
        textEn: 'Decisions that are only a warning or public criticism are not published',
      },
    };
  }
  return {
    publish: true,
    line: {
      ruleId: 'I1',
      article: I1_ARTICLE,
      textZh: '普通程序作出的行政处罚决定，应当自作出之日起在规定工作日内公示',
      textEn: 'An ordinary-procedure penalty decision is published within the configured working days',
    },
  };
}

/** I3 — 上海市优化营商环境条例 Art. 65: the administrative-penalty information of a 市场主体 is public for 3 years. */
export const BUSINESS_PUBLICATION_YEARS = 3;

/**
 * I3 — the last day a published decision stays on the public page: 3 years after publication for a business entity
 * (沪营商 Art. 65, 「公示期限为三年」); null (no statutory end) for a natural person.
 */
export function publicationEndsOn(publishedOn: LegalDate, partyType: PartyType): LegalDate | null {
  return partyType === 'natural_person' ? null : addYears(publishedOn, BUSINESS_PUBLICATION_YEARS);
}

/**
 * I2 — 处罚法 Art. 48: 「公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息
 * 并公开说明理由。」
 */
export const WITHDRAWAL_GROUNDS = ['changed', 'revoked', 'confirmed_illegal', 'confirmed_void'] as const;
export type WithdrawalGround = (typeof WITHDRAWAL_GROUNDS)[number];

export const WITHDRAWAL_GROUND_ZH: Record<WithdrawalGround, string> = {
  changed: '被依法变更',
  revoked: '被依法撤销',
  confirmed_illegal: '被确认违法',
  confirmed_void: '被确认无效',
};
