// I1 / I2 — 行政执法公示: which decisions are published and when they are withdrawn.
import type { DecisionOutcome } from '../law/decision.ts';
import { addYears, type LegalDate } from '../calendar/legal-date.ts';
import { SHANGHAI_DEFAULTS, type LegalConfig } from '../law/config.ts';
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

/**
 * Whose decision is published (I3): a natural person, a 个体工商户 — a 经营主体 run by a natural person (市场主体登记
 * 管理条例 Art. 2(四); recorded with its 统一社会信用代码 as an 其他组织) — or another organisation.
 */
export type PublicationSubject = PartyType | 'individual_business';

/**
 * I3 — the last day a published decision stays on the public page (inclusive), counted in years from publication
 * (民法典 Arts. 201–202):
 * - 经营主体 (法人, 其他组织 and 个体工商户): 沪营商 Art. 65 「有关政府部门应当按照规定将经营主体的行政处罚信息向社会公示，
 *   期限为三年」 — CONFIG.businessPublicationYears (V).
 * - natural persons: no statute sets a period. 个人信息保护法 Art. 19 (「个人信息的保存期限应当为实现处理目的所必要的最短
 *   时间」) and Art. 34 (state organs 「不得超出履行法定职责所必需的范围和限度」) rule out publishing without end, and a
 *   person is not kept public longer than a business. CONFIG.naturalPersonPublicationYears (P: 2 years, the natural-person
 *   period of a district rule implementing 国办发〔2018〕118号, LEGAL-RULES.md 8.6).
 */
export function publicationEndsOn(
  publishedOn: LegalDate,
  subject: PublicationSubject,
  config: Pick<LegalConfig, 'businessPublicationYears' | 'naturalPersonPublicationYears'> = SHANGHAI_DEFAULTS,
): LegalDate {
  const years = subject === 'natural_person' ? config.naturalPersonPublicationYears : config.businessPublicationYears;
  return addYears(publishedOn, years);
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
