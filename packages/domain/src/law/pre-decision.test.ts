import { describe, expect, it } from 'vitest';
import { SHANGHAI_DEFAULTS } from './config.ts';
import { hearingRightRequired, noHeavierPenalty } from './pre-decision.ts';

describe('D3 no heavier penalty after a statement (处罚法 Art. 45)', () => {
  const notice = { penalties: ['fine'] as const, fineFen: 100_000 };
  it('the same or a lighter decision is fine', () => {
    expect(noHeavierPenalty(notice, { penalties: ['fine'], fineFen: 100_000 }).allowed).toBe(true);
    expect(noHeavierPenalty(notice, { penalties: ['fine'], fineFen: 50_000 }).allowed).toBe(true);
  });
  it('a higher fine or an added penalty type needs a new notice', () => {
    const higher = noHeavierPenalty(notice, { penalties: ['fine'], fineFen: 100_001 });
    expect(higher.allowed).toBe(false);
    expect(higher.lines.map((l) => l.ruleId)).toEqual(['D3', 'D3']);
    expect(noHeavierPenalty(notice, { penalties: ['fine', 'confiscate_illegal_property'], fineFen: 100_000 }).allowed).toBe(false);
  });
});

describe('D4 hearing right (处罚法 Art. 63; thresholds from CONFIG)', () => {
  it('natural person: 5,000 yuan triggers (≥), 4,999.99 does not', () => {
    expect(hearingRightRequired({ partyType: 'natural_person', penalties: ['fine'], fineFen: 500_000 }, SHANGHAI_DEFAULTS).required).toBe(
      true,
    );
    expect(hearingRightRequired({ partyType: 'natural_person', penalties: ['fine'], fineFen: 499_999 }, SHANGHAI_DEFAULTS).required).toBe(
      false,
    );
  });
  it('organisation: 50,000 yuan', () => {
    expect(hearingRightRequired({ partyType: 'legal_person', penalties: ['fine'], fineFen: 4_999_999 }, SHANGHAI_DEFAULTS).required).toBe(
      false,
    );
    expect(hearingRightRequired({ partyType: 'other_org', penalties: ['fine'], fineFen: 5_000_000 }, SHANGHAI_DEFAULTS).required).toBe(
      true,
    );
  });
  it('licence revocation or closure always triggers, whatever the fine', () => {
    const r = hearingRightRequired({ partyType: 'legal_person', penalties: ['revoke_licence'] }, SHANGHAI_DEFAULTS);
    expect(r.required).toBe(true);
    expect(r.lines[0]?.article).toBe('行政处罚法 Art. 63');
  });
  it('large confiscations trigger; thresholds follow the configuration', () => {
    expect(
      hearingRightRequired(
        { partyType: 'natural_person', penalties: ['confiscate_illegal_gains'], confiscationFen: 600_000 },
        SHANGHAI_DEFAULTS,
      ).required,
    ).toBe(true);
    const config = { ...SHANGHAI_DEFAULTS, hearingThresholdFen: { ...SHANGHAI_DEFAULTS.hearingThresholdFen, natural_person: 200_000 } };
    expect(hearingRightRequired({ partyType: 'natural_person', penalties: ['fine'], fineFen: 200_000 }, config).required).toBe(true);
  });
});
