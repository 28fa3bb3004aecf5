// Rules of 执法监督 and 考核: B5 (the automated case-file check reuses the case guards), the sampling draw, the review
// sheet, B7 (考核 never scores fines) and the proportionality alerts.
import { describe, expect, it } from 'vitest';
import { ctxOn, fine, OFFICER_A, OFFICER_B, reviewedCase } from '../cases/case.fixtures.ts';
import { checkCaseFile } from './case-file-check.ts';
import { drawSample, SamplingInputError } from './sampling.ts';
import { ReviewScoreError, scoreAgainstSheet } from './review-sheet.ts';
import { assertScoreItemsValid, ScoreConfigError, scoreCard, type ScoreItemConfig } from './scoring.ts';
import { proportionalityAlerts } from './proportionality.ts';

const SEED = '00'.repeat(31) + '01';
const records = (date: string) => [
  {
    id: 'r1',
    kind: 'inspection' as const,
    recordedOn: date,
    officers: [OFFICER_A, OFFICER_B],
    credentialsShown: true,
    officersSigned: true,
    partySigned: true,
    witnessSigned: false,
  },
];

describe('B5 automated case-file check', () => {
  it('B5 a reviewed case with its filing document passes the items it has reached; a missing number is a finding cited', () => {
    const s = reviewedCase(1_000);
    const ok = checkCaseFile(
      {
        snapshot: s,
        records: records('2025-09-01'),
        documents: [{ docType: 'filing', number: '沪浦城管立〔2025〕1号', issuedOn: '2025-09-02' }],
      },
      ctxOn('2025-09-11'),
    );
    expect(ok.findings).toEqual([]);
    expect(ok.score).toBe(ok.maxScore);
    expect(ok.items.find((i) => i.item === 'service')!.applies).toBe(false);

    const bad = checkCaseFile(
      { snapshot: s, records: records('2025-09-01'), documents: [{ docType: 'filing', number: null, issuedOn: '2025-09-02' }] },
      ctxOn('2025-09-11'),
    );
    expect(bad.findings.map((f) => [f.item, f.ruleId])).toEqual([['documents', 'A6']]);
    expect(bad.findings[0]!.citation).toBe('《中华人民共和国行政处罚法》第四十七条');
    expect(bad.score).toBe(bad.maxScore - 10);
  });

  it('B5 a 笔录 by one officer fails A1 through the same guard the step uses', () => {
    const one = [{ ...records('2025-09-01')[0]!, officers: [OFFICER_A] }];
    const r = checkCaseFile(
      { snapshot: reviewedCase(1_000), records: one, documents: [{ docType: 'filing', number: 'x1', issuedOn: '2025-09-02' }] },
      ctxOn('2025-09-11'),
    );
    expect(r.findings.map((f) => f.ruleId)).toContain('A1');
  });

  it('B5 a fine outside the discretion tier is a DISCRETION finding', () => {
    const s = {
      ...reviewedCase(1_000),
      proposal: { outcome: 'penalty' as const, penalty: fine(1_000), tierRange: { minFen: 5_000, maxFen: 20_000 } },
    };
    const r = checkCaseFile(
      { snapshot: s, records: records('2025-09-01'), documents: [{ docType: 'filing', number: 'x1', issuedOn: '2025-09-02' }] },
      ctxOn('2025-09-11'),
    );
    expect(r.findings.find((f) => f.item === 'discretion')?.ruleId).toBe('DISCRETION');
  });
});

describe('sampling', () => {
  const population = Array.from({ length: 40 }, (_, i) => ({
    id: `c${String(i).padStart(2, '0')}`,
    stratum: i < 30 ? 'a|ordinary' : 'b|summary',
  }));
  it('draws ceil(n × rate) per stratum, the same for the same seed in any input order', () => {
    const r = drawSample({ seedHex: SEED, population, defaultBasisPoints: 1_710 });
    expect(r.strata).toEqual([
      { stratum: 'a|ordinary', population: 30, basisPoints: 1_710, drawn: 6 },
      { stratum: 'b|summary', population: 10, basisPoints: 1_710, drawn: 2 },
    ]);
    expect(drawSample({ seedHex: SEED, population: [...population].reverse(), defaultBasisPoints: 1_710 }).ids).toEqual(r.ids);
    expect(drawSample({ seedHex: 'ff'.repeat(32), population, defaultBasisPoints: 1_710 }).ids).not.toEqual(r.ids);
  });
  it('refuses a sample larger than its population', () => {
    expect(() => drawSample({ seedHex: SEED, population, defaultBasisPoints: 0, size: 41 })).toThrow(SamplingInputError);
    expect(drawSample({ seedHex: SEED, population, defaultBasisPoints: 0, size: 40 }).ids).toHaveLength(40);
  });
});

