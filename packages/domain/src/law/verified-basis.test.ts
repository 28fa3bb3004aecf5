import { describe, expect, it } from 'vitest';
import {
  confirmationTextCheck,
  decisionBasisCheck,
  unverifiedBasis,
  withoutUnverifiedNote,
  type LawBasis,
  type LawBasisConfirmation,
} from './verified-basis.ts';

const verified: LawBasis = {
  offenceCode: 'X-1',
  offenceName: '个人混合投放生活垃圾，拒不改正',
  offenceMark: 'V',
  violatedProvision: '《上海市生活垃圾管理条例》第二十七条第一款',
  violatedMark: 'V',
  penaltyProvision: '《上海市生活垃圾管理条例》第五十七条第二款',
  penaltyMark: null,
};
const confirmation: LawBasisConfirmation = {
  confirmedOn: '2026-01-15',
  reviewerId: 'reviewer-1',
  offenceVersionId: 'v1',
  violatedProvision: '《上海市生活垃圾管理条例》第二十七条第一款',
  penaltyProvision: '《上海市生活垃圾管理条例》第五十七条第二款',
};

describe('E12 the basis of a decision is verified law (处罚法 Art. 38, 58, 59)', () => {
  it('E12: verified law prints as the library holds it', () => {
    const r = decisionBasisCheck(verified, 'v1');
    expect(r).toEqual({
      ok: true,
      violatedProvision: verified.violatedProvision,
      penaltyProvision: verified.penaltyProvision,
      confirmed: false,
    });
  });
  it('E12: an offence marked U, a linked provision marked U and text saying 未核实 are each unverified', () => {
    expect(unverifiedBasis({ ...verified, offenceMark: 'U' }).map((u) => u.part)).toEqual(['offence']);
    expect(unverifiedBasis({ ...verified, penaltyMark: 'U' }).map((u) => u.part)).toEqual(['penalty']);
    const text = { ...verified, violatedProvision: '《上海市生活垃圾管理条例》第57条第2款所指的分类投放规定（违则条号未核实）' };
    expect(unverifiedBasis(text)).toEqual([{ part: 'violated', text: text.violatedProvision }]);
    // P (partly verified) is not 未核实.
    expect(unverifiedBasis({ ...verified, offenceMark: 'P', violatedMark: 'P' })).toEqual([]);
  });
  it('E12: unverified law is refused naming the offence and the provision, citing Arts. 38, 58 and 59', () => {
    const basis = { ...verified, violatedProvision: '某规定（违则条号未核实）' };
    const r = decisionBasisCheck(basis, 'v1');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line.ruleId).toBe('E12');
    expect(r.line.article).toContain('Art. 59');
    expect(r.line.textZh).toContain('X-1');
    expect(r.line.textZh).toContain('某规定（违则条号未核实）');
    expect(r.line.article).toContain('Art. 38');
    // The Chinese citation is the refusal's (appended once from `article`), not repeated in the sentence.
    expect(r.line.textZh).not.toContain('第三十八条');
    expect(r.line.textEn).toContain('violated provision');
  });
  it('E12: a reviewer confirmation for this offence version lets the decision print the confirmed article', () => {
    const basis = { ...verified, violatedProvision: '某规定（违则条号未核实）' };
    const r = decisionBasisCheck(basis, 'v1', confirmation);
    expect(r).toEqual({
      ok: true,
      violatedProvision: confirmation.violatedProvision,
      penaltyProvision: confirmation.penaltyProvision,
      confirmed: true,
    });
    expect(JSON.stringify(r)).not.toContain('未核实');
  });
  it('E12: a confirmation of another offence version does not carry over', () => {
    expect(decisionBasisCheck({ ...verified, offenceMark: 'U' }, 'v2', confirmation).ok).toBe(false);
  });
  it('E12: the confirmed text must name an article, not be empty or still say 未核实', () => {
    expect(confirmationTextCheck(confirmation)).toEqual({ ok: true });
    const empty = confirmationTextCheck({ ...confirmation, violatedProvision: '  ' });
    expect(empty.ok === false && empty.field).toBe('violatedProvision');
    const still = confirmationTextCheck({ ...confirmation, penaltyProvision: '第57条（未核实）' });
    expect(still.ok === false && still.field).toBe('penaltyProvision');
    expect(still.ok === false && still.line.ruleId).toBe('E12');
  });
});

describe('withoutUnverifiedNote', () => {
  it("E12: drops the library's 「（…未核实）」 note and keeps every other parenthesis", () => {
    expect(withoutUnverifiedNote('《上海市生活垃圾管理条例》第57条第2款所指的分类投放规定（违则条号未核实）')).toBe(
      '《上海市生活垃圾管理条例》第57条第2款所指的分类投放规定',
    );
    expect(withoutUnverifiedNote('某条例（2019年修正）罚则条款（条号与幅度未核实）')).toBe('某条例（2019年修正）罚则条款');
    expect(withoutUnverifiedNote('《某法》第十条')).toBe('《某法》第十条');
    // What is left never trips the check of a confirmed text.
    expect(confirmationTextCheck({ violatedProvision: withoutUnverifiedNote('甲（未核实）'), penaltyProvision: '乙' }).ok).toBe(true);
  });
});
