import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRiskOverride,
  checkRiskOverride,
  diffRiskGradings,
  gradeSubject,
  type RiskFacts,
  type RiskOverride,
  type SubjectEvent,
} from './risk-grading.ts';
import {
  ABCD_SCALE,
  checkRiskRuleSet,
  DEFAULT_RISK_RULE_SET,
  riskRuleSetInForce,
  SUBJECT_EVENT_TYPES,
  type RiskRuleSet,
} from './risk-rules.ts';

const AS_OF = '2026-12-04';
const SET = DEFAULT_RISK_RULE_SET;

function facts(events: SubjectEvent[] = [], overrides: Partial<RiskFacts> = {}): RiskFacts {
  return { subjectId: 'S1', kind: 'street_shop', licence: 'not_required', events, ...overrides };
}

const v = (date: string, ref: string): SubjectEvent => ({ type: 'violation', date, ref });

describe('the default rule set (local default, 三色管理)', () => {
  it('is a usable rule set marked as an unverified local default', () => {
    expect(checkRiskRuleSet(SET)).toEqual([]);
    expect(SET.mark).toBe('U');
    expect(SET.sourceZh).toContain('国办发〔2015〕58号');
    expect(SET.sourceZh).toContain('三色管理');
  });

  it('leaves a subject with nothing recent green (一般对象无事不扰)', () => {
    const g = gradeSubject(facts(), SET, AS_OF);
    expect(g).toMatchObject({ level: 'green', firedRuleId: null, evidence: [], inspectionsPerYear: 1 });
    expect(g.explanationZh).toContain('未触发任何规则');
  });

  it('raises to red on three violations in 12 months and names the rule and the cases', () => {
    const events = [v('2026-01-10', '案-001'), v('2026-05-02', '案-007'), v('2026-11-30', '案-020')];
    const g = gradeSubject(facts(events), SET, AS_OF);
    expect(g).toMatchObject({ level: 'red', firedRuleId: 'red-repeat-violations', inspectionsPerYear: 12 });
    expect(g.evidence).toEqual([expect.objectContaining({ eventRefs: ['案-001', '案-007', '案-020'] })]);
    expect(g.explanationZh).toBe('红色（重点监管）：符合规则“近12个月违法3次以上”——近12个月违法3次（规则：不少于3次）');
    expect(g.alsoMatchedRuleIds).toEqual(['yellow-violation']);
  });

  it('counts an event dated after asOf − N months, not one dated on it, and none after asOf', () => {
    const onEdge = v('2025-12-04', 'edge');
    const inside = v('2025-12-05', 'inside');
    const future = v('2026-12-05', 'future');
    const g = gradeSubject(facts([onEdge, inside, future]), SET, AS_OF);
    expect(g).toMatchObject({ level: 'yellow', firedRuleId: 'yellow-violation' });
    expect(g.evidence[0]!.eventRefs).toEqual(['inside']);
  });

  it('takes the highest level among the rules that hold, the first listed among equals', () => {
    const events: SubjectEvent[] = [
      { type: 'serious_violation', date: '2026-03-01', ref: 'S' },
      ...Array.from({ length: 5 }, (_, i) => ({ type: 'complaint' as const, date: '2026-10-0' + (i + 1), ref: `C${i}` })),
    ];
    const g = gradeSubject(facts(events), SET, AS_OF);
    expect(g.firedRuleId).toBe('red-serious-violation');
    expect(g.alsoMatchedRuleIds).toEqual(['red-many-complaints', 'yellow-complaints']);
  });

  it('uses the abnormal-list flag, the licence state and the subject kind', () => {
    expect(gradeSubject(facts([], { flags: { abnormalList: true } }), SET, AS_OF).explanationZh).toContain(
      '列入经营异常名录或严重失信名单：是',
    );
    expect(gradeSubject(facts([], { kind: 'construction_site', licence: 'expired' }), SET, AS_OF).firedRuleId).toBe('red-no-valid-licence');
    expect(gradeSubject(facts([], { kind: 'construction_site', licence: 'valid' }), SET, AS_OF).firedRuleId).toBe('yellow-key-kind');
    expect(gradeSubject(facts([], { kind: 'restaurant_fume', licence: 'expiring' }), SET, AS_OF).firedRuleId).toBe(
      'yellow-licence-expiring',
    );
  });

  it('never grades lower when an event is added (property: the default rules only count upwards)', () => {
    const eventArb = fc.record({
      type: fc.constantFrom(...SUBJECT_EVENT_TYPES.filter((t) => t !== 'passed_inspection')),
      date: fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2024, 6, 1) + d * 86_400_000).toISOString().slice(0, 10)),
      ref: fc.uuid(),
    });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 12 }), eventArb, (events, extra) => {
        const before = gradeSubject(facts(events), SET, AS_OF);
        const after = gradeSubject(facts([...events, extra]), SET, AS_OF);
        expect(after.levelRank).toBeLessThanOrEqual(before.levelRank);
      }),
    );
  });
});

