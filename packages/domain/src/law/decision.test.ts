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
