// 移送 (case transfer) grounds and the legal basis a 移送函 cites. The case machine's `transfer` step (C5 guard in
// cases/case.guards.steps.ts) takes the receiving body, reason and basis; these are the grounds the console offers.

export const TRANSFER_GROUNDS = ['other_region', 'other_authority', 'judicial'] as const;
export type TransferGround = (typeof TRANSFER_GROUNDS)[number];

export type TransferBasis = {
  ground: TransferGround;
  ruleId: string;
  kind: 'other_agency' | 'judicial';
  basisZh: string;
  verification: 'V' | 'P';
};

/**
 * - other_region (C5): jurisdiction lies with the agency of the place of the act (处罚法 Art. 22) — e.g. 长三角 cases
 *   whose act happened in 江苏 / 浙江 / 安徽; the case goes with its goods and the receiver reports back (沪条例 Art. 28).
 * - other_authority (5.1.13): the matter is outside the 城管 remit (沪条例 Art. 11) and belongs to another department.
 * - judicial (1.1.14): a suspected crime goes to the judicial organs (处罚法 Art. 27).
 */
export const TRANSFER_BASES: Record<TransferGround, TransferBasis> = {
  other_region: {
    ground: 'other_region',
    ruleId: 'C5',
    kind: 'other_agency',
    basisZh: '《中华人民共和国行政处罚法》第二十二条；《上海市城市管理行政执法条例》第二十八条',
    verification: 'V',
  },
  other_authority: {
    ground: 'other_authority',
    ruleId: '5.1.13',
    kind: 'other_agency',
    basisZh: '《上海市城市管理行政执法条例》第十一条、第二十八条',
    verification: 'V',
  },
  judicial: {
    ground: 'judicial',
    ruleId: '1.1.14',
    kind: 'judicial',
    basisZh: '《中华人民共和国行政处罚法》第二十七条',
    verification: 'V',
  },
};

/** The provinces of the 长三角 cooperation (seeds 001, 002: 一市三省). */
export const YANGTZE_DELTA_REGIONS = ['上海市', '江苏省', '浙江省', '安徽省'] as const;

/** The basis a letter cites for a ground. */
export function transferBasisFor(ground: TransferGround): TransferBasis {
  return TRANSFER_BASES[ground];
}
