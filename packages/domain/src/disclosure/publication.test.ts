import { describe, expect, it } from 'vitest';
import { decisionMustBePublished, publicationEndsOn } from './publication.ts';

describe('I1 which decisions are published (国办发〔2018〕118号; 沪营商 Art. 67)', () => {
  it('I1 an ordinary-procedure fine is published', () => {
    const r = decisionMustBePublished({ procedure: 'ordinary', outcome: 'penalty', penalties: ['fine'] });
    expect(r.publish).toBe(true);
    expect(r.line.ruleId).toBe('I1');
  });

  it('I1 a summary-procedure decision is not published (沪营商 Art. 67)', () => {
    const r = decisionMustBePublished({ procedure: 'summary', outcome: 'penalty', penalties: ['fine'] });
    expect(r.publish).toBe(false);
    expect(r.line.article).toContain('Art. 67');
  });

  it('I1 a decision that is only a warning or public criticism is not published', () => {
    expect(decisionMustBePublished({ procedure: 'ordinary', outcome: 'penalty', penalties: ['warning'] }).publish).toBe(false);
    expect(decisionMustBePublished({ procedure: 'ordinary', outcome: 'penalty', penalties: ['warning', 'public_criticism'] }).publish).toBe(
      false,
    );
    expect(decisionMustBePublished({ procedure: 'ordinary', outcome: 'penalty', penalties: ['public_criticism'] }).line.textZh).toContain(
      '警告、通报批评',
    );
  });

  it('I1 a warning together with a fine is published', () => {
    expect(decisionMustBePublished({ procedure: 'ordinary', outcome: 'penalty', penalties: ['warning', 'fine'] }).publish).toBe(true);
    expect(decisionMustBePublished({ procedure: 'ordinary', outcome: 'penalty', penalties: ['confiscate_illegal_gains'] }).publish).toBe(
      true,
    );
  });

  it('I1 a decision not to penalise (不予处罚) or a transfer is not published', () => {
    for (const outcome of ['no_penalty_minor', 'no_penalty_facts_not_established', 'transfer_judicial'] as const) {
      expect(decisionMustBePublished({ procedure: 'ordinary', outcome, penalties: [] }).publish).toBe(false);
    }
  });
});

describe('I3 publication period (沪营商 Art. 65)', () => {
  it('I3: a business entity is public for 3 years from publication; the end of February is kept (民法典 Art. 203)', () => {
    expect(publicationEndsOn('2026-03-02', 'legal_person')).toBe('2029-03-02');
    expect(publicationEndsOn('2028-02-29', 'other_org')).toBe('2031-02-28');
  });
  it('I3: no statutory end for a natural person', () => {
    expect(publicationEndsOn('2026-03-02', 'natural_person')).toBeNull();
  });
});