describe('review sheet', () => {
  const sheet = [
    { code: 'facts', labelZh: '事实', labelEn: 'facts', maxPoints: 25 },
    { code: 'procedure', labelZh: '程序', labelEn: 'procedure', maxPoints: 25 },
  ];
  it('totals a full score and refuses a score outside the sheet', () => {
    expect(
      scoreAgainstSheet(sheet, [
        { code: 'facts', points: 20 },
        { code: 'procedure', points: 25 },
      ]),
    ).toEqual({ total: 45, max: 50 });
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ReviewScoreError).field;
      }
      return null;
    };
    expect(
      field(() =>
        scoreAgainstSheet(sheet, [
          { code: 'facts', points: 26 },
          { code: 'procedure', points: 1 },
        ]),
      ),
    ).toBe('scores.0.points');
    expect(field(() => scoreAgainstSheet(sheet, [{ code: 'x', points: 1 }]))).toBe('scores.0.code');
    expect(field(() => scoreAgainstSheet(sheet, [{ code: 'facts', points: 1 }]))).toBe('scores');
  });
});

describe('B7 考核 never scores fines', () => {
  const known = new Set(['case_file_quality', 'officer_complaints', 'fine_total']);
  const item = (source: string): ScoreItemConfig => ({
    code: 'x',
    labelZh: '项',
    labelEn: 'x',
    source,
    levels: ['officer'],
    maxPoints: 10,
  });
  it('B7 refuses a source that measures fines, fine income or case numbers, even when registered', () => {
    for (const source of ['fine_total', 'penalty_amount', 'case_count'])
      expect(() => assertScoreItemsValid([item(source)], new Set([...known, source]))).toThrow(ScoreConfigError);
    expect(() => assertScoreItemsValid([item('officer_complaints')], known)).not.toThrow();
  });
  it('B7 explains each line and leaves a source without data unscored', () => {
    const items: ScoreItemConfig[] = [
      { code: 'q', labelZh: '案卷质量', labelEn: 'quality', source: 'case_file_quality', levels: ['officer'], maxPoints: 40 },
      { code: 'c', labelZh: '投诉', labelEn: 'complaints', source: 'officer_complaints', levels: ['officer'], maxPoints: 15, perUnit: -5 },
      { code: 't', labelZh: '培训', labelEn: 'training', source: 'training', levels: ['officer'], maxPoints: 5 },
    ];
    const card = scoreCard('o1', items, (i) =>
      i.source === 'case_file_quality'
        ? { kind: 'ratio', value: 0.9, detailZh: '评查案卷2件', detailEn: '2 files' }
        : i.source === 'officer_complaints'
          ? { kind: 'count', value: 4, detailZh: '投诉查实4件', detailEn: '4 complaints' }
          : { kind: 'none', value: null, detailZh: '未接入', detailEn: 'not connected' },
    );
    expect(card.lines.map((l) => l.points)).toEqual([36, 0, null]);
    expect(card.lines[1]!.explanationZh).toBe('投诉查实4件：15 − 5 × 4 = 0 分（不低于0分）');
    expect(card).toMatchObject({ total: 36, max: 55 });
  });
});

describe('proportionality', () => {
  it('flags a squad whose fines leave the tier or the city’s fences for one offence', () => {
    const city = Array.from({ length: 12 }, (_, i) => ({
      caseId: `c${i}`,
      offenceCode: 'X',
      squadId: 'city',
      officerIds: [],
      fineFen: 20_000 + i * 100,
    }));
    const high = Array.from({ length: 3 }, (_, i) => ({
      caseId: `h${i}`,
      offenceCode: 'X',
      squadId: 's1',
      officerIds: ['o1'],
      fineFen: 200_000,
      tier: { minFen: 10_000, maxFen: 50_000 },
    }));
    const alerts = proportionalityAlerts([...city, ...high]);
    expect(alerts.map((a) => [a.level, a.subjectId])).toEqual([
      ['officer', 'o1'],
      ['squad', 's1'],
    ]);
    expect(alerts[1]!.outsideTier).toBe(3);
    expect(alerts[1]!.reasonsZh).toHaveLength(2);
  });
});
