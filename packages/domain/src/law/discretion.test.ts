import { describe, expect, it } from 'vitest';
import { SHANGHAI_DEFAULTS } from './config.ts';
import { calculateDiscretion, type DiscretionCircumstances, type DiscretionOffence, type OffenceVersion } from './discretion.ts';
import { LegalInputError } from './errors.ts';

// 生活垃圾管理条例 Art. 57 para. 2 (V): 个人混投 「拒不改正的，处五十元以上二百元以下罚款」. The tiers are a sample (U).
const PERSON_V2019: OffenceVersion = {
  versionId: 'waste-57-2@2019',
  effectiveFrom: '2019-07-01',
  illegal: true,
  minFineFen: 5_000,
  maxFineFen: 20_000,
  provision: '上海市生活垃圾管理条例 Art. 57 para. 2',
  penaltyTypes: ['fine'],
  tiers: [
    { level: 'reduced', labelZh: '减轻', requires: { mitigation: true }, range: { minFen: 0, maxFen: 5_000 } },
    { level: 'lighter', labelZh: '从轻', requires: { mitigation: true }, range: { minFen: 5_000, maxFen: 10_000 } },
    { level: 'standard', labelZh: '一般', requires: {}, range: { minFen: 10_000, maxFen: 15_000 } },
    {
      level: 'heavier',
      labelZh: '从重',
      requires: { aggravatingFactorsAny: ['多次违法', '拒不配合'] },
      range: { minFen: 15_000, maxFen: 20_000 },
    },
  ],
  exemptionItems: [],
};
const PERSON_OFFENCE: DiscretionOffence = { code: 'WASTE-57-2', nameZh: '个人未分类投放生活垃圾', versions: [PERSON_V2019] };

const ADULT = { type: 'natural_person', birthDate: '1990-03-01' } as const;
const PLAIN: DiscretionCircumstances = {
  actDate: '2025-09-26',
  decisionDate: '2025-10-10',
  firstViolation: false,
  correctedPromptly: false,
  minorViolation: false,
  harm: 'minor',
  art32Grounds: [],
  aggravatingFactors: [],
  mentalIncapacityAtAct: false,
  provenNoFault: false,
};

