import { describe, expect, it } from 'vitest';
import { SHANGHAI_DEFAULTS } from './config.ts';
import {
  DECISION_OUTCOMES,
  chooseNormWithHighestMaxFine,
  collectiveDeliberationRequired,
  fineAllowedForAct,
  isDecisionOutcome,
  legalReviewRequired,
} from './decision.ts';
import { LegalInputError } from './errors.ts';
import { hearingRightRequired } from './pre-decision.ts';

const none = { majorPublicInterest: false, majorRightsAfterHearing: false, complexMultipleLegalRelationships: false };

describe('E1 legal review (处罚法 Art. 58 + Shanghai additions)', () => {
  it('national triggers', () => {
    expect(legalReviewRequired(none, SHANGHAI_DEFAULTS).required).toBe(false);
    expect(legalReviewRequired({ ...none, majorPublicInterest: true }, SHANGHAI_DEFAULTS).required).toBe(true);
    expect(legalReviewRequired({ ...none, lawRequires: '某条例第X条' }, SHANGHAI_DEFAULTS).required).toBe(true);
  });
  it('Shanghai: a 5,000-yuan fine on a person after a waived hearing needs review; off when not configured', () => {
    const input = { ...none, partyType: 'natural_person', penalties: ['fine'], fineFen: 500_000, hearingHeldOrWaived: true } as const;
    const r = legalReviewRequired(input, SHANGHAI_DEFAULTS);
    expect(r.required).toBe(true);
    expect(r.lines[0]?.article).toContain('重大执法决定法制审核办法');
    expect(legalReviewRequired(input, { ...SHANGHAI_DEFAULTS, shanghaiLegalReviewAdditions: false }).required).toBe(false);
  });
  it('E1: every penalty type that carries the hearing right (Art. 63 (三)(四)) needs review after a held or waived hearing', () => {
    for (const p of ['lower_qualification', 'revoke_licence', 'order_suspension', 'order_closure', 'restrict_practice'] as const) {
      const input = { ...none, partyType: 'legal_person', penalties: [p], hearingHeldOrWaived: true } as const;
      expect(legalReviewRequired(input, SHANGHAI_DEFAULTS).required, p).toBe(true);
      expect(hearingRightRequired(input, SHANGHAI_DEFAULTS).required, p).toBe(true);
      expect(legalReviewRequired({ ...input, hearingHeldOrWaived: false }, SHANGHAI_DEFAULTS).required, p).toBe(false);
    }
  });
  it('E1: penalties without a hearing right (warning, 暂扣, 限制开展生产经营活动, a small fine) need no review', () => {
    for (const p of ['warning', 'public_criticism', 'suspend_licence', 'restrict_business'] as const) {
      const input = { ...none, partyType: 'legal_person', penalties: [p], hearingHeldOrWaived: true } as const;
      expect(legalReviewRequired(input, SHANGHAI_DEFAULTS).required, p).toBe(false);
    }
    const small = { ...none, partyType: 'natural_person', penalties: ['fine'], fineFen: 499_999, hearingHeldOrWaived: true } as const;
    expect(legalReviewRequired(small, SHANGHAI_DEFAULTS).required).toBe(false);
  });
  it('E1: a confiscation counts only from the configured 「相应数额」 (confiscationHearingThresholdFen)', () => {
    const conf = (partyType: 'natural_person' | 'legal_person', confiscationFen: number) =>
      ({
        ...none,
        partyType,
        penalties: ['confiscate_illegal_property'],
        confiscationFen,
        hearingHeldOrWaived: true,
      }) as const;
    expect(legalReviewRequired(conf('natural_person', 499_999), SHANGHAI_DEFAULTS).required).toBe(false);
    expect(legalReviewRequired(conf('natural_person', 500_000), SHANGHAI_DEFAULTS).required).toBe(true);
    expect(legalReviewRequired(conf('legal_person', 4_999_999), SHANGHAI_DEFAULTS).required).toBe(false);
    expect(legalReviewRequired(conf('legal_person', 5_000_000), SHANGHAI_DEFAULTS).required).toBe(true);
    const lower = {
      ...SHANGHAI_DEFAULTS,
      confiscationHearingThresholdFen: { ...SHANGHAI_DEFAULTS.confiscationHearingThresholdFen, natural_person: 100_000 },
    };
    expect(legalReviewRequired(conf('natural_person', 100_000), lower).required).toBe(true);
  });
  it('E1 and D4 agree: review after a held or waived hearing iff the penalty carries the hearing right', () => {
    const penaltySets = [
      ['fine'],
      ['fine', 'confiscate_illegal_gains'],
      ['confiscate_illegal_property'],
      ['warning'],
      ['fine', 'revoke_licence'],
      ['suspend_licence'],
      ['order_closure'],
    ] as const;
    const config = {
      ...SHANGHAI_DEFAULTS,
      hearingThresholdFen: { natural_person: 300_000, legal_person: 2_000_000, other_org: 1_000_000 },
      confiscationHearingThresholdFen: { natural_person: 200_000, legal_person: 3_000_000, other_org: 1_000_000 },
    };
    for (const partyType of ['natural_person', 'legal_person', 'other_org'] as const) {
      for (const penalties of penaltySets) {
        for (const amount of [0, 199_999, 200_000, 300_000, 1_000_000, 2_000_000, 3_000_000]) {
          const p = { partyType, penalties, fineFen: amount, confiscationFen: amount };
          const d4 = hearingRightRequired(p, config).required;
          expect(legalReviewRequired({ ...none, ...p, hearingHeldOrWaived: true }, config).required).toBe(d4);
        }
      }
    }
  });
  it('Shanghai: 减轻, demolition of a completed building, transfer, enforcement decisions (not surcharges)', () => {
    expect(legalReviewRequired({ ...none, reducedPenalty: true }, SHANGHAI_DEFAULTS).required).toBe(true);
    expect(legalReviewRequired({ ...none, demolitionOfCompletedBuilding: true }, SHANGHAI_DEFAULTS).required).toBe(true);
    expect(legalReviewRequired({ ...none, transferForSuspectedCrime: true }, SHANGHAI_DEFAULTS).required).toBe(true);
    expect(legalReviewRequired({ ...none, enforcementDecision: 'other' }, SHANGHAI_DEFAULTS).required).toBe(true);
    expect(legalReviewRequired({ ...none, enforcementDecision: 'surcharge' }, SHANGHAI_DEFAULTS).required).toBe(false);
  });
});

