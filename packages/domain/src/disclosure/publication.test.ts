import { describe, expect, it } from 'vitest';
import { SHANGHAI_DEFAULTS } from '../law/config.ts';
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
  it('I3: a natural person is public for the configured period (default 2 years, P), never without end', () => {
    expect(publicationEndsOn('2026-03-02', 'natural_person')).toBe('2028-03-02');
    expect(publicationEndsOn('2026-03-02', 'natural_person', SHANGHAI_DEFAULTS)).toBe('2028-03-02');
    expect(SHANGHAI_DEFAULTS.sources.naturalPersonPublicationYears.mark).toBe('P');
    const oneYear = { ...SHANGHAI_DEFAULTS, naturalPersonPublicationYears: 1 };
    expect(publicationEndsOn('2026-03-02', 'natural_person', oneYear)).toBe('2027-03-02');
    expect(publicationEndsOn('2026-03-02', 'legal_person', oneYear)).toBe('2029-03-02');
  });
  it('I3: a 个体工商户 is a 经营主体: 3 years like a business (沪营商 Art. 65; 市场主体登记管理条例 Art. 2(四))', () => {
    expect(publicationEndsOn('2026-03-02', 'individual_business')).toBe('2029-03-02');
    expect(SHANGHAI_DEFAULTS.sources.businessPublicationYears).toMatchObject({ mark: 'V' });
    expect(publicationEndsOn('2026-03-02', 'individual_business', { ...SHANGHAI_DEFAULTS, businessPublicationYears: 5 })).toBe(
      '2031-03-02',
    );
  });
});
