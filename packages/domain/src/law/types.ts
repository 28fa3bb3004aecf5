// Shared vocabulary of the legal engine. Money is integer fen (分) everywhere.
import type { LegalDate } from '../calendar/legal-date.ts';

export type Fen = number;

/** party.type (LEGAL-RULES.md §10 conventions). */
export type PartyType = 'natural_person' | 'legal_person' | 'other_org';

/** 行政处罚法 Art. 9 penalty types, as used by 城管. */
export type PenaltyType =
  | 'warning' // 警告
  | 'public_criticism' // 通报批评
  | 'fine' // 罚款
  | 'confiscate_illegal_gains' // 没收违法所得
  | 'confiscate_illegal_property' // 没收非法财物
  | 'suspend_licence' // 暂扣许可证件
  | 'lower_qualification' // 降低资质等级
  | 'revoke_licence' // 吊销许可证件
  | 'restrict_business' // 限制开展生产经营活动
  | 'order_suspension' // 责令停产停业
  | 'order_closure' // 责令关闭
  | 'restrict_practice'; // 限制从业

/** The legal ground of a computed answer. */
export type LegalBasis = { ruleId: string; articles: string[]; text: string };

/** One line of reasoning shown to the officer; every line cites its rule ID and article. */
export type RuleLine = { ruleId: string; article: string; textZh: string; textEn: string };

/** The answer of a yes/no rule with the lines that explain it. */
export type RuleCheck = { allowed: boolean; lines: RuleLine[] };

/** The answer of a rule that makes something required (a hearing right, a legal review …). */
export type RuleRequirement = { required: boolean; lines: RuleLine[] };

/** An inclusive date interval; `to` absent = still running. */
export type DateInterval = { from: LegalDate; to?: LegalDate };

export type FenRange = { minFen: Fen; maxFen: Fen };

export const PARTY_TYPES: readonly PartyType[] = ['natural_person', 'legal_person', 'other_org'];

export const ORGANISATION_PARTY_TYPES: ReadonlySet<PartyType> = new Set(['legal_person', 'other_org']);