describe('rule data', () => {
  it('works with another scale and thresholds given as data (A/B/C/D)', () => {
    const abcd: RiskRuleSet = {
      ...SET,
      id: 'abcd',
      scale: ABCD_SCALE,
      defaultLevel: 'A',
      rules: [
        {
          id: 'd',
          level: 'D',
          descriptionZh: '近3个月违法2次以上',
          when: [{ fact: 'event_count', event: 'violation', withinMonths: 3, atLeast: 2 }],
        },
        {
          id: 'b-clean-site',
          level: 'B',
          descriptionZh: '建筑工地且近24个月无违法',
          when: [
            { fact: 'kind', in: ['construction_site'] },
            { fact: 'event_count', event: 'violation', withinMonths: 24, atMost: 0 },
          ],
        },
      ],
    };
    expect(checkRiskRuleSet(abcd)).toEqual([]);
    expect(gradeSubject(facts([v('2026-10-01', 'a'), v('2026-11-01', 'b')]), abcd, AS_OF).level).toBe('D');
    const clean = gradeSubject(facts([], { kind: 'construction_site' }), abcd, AS_OF);
    expect(clean).toMatchObject({ level: 'B', levelLabelZh: 'B级（一般风险）', inspectionsPerYear: 2 });
    expect(clean.explanationZh).toContain('近24个月违法0次（规则：不超过0次）');
  });

  it('names the field of every problem in a rule set', () => {
    const bad: RiskRuleSet = {
      ...SET,
      defaultLevel: 'blue',
      rules: [
        { id: 'x', level: 'purple', descriptionZh: '', when: [] },
        { id: 'x', level: 'red', descriptionZh: '', when: [{ fact: 'event_count', event: 'violation', withinMonths: 0 }] },
      ],
    };
    expect(checkRiskRuleSet(bad).map((i) => i.field)).toEqual([
      'defaultLevel',
      'rules[0].level',
      'rules[0].when',
      'rules[1].id',
      'rules[1].when[0].withinMonths',
      'rules[1].when[0]',
    ]);
  });

  it('picks the version in force on a date', () => {
    const v2 = { ...SET, version: '2027.1', effectiveFrom: '2027-01-01' };
    expect(riskRuleSetInForce([v2, SET], '2026-12-31')?.version).toBe('2026.1');
    expect(riskRuleSetInForce([v2, SET], '2027-01-01')?.version).toBe('2027.1');
    expect(riskRuleSetInForce([v2, SET], '2025-06-01')).toBeNull();
  });
});

describe('diffRiskGradings (风险等级升降 with its reason)', () => {
  it('explains a rise by the rule and the new cases', () => {
    const before = gradeSubject(facts([v('2026-05-02', '案-007')]), SET, '2026-06-01');
    const after = gradeSubject(facts([v('2026-05-02', '案-007'), v('2026-06-10', '案-011'), v('2026-07-01', '案-015')]), SET, '2026-07-02');
    const diff = diffRiskGradings(before, after);
    expect(diff).toMatchObject({ changed: true, direction: 'up', fromLevel: 'yellow', toLevel: 'red', eventsAdded: ['案-011', '案-015'] });
    expect(diff.reasonZh).toContain('升级：黄色（一般监管） → 红色（重点监管）');
    expect(diff.reasonZh).toContain('近12个月违法3次以上');
  });

  it('explains a fall by the records that left their window', () => {
    const events = [v('2026-01-10', '案-001')];
    const diff = diffRiskGradings(gradeSubject(facts(events), SET, '2026-12-04'), gradeSubject(facts(events), SET, '2027-01-11'));
    expect(diff).toMatchObject({ direction: 'down', toLevel: 'green', eventsDropped: ['案-001'] });
    expect(diff.reasonZh).toContain('不再作为评定依据的记录：案-001');
  });

  it('reports a change of rule-set version even when the level stays', () => {
    const g = gradeSubject(facts(), SET, AS_OF);
    const diff = diffRiskGradings(g, gradeSubject(facts(), { ...SET, version: '2027.1' }, AS_OF));
    expect(diff).toMatchObject({ changed: false, direction: 'same', ruleSetChanged: true });
  });
});

describe('manual override (人工调整)', () => {
  const override: RiskOverride = {
    level: 'red',
    reasonZh: '区领导交办：周边居民集中反映油烟扰民',
    requestedBy: 'officer-1',
    approvedBy: 'leader-9',
    approvedAt: '2026-12-04T09:00:00+08:00',
    validUntil: '2027-03-31',
  };

  it('requires a reason and an approver who is not the requester', () => {
    expect(checkRiskOverride({ ...override, reasonZh: ' ', approvedBy: '' }, SET.scale).map((i) => i.field)).toEqual([
      'reasonZh',
      'approvedBy',
    ]);
    expect(checkRiskOverride({ ...override, approvedBy: 'officer-1' }, SET.scale)).toEqual([
      { field: 'approvedBy', messageZh: '审批人不能是申请人本人' },
    ]);
    expect(applyRiskOverride(gradeSubject(facts(), SET, AS_OF), { ...override, level: 'blue' }, SET)).toMatchObject({
      ok: false,
      issues: [{ field: 'level' }],
    });
  });

  it('sets the level, keeps the computed one and says both', () => {
    const result = applyRiskOverride(gradeSubject(facts(), SET, AS_OF), override, SET);
    expect(result).toMatchObject({ ok: true, grading: { level: 'red', computedLevel: 'green', inspectionsPerYear: 12, override } });
    expect(result.ok && result.grading.explanationZh).toContain('人工调整（理由：区领导交办');
  });

  it('no longer applies after its last day', () => {
    const later = gradeSubject(facts(), SET, '2027-04-01');
    expect(applyRiskOverride(later, override, SET)).toEqual({ ok: true, grading: later });
  });
});