describe('E2 collective deliberation (处罚法 Art. 57 para. 2; CONFIG major-case rule)', () => {
  it('complex cases, fines at the configured level and licence penalties', () => {
    expect(
      collectiveDeliberationRequired({ complex: true, partyType: 'natural_person', penalties: ['warning'] }, SHANGHAI_DEFAULTS).required,
    ).toBe(true);
    expect(
      collectiveDeliberationRequired(
        { complex: false, partyType: 'legal_person', penalties: ['fine'], fineFen: 5_000_000 },
        SHANGHAI_DEFAULTS,
      ).required,
    ).toBe(true);
    expect(
      collectiveDeliberationRequired(
        { complex: false, partyType: 'legal_person', penalties: ['fine'], fineFen: 4_999_999 },
        SHANGHAI_DEFAULTS,
      ).required,
    ).toBe(false);
    expect(
      collectiveDeliberationRequired({ complex: false, partyType: 'legal_person', penalties: ['order_suspension'] }, SHANGHAI_DEFAULTS)
        .required,
    ).toBe(true);
  });
});

describe('E3 decision outcomes (处罚法 Art. 57)', () => {
  it('has exactly the four statutory outcomes', () => {
    expect(DECISION_OUTCOMES).toHaveLength(4);
    expect(isDecisionOutcome('no_penalty_minor')).toBe(true);
    expect(isDecisionOutcome('settled')).toBe(false);
  });
});

describe('E6 one fine per act (处罚法 Art. 29)', () => {
  it('a second fine for the same act is barred', () => {
    expect(fineAllowedForAct(0).allowed).toBe(true);
    expect(fineAllowedForAct(1).allowed).toBe(false);
    expect(() => fineAllowedForAct(-1)).toThrow(LegalInputError);
  });
  it('several norms: the highest maximum fine governs', () => {
    const { norm, line } = chooseNormWithHighestMaxFine([
      { provision: '市容条例 Art. X', maxFineFen: 100_000 },
      { provision: '生活垃圾条例 Art. 57', maxFineFen: 5_000_000 },
    ]);
    expect(norm.provision).toBe('生活垃圾条例 Art. 57');
    expect(line.ruleId).toBe('E6');
    expect(() => chooseNormWithHighestMaxFine([])).toThrow(/norms/);
  });
});
