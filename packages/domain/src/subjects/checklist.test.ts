import { describe, expect, it } from 'vitest';
import { combineVisit, scoreVisit, type InspectionMatter, type ItemResult, type VisitPlan, type VisitRecord } from './checklist.ts';

const LICENCE_SHOWN = { code: 'LICENCE_SHOWN', textZh: '证照公示', legalBasisZh: '市场主体登记管理条例', photo: 'when_failed' as const };

const STREET: InspectionMatter = {
  code: 'M-STREET',
  nameZh: '沿街商户市容环境',
  legalBasisZh: '上海市市容环境卫生管理条例',
  subjectKinds: ['street_shop', 'restaurant_fume'],
  items: [
    { code: 'NO_OUTSIDE_TRADING', textZh: '无跨门营业', legalBasisZh: '上海市市容环境卫生管理条例', photo: 'when_failed' },
    LICENCE_SHOWN,
  ],
};

const FUME: InspectionMatter = {
  code: 'M-FUME',
  nameZh: '餐饮油烟',
  legalBasisZh: '中华人民共和国大气污染防治法',
  subjectKinds: ['restaurant_fume'],
  items: [
    { code: 'FUME_PURIFIER', textZh: '油烟净化设施正常使用', legalBasisZh: '中华人民共和国大气污染防治法', photo: 'always' },
    { ...LICENCE_SHOWN, legalBasisZh: '食品安全法', photo: 'always' },
  ],
};

function planFor(matters: InspectionMatter[]): VisitPlan {
  const r = combineVisit({ subjectId: 'S1', subjectKind: 'restaurant_fume', inspectorIds: ['P1', 'P2'], matters });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
}

describe('combineVisit (综合查一次: one team, one visit, every matter)', () => {
  it('checks an item shared by two matters once, with both bases and the stricter photo rule', () => {
    const plan = planFor([STREET, FUME]);
    expect(plan.matterCodes).toEqual(['M-FUME', 'M-STREET']);
    expect(plan.items.map((i) => i.code)).toEqual(['FUME_PURIFIER', 'LICENCE_SHOWN', 'NO_OUTSIDE_TRADING']);
    expect(plan.items[1]).toEqual({
      code: 'LICENCE_SHOWN',
      textZh: '证照公示',
      legalBasesZh: ['食品安全法', '市场主体登记管理条例'],
      photo: 'always',
      matterCodes: ['M-FUME', 'M-STREET'],
    });
  });

  it('does not depend on the order or repetition of the matters', () => {
    expect(planFor([FUME, STREET, FUME])).toEqual(planFor([STREET, FUME]));
  });

  it('refuses a matter that does not apply to the kind, a shared code with different text, and a team that is not two', () => {
    const r = combineVisit({
      subjectId: 'S1',
      subjectKind: 'street_shop',
      inspectorIds: ['P1', 'P1'],
      matters: [STREET, { ...FUME, items: [{ ...LICENCE_SHOWN, textZh: '营业执照悬挂' }] }],
    });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['TEAM_NOT_TWO', 'MATTER_NOT_FOR_KIND', 'ITEM_TEXT_CONFLICT']);
  });
});

describe('scoreVisit', () => {
  const plan = planFor([STREET, FUME]);
  const allPass: ItemResult[] = [
    { code: 'FUME_PURIFIER', result: 'pass', photoIds: ['ph1'] },
    { code: 'LICENCE_SHOWN', result: 'pass', photoIds: ['ph2'] },
    { code: 'NO_OUTSIDE_TRADING', result: 'pass', photoIds: [] },
  ];
  const complete: VisitRecord = {
    plan,
    results: allPass,
    inspectorSignatures: ['P1', 'P2'],
    subject: { kind: 'signed', signerName: '王某' },
  };

  it('passes a complete visit with every item passed', () => {
    expect(scoreVisit(complete)).toEqual({
      outcome: 'passed',
      failedItems: [],
      issues: [],
      counts: { pass: 3, fail: 0, notApplicable: 0, missing: 0 },
    });
  });

  it('fails a complete visit and names the failed item with its bases and matters', () => {
    const results = allPass.map((r) =>
      r.code === 'NO_OUTSIDE_TRADING' ? { ...r, result: 'fail' as const, photoIds: ['ph3'], noteZh: '门外堆放桌椅' } : r,
    );
    expect(scoreVisit({ ...complete, results })).toMatchObject({
      outcome: 'failed',
      failedItems: [{ code: 'NO_OUTSIDE_TRADING', textZh: '无跨门营业', matterCodes: ['M-STREET'], noteZh: '门外堆放桌椅' }],
    });
  });

  it('needs the photo of an always-photo item and of a failed when-failed item, naming the item', () => {
    const results: ItemResult[] = [
      { code: 'FUME_PURIFIER', result: 'pass', photoIds: [] },
      { code: 'LICENCE_SHOWN', result: 'not_applicable', photoIds: [] },
      { code: 'NO_OUTSIDE_TRADING', result: 'fail', photoIds: [] },
    ];
    const score = scoreVisit({ ...complete, results });
    expect(score.outcome).toBe('incomplete');
    expect(score.issues).toEqual([
      { code: 'PHOTO_MISSING', itemCode: 'FUME_PURIFIER', messageZh: '检查项“油烟净化设施正常使用”（FUME_PURIFIER）须拍照取证，尚无照片' },
      { code: 'PHOTO_MISSING', itemCode: 'NO_OUTSIDE_TRADING', messageZh: '检查项“无跨门营业”（NO_OUTSIDE_TRADING）须拍照取证，尚无照片' },
    ]);
  });

  it('names missing, unknown and twice-given results', () => {
    const results: ItemResult[] = [allPass[0]!, allPass[0]!, { code: 'NOT_IN_PLAN', result: 'pass', photoIds: [] }];
    expect(scoreVisit({ ...complete, results }).issues.map((i) => [i.code, i.itemCode])).toEqual([
      ['ITEM_DUPLICATE_RESULT', 'FUME_PURIFIER'],
      ['ITEM_UNKNOWN', 'NOT_IN_PLAN'],
      ['ITEM_RESULT_MISSING', 'LICENCE_SHOWN'],
      ['ITEM_RESULT_MISSING', 'NO_OUTSIDE_TRADING'],
    ]);
  });

  it('needs both inspectors’ signatures and no one else’s (行政处罚法 Art. 42)', () => {
    const issues = scoreVisit({ ...complete, inspectorSignatures: ['P1', 'P7'] }).issues;
    expect(issues.map((i) => [i.code, i.inspectorId])).toEqual([
      ['INSPECTOR_SIGNATURE_MISSING', 'P2'],
      ['SIGNATURE_NOT_OF_TEAM', 'P7'],
    ]);
  });

  it('accepts a refusal recorded with a witness or the officers’ note, not a bare refusal (沪条例 Art. 19)', () => {
    expect(scoreVisit({ ...complete, subject: { kind: 'refused', witnessName: '李某（物业）', noteZh: null } }).outcome).toBe('passed');
    expect(scoreVisit({ ...complete, subject: { kind: 'absent', witnessName: null, noteZh: '当事人不在现场，无见证人' } }).outcome).toBe(
      'passed',
    );
    expect(scoreVisit({ ...complete, subject: { kind: 'refused', witnessName: null, noteZh: ' ' } }).issues).toEqual([
      expect.objectContaining({ code: 'REFUSAL_NOT_RECORDED' }),
    ]);
    expect(scoreVisit({ ...complete, subject: null }).issues).toEqual([expect.objectContaining({ code: 'SUBJECT_SIGNATURE_MISSING' })]);
  });
});
