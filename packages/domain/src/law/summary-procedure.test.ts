import { describe, expect, it } from 'vitest';
import { LegalInputError } from './errors.ts';
import { summaryRemedyText } from './remedy.ts';
import { onTheSpotCollectionAllowed, summaryProcedureAllowed } from './summary-procedure.ts';

const base = { factsCertain: true, legalBasisPresent: true } as const;

describe('B1 summary procedure (处罚法 Art. 51; 民法典 Art. 1259)', () => {
  it('natural person: 200.00 yuan is allowed, 200.01 is not', () => {
    expect(summaryProcedureAllowed({ ...base, partyType: 'natural_person', penalties: ['fine'], fineFen: 20_000 }).allowed).toBe(true);
    const over = summaryProcedureAllowed({ ...base, partyType: 'natural_person', penalties: ['fine'], fineFen: 20_001 });
    expect(over.allowed).toBe(false);
    expect(over.lines[0]?.article).toContain('民法典 Art. 1259');
  });

  it('legal person or other organisation: 3,000.00 allowed, 3,000.01 not', () => {
    expect(summaryProcedureAllowed({ ...base, partyType: 'legal_person', penalties: ['fine'], fineFen: 300_000 }).allowed).toBe(true);
    expect(summaryProcedureAllowed({ ...base, partyType: 'other_org', penalties: ['fine'], fineFen: 300_001 }).allowed).toBe(false);
  });

  it('a warning alone is always allowed; other penalty types never', () => {
    expect(summaryProcedureAllowed({ ...base, partyType: 'legal_person', penalties: ['warning'] }).allowed).toBe(true);
    const confiscation = summaryProcedureAllowed({
      ...base,
      partyType: 'natural_person',
      penalties: ['fine', 'confiscate_illegal_property'],
      fineFen: 5_000,
    });
    expect(confiscation.allowed).toBe(false);
  });

  it('needs certain facts and a legal basis, and a law can override', () => {
    expect(
      summaryProcedureAllowed({ partyType: 'natural_person', penalties: ['warning'], factsCertain: false, legalBasisPresent: true })
        .allowed,
    ).toBe(false);
    expect(
      summaryProcedureAllowed({ partyType: 'natural_person', penalties: ['warning'], factsCertain: true, legalBasisPresent: false })
        .allowed,
    ).toBe(false);
    const override = summaryProcedureAllowed({
      ...base,
      partyType: 'natural_person',
      penalties: ['fine'],
      fineFen: 50_000,
      lawOverride: { allowed: true, citation: '某法第X条' },
    });
    expect(override.allowed).toBe(true);
  });

  it('a fine without an amount is bad input naming the field', () => {
    expect(() => summaryProcedureAllowed({ ...base, partyType: 'natural_person', penalties: ['fine'] })).toThrow(LegalInputError);
  });
});

describe('B3 remedy text of an on-the-spot decision (复议法 Art. 23)', () => {
  it('states review first, to the district government', () => {
    const text = summaryRemedyText({ level: 'district', districtName: '上海市黄浦区' });
    expect(text.textZh).toContain('应当先');
    expect(text.textZh).toContain('上海市黄浦区人民政府');
    expect(text.line.ruleId).toBe('B3');
  });
});

describe('B4 on-the-spot collection (处罚法 Arts. 68–70)', () => {
  const ok = {
    procedure: 'summary',
    fineFen: 10_000,
    hardToEnforceLater: false,
    remoteArea: false,
    partyRequested: false,
    receiptNumber: 'No.0001',
  } as const;

  it('allowed for a summary fine ≤ 100 yuan with a receipt', () => {
    expect(onTheSpotCollectionAllowed(ok).allowed).toBe(true);
    expect(onTheSpotCollectionAllowed({ ...ok, fineFen: 10_001 }).allowed).toBe(false);
  });
  it('allowed above 100 yuan when hard to enforce later, or in a remote area at the party’s request', () => {
    expect(onTheSpotCollectionAllowed({ ...ok, fineFen: 20_000, hardToEnforceLater: true }).allowed).toBe(true);
    expect(
      onTheSpotCollectionAllowed({ ...ok, procedure: 'ordinary', fineFen: 500_000, remoteArea: true, partyRequested: true }).allowed,
    ).toBe(true);
    expect(onTheSpotCollectionAllowed({ ...ok, procedure: 'ordinary', fineFen: 5_000 }).allowed).toBe(false);
  });
  it('always needs the special receipt (Art. 70)', () => {
    const noReceipt = onTheSpotCollectionAllowed({ ...ok, receiptNumber: '' });
    expect(noReceipt.allowed).toBe(false);
    expect(noReceipt.lines[0]?.article).toBe('行政处罚法 Art. 70');
  });
});