describe('discretion calculator', () => {
  it('standard case: tier, range, flags, version — every line cites a rule ID and an article', () => {
    const r = calculateDiscretion(PERSON_OFFENCE, ADULT, PLAIN, SHANGHAI_DEFAULTS);
    expect(r.outcome).toBe('penalty');
    expect(r.tier?.level).toBe('standard');
    expect(r.range).toEqual({ minFen: 10_000, maxFen: 15_000 });
    expect(r.summaryAllowed).toBe(true);
    expect(r.hearingRightRequired).toBe(false);
    expect(r.legalReviewRequired).toBe(false);
    expect(r.collectiveDeliberationRequired).toBe(false);
    expect(r.applicableVersion).toBe('waste-57-2@2019');
    expect(r.ageAtAct).toBe(35);
    for (const line of r.lines) {
      expect(line.ruleId).not.toBe('');
      expect(line.article).not.toBe('');
    }
    expect(r.lines.map((l) => l.ruleId)).toEqual(expect.arrayContaining(['ART37', 'ART34', 'B1', 'D4', 'E1', 'E2']));
  });

  it('aggravating factors pick the 从重 tier; 200 yuan is still within the summary limit (B1)', () => {
    const r = calculateDiscretion(PERSON_OFFENCE, ADULT, { ...PLAIN, aggravatingFactors: ['多次违法'] }, SHANGHAI_DEFAULTS);
    expect(r.tier?.level).toBe('heavier');
    expect(r.range.maxFen).toBe(20_000);
    expect(r.summaryAllowed).toBe(true);
  });

  it('E9: a 15-year-old gets the 从轻 tier', () => {
    const r = calculateDiscretion(PERSON_OFFENCE, { type: 'natural_person', birthDate: '2010-01-15' }, PLAIN, SHANGHAI_DEFAULTS);
    expect(r.ageAtAct).toBe(15);
    expect(r.tier?.level).toBe('lighter');
    expect(r.lines.some((l) => l.ruleId === 'E9' && l.article === '行政处罚法 Art. 30')).toBe(true);
  });

  it('E9 + Shanghai E1: choosing the 减轻 tier (only tier offered) requires legal review', () => {
    const onlyReduced: DiscretionOffence = {
      ...PERSON_OFFENCE,
      versions: [{ ...PERSON_V2019, tiers: PERSON_V2019.tiers.filter((t) => t.level !== 'lighter') }],
    };
    const r = calculateDiscretion(onlyReduced, ADULT, { ...PLAIN, art32Grounds: ['eliminated_or_reduced_harm'] }, SHANGHAI_DEFAULTS);
    expect(r.tier?.level).toBe('reduced');
    expect(r.legalReviewRequired).toBe(true);
  });

  it('E7: a 13-year-old must not be punished', () => {
    const r = calculateDiscretion(PERSON_OFFENCE, { type: 'natural_person', birthDate: '2012-01-15' }, PLAIN, SHANGHAI_DEFAULTS);
    expect(r.outcome).toBe('must_not_punish');
    expect(r.range).toEqual({ minFen: 0, maxFen: 0 });
    expect(r.lines.some((l) => l.ruleId === 'E7')).toBe(true);
  });

  it('E7: minor, corrected promptly and no harm must not be punished', () => {
    const r = calculateDiscretion(
      PERSON_OFFENCE,
      ADULT,
      { ...PLAIN, minorViolation: true, correctedPromptly: true, harm: 'none' },
      SHANGHAI_DEFAULTS,
    );
    expect(r.outcome).toBe('must_not_punish');
  });

  it('E8: a first violation with minor harm, corrected, may be exempted — the range is still given', () => {
    const r = calculateDiscretion(PERSON_OFFENCE, ADULT, { ...PLAIN, firstViolation: true, correctedPromptly: true }, SHANGHAI_DEFAULTS);
    expect(r.outcome).toBe('may_exempt');
    expect(r.range).toEqual({ minFen: 10_000, maxFen: 15_000 });
  });

  it('E8: a binding exemption-list item forbids the penalty', () => {
    const withItem: DiscretionOffence = {
      ...PERSON_OFFENCE,
      versions: [
        {
          ...PERSON_V2019,
          exemptionItems: [
            {
              id: '1',
              provision: 'Art. 57',
              descriptionZh: '首次被发现，责令改正后及时改正',
              conditions: ['first_discovery', 'corrected_promptly'],
              effect: 'must_not_punish',
              source: '免罚清单（示例）',
              verification: 'U',
            },
          ],
        },
      ],
    };
    const r = calculateDiscretion(withItem, ADULT, { ...PLAIN, firstViolation: true, correctedPromptly: true }, SHANGHAI_DEFAULTS);
    expect(r.outcome).toBe('must_not_punish');
    expect(r.lines.some((l) => l.ruleId === 'E8' && l.textZh.includes('免罚清单第1项'))).toBe(true);
  });

  it('C4: discovered after 2 years → must not punish', () => {
    const r = calculateDiscretion(
      PERSON_OFFENCE,
      ADULT,
      { ...PLAIN, actDate: '2022-05-01', discoveredOn: '2025-06-01', decisionDate: '2025-07-01' },
      SHANGHAI_DEFAULTS,
    );
    expect(r.outcome).toBe('must_not_punish');
    expect(r.lines.some((l) => l.ruleId === 'C4')).toBe(true);
  });

  it('Art. 37: a lighter version in force at the decision date governs the range', () => {
    const old: OffenceVersion = { ...PERSON_V2019, effectiveUntil: '2025-09-30' };
    const lighter: OffenceVersion = {
      ...PERSON_V2019,
      versionId: 'waste-57-2@2025-10',
      effectiveFrom: '2025-10-01',
      maxFineFen: 10_000,
      tiers: [{ level: 'standard', labelZh: '一般', requires: {}, range: { minFen: 5_000, maxFen: 10_000 } }],
    };
    const r = calculateDiscretion({ ...PERSON_OFFENCE, versions: [old, lighter] }, ADULT, PLAIN, SHANGHAI_DEFAULTS);
    expect(r.applicableVersion).toBe('waste-57-2@2025-10');
    expect(r.range).toEqual({ minFen: 5_000, maxFen: 10_000 });
  });

  it('Art. 37: a version repealed with no successor by the decision date — not punishable', () => {
    const repealed: OffenceVersion = { ...PERSON_V2019, effectiveUntil: '2025-09-30' };
    const r = calculateDiscretion({ ...PERSON_OFFENCE, versions: [repealed] }, ADULT, PLAIN, SHANGHAI_DEFAULTS);
    expect(r.outcome).toBe('must_not_punish');
    expect(r.range).toEqual({ minFen: 0, maxFen: 0 });
    expect(r.lines.at(-1)).toMatchObject({ ruleId: 'ART37', article: '行政处罚法 Art. 37' });
    expect(r.lines.at(-1)!.textZh).toContain('不再给予行政处罚');
  });

  it('Art. 37: a later version without the heavier kind applies even with a higher fine', () => {
    const old: OffenceVersion = { ...PERSON_V2019, effectiveUntil: '2025-09-30', penaltyTypes: ['fine', 'revoke_licence'] };
    const later: OffenceVersion = {
      ...PERSON_V2019,
      versionId: 'waste-57-2@2025-10',
      effectiveFrom: '2025-10-01',
      maxFineFen: 30_000,
      tiers: [{ level: 'standard', labelZh: '一般', requires: {}, range: { minFen: 5_000, maxFen: 30_000 } }],
    };
    const r = calculateDiscretion({ ...PERSON_OFFENCE, versions: [old, later] }, ADULT, PLAIN, SHANGHAI_DEFAULTS);
    expect(r.applicableVersion).toBe('waste-57-2@2025-10');
    expect(r.lines[0]!.textZh).toContain('处罚较轻');
  });

  it('organisation (Art. 57 para. 1, 5,000–50,000 yuan): flags at the proposed fine or the top of the range', () => {
    const org: DiscretionOffence = {
      code: 'WASTE-57-1',
      nameZh: '单位未分类投放生活垃圾',
      versions: [
        {
          ...PERSON_V2019,
          versionId: 'waste-57-1@2019',
          minFineFen: 500_000,
          maxFineFen: 5_000_000,
          tiers: [{ level: 'standard', labelZh: '一般', requires: {}, range: { minFen: 500_000, maxFen: 5_000_000 } }],
        },
      ],
    };
    const top = calculateDiscretion(org, { type: 'legal_person' }, PLAIN, SHANGHAI_DEFAULTS);
    expect(top.summaryAllowed).toBe(false);
    expect(top.hearingRightRequired).toBe(true);
    expect(top.legalReviewRequired).toBe(true);
    expect(top.collectiveDeliberationRequired).toBe(true);
    expect(top.ageAtAct).toBeNull();
    const proposed = calculateDiscretion(org, { type: 'legal_person' }, { ...PLAIN, proposedFineFen: 1_000_000 }, SHANGHAI_DEFAULTS);
    expect(proposed.hearingRightRequired).toBe(false);
    expect(proposed.legalReviewRequired).toBe(false);
    expect(() => calculateDiscretion(org, { type: 'legal_person' }, { ...PLAIN, proposedFineFen: 100 }, SHANGHAI_DEFAULTS)).toThrow(
      expect.objectContaining({
        code: 'FINE_OUTSIDE_RANGE',
        field: 'circumstances.proposedFineFen',
        // In 元 with two decimals, what is wrong and what to do (docs/ui-text.md); never fen.
        messageZh: expect.stringMatching(
          /^拟处罚款 1\.00 元不在本案适用的裁量幅度 [\d,]+\.00 元至 [\d,]+\.00 元之内，请在该幅度内重新填写拟处罚款$/,
        ) as unknown,
        message: expect.not.stringMatching(/fen/) as unknown,
      }),
    );
  });

  it('CHRONOLOGY: an act dated after its discovery is refused, naming circumstances.discoveredOn', () => {
    expect(() => calculateDiscretion(PERSON_OFFENCE, ADULT, { ...PLAIN, discoveredOn: '2025-09-25' }, SHANGHAI_DEFAULTS)).toThrow(
      expect.objectContaining({ field: 'circumstances.discoveredOn', ruleId: 'C4' }),
    );
  });

  it('a tier outside the statutory range is a typed error naming the field and the rule', () => {
    const bad: DiscretionOffence = {
      ...PERSON_OFFENCE,
      versions: [
        { ...PERSON_V2019, tiers: [{ level: 'heavier', labelZh: '从重', requires: {}, range: { minFen: 15_000, maxFen: 30_000 } }] },
      ],
    };
    try {
      calculateDiscretion(bad, ADULT, PLAIN, SHANGHAI_DEFAULTS);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LegalInputError);
      const e = error as LegalInputError;
      expect(e.code).toBe('TIER_OUTSIDE_STATUTORY_RANGE');
      expect(e.field).toBe('offence.versions[0].tiers[0].range');
      expect(e.ruleId).toBe('ART34');
    }
  });

  it('rejects a 减轻 tier above the statutory minimum and a birth date after the act', () => {
    const bad: DiscretionOffence = {
      ...PERSON_OFFENCE,
      versions: [{ ...PERSON_V2019, tiers: [{ level: 'reduced', labelZh: '减轻', requires: {}, range: { minFen: 0, maxFen: 6_000 } }] }],
    };
    expect(() => calculateDiscretion(bad, ADULT, PLAIN, SHANGHAI_DEFAULTS)).toThrow(
      expect.objectContaining({ messageZh: expect.stringMatching(/减轻档.*不高于法定最低罚款 50\.00 元/) as unknown }),
    );
    expect(() =>
      calculateDiscretion(PERSON_OFFENCE, { type: 'natural_person', birthDate: '2026-01-01' }, PLAIN, SHANGHAI_DEFAULTS),
    ).toThrow(/party.birthDate/);
  });
});
