import { describe, expect, it } from 'vitest';
import {
  educationFirst,
  firstViolationExemption,
  mandatoryMitigation,
  mandatoryNoPenalty,
  matchExemptionItems,
  type ExemptionItem,
} from './exemptions.ts';

const clean = {
  mentalIncapacityAtAct: false,
  minorViolation: false,
  correctedPromptly: false,
  harm: 'minor',
  provenNoFault: false,
} as const;

describe('E7 mandatory no-penalty (处罚法 Arts. 30, 31, 33)', () => {
  it('under 14 must not be punished; exactly 14 may be', () => {
    expect(mandatoryNoPenalty({ ...clean, ageAtAct: 13 }).required).toBe(true);
    expect(mandatoryNoPenalty({ ...clean, ageAtAct: 14 }).required).toBe(false);
  });
  it('minor + corrected promptly + no harm, and incapacity, each forbid a penalty and require education', () => {
    const r = mandatoryNoPenalty({ ...clean, minorViolation: true, correctedPromptly: true, harm: 'none' });
    expect(r.required).toBe(true);
    expect(r.lines.at(-1)?.textZh).toContain('教育');
    expect(mandatoryNoPenalty({ ...clean, mentalIncapacityAtAct: true }).required).toBe(true);
    expect(mandatoryNoPenalty({ ...clean, minorViolation: true, correctedPromptly: true, harm: 'minor' }).required).toBe(false);
  });
  it('proven absence of fault, unless a law says otherwise', () => {
    expect(mandatoryNoPenalty({ ...clean, provenNoFault: true }).required).toBe(true);
    expect(mandatoryNoPenalty({ ...clean, provenNoFault: true, noFaultRuleExcludedBy: '某法第X条' }).required).toBe(false);
  });
});

describe('E8 discretionary first-violation exemption (处罚法 Art. 33) and list items', () => {
  it('first + minor harm + corrected may be exempted; serious harm may not', () => {
    expect(firstViolationExemption({ firstViolation: true, correctedPromptly: true, harm: 'minor' }).allowed).toBe(true);
    expect(firstViolationExemption({ firstViolation: true, correctedPromptly: true, harm: 'serious' }).allowed).toBe(false);
    expect(firstViolationExemption({ firstViolation: false, correctedPromptly: true, harm: 'minor' }).allowed).toBe(false);
  });
  it('matches 免罚清单 items by all their conditions', () => {
    const item: ExemptionItem = {
      id: '4',
      provision: '《上海市市容环境卫生管理条例》第二十八条第一款第六项',
      descriptionZh: '占用道路、广场从事经营性车辆清洗，首次被发现的',
      conditions: ['first_discovery', 'corrected_promptly', 'no_harm'],
      effect: 'must_not_punish',
      source: '城市管理轻微违法违规行为免罚清单（2020）',
      verification: 'P',
    };
    expect(matchExemptionItems([item], { firstViolation: true, correctedPromptly: true, harm: 'none' })).toHaveLength(1);
    expect(matchExemptionItems([item], { firstViolation: false, correctedPromptly: true, harm: 'none' })).toHaveLength(0);
  });
});

describe('E9 mandatory mitigation (处罚法 Arts. 30, 32)', () => {
  it('ages 14–17 require 从轻/减轻; 18 does not', () => {
    expect(mandatoryMitigation({ ageAtAct: 14, art32Grounds: [] }).required).toBe(true);
    expect(mandatoryMitigation({ ageAtAct: 17, art32Grounds: [] }).required).toBe(true);
    expect(mandatoryMitigation({ ageAtAct: 18, art32Grounds: [] }).required).toBe(false);
  });
  it('any Art. 32 ground requires it; partial capacity only allows it', () => {
    const r = mandatoryMitigation({ art32Grounds: ['coerced_or_deceived'] });
    expect(r.required).toBe(true);
    expect(r.lines[0]?.article).toBe('行政处罚法 Art. 32');
    const partial = mandatoryMitigation({ art32Grounds: [], partialMentalCapacity: true });
    expect(partial.required).toBe(false);
    expect(partial.lines[0]?.article).toBe('行政处罚法 Art. 31');
  });
});

describe('E10 education first (沪条例 Art. 18)', () => {
  const base = {
    minorOrCurable: true,
    normRequiresDirectPenalty: false,
    normFinesOnlyAfterRefusal: false,
    correctionOrdered: false,
    refusedToCorrect: false,
  };
  it('a minor case needs an order to correct and a refusal before a penalty', () => {
    expect(educationFirst(base).allowed).toBe(false);
    expect(educationFirst({ ...base, correctionOrdered: true }).allowed).toBe(false);
    expect(educationFirst({ ...base, correctionOrdered: true, refusedToCorrect: true }).allowed).toBe(true);
  });
  it('norms that require a direct penalty skip it; 「拒不改正的，处…」 norms always need the refusal', () => {
    expect(educationFirst({ ...base, normRequiresDirectPenalty: true }).allowed).toBe(true);
    expect(educationFirst({ ...base, minorOrCurable: false, normFinesOnlyAfterRefusal: true }).allowed).toBe(false);
  });
});
