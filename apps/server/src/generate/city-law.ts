// Offences for the generated history. The starter legal library holds offences in force from 2019-07-01 (生活垃圾管理条例)
// and 2024-05-10 (非机动车安全管理条例); a ten-year history starts earlier. The generator adds a few offences of its
// own, named and marked as bench data (verification U, the source says it is no legal basis), in force over the whole
// history, and draws the starter offences where they were in force.
import { offenceVersionsByCode } from '../modules/law/index.ts';
import { shanghaiInstant } from '../shared/time.ts';
import { firstDay } from './options.ts';
import { type GeneratorPart, outputKey } from './registry.ts';

export type GeneratedOffence = {
  code: string;
  /** Summary tickets (≤ 200 yuan for a person, B1) or ordinary cases. */
  use: 'summary' | 'ordinary';
  minFen: number;
  maxFen: number;
  /** E10: the norm fines only after a refused order to correct. */
  finesOnlyAfterRefusal: boolean;
  effectiveFrom: string;
  facts: string;
};

export const CITY_OFFENCES = outputKey<GeneratedOffence[]>('city-offences');

const BENCH_SOURCE = '压测生成数据（npm run generate），不是法律依据 / generated bench data, not a legal source';

const GENERATED = [
  [
    'GEN-SR-01',
    '跨门营业、占道设摊经营（压测数据）',
    'street_trading',
    '街面秩序',
    'summary',
    5_000,
    20_000,
    '当事人在人行道上设摊经营，经劝阻未及时撤离。',
  ],
  [
    'GEN-SR-02',
    '乱张贴、乱涂写、乱刻画（压测数据）',
    'city_appearance',
    '市容环境',
    'summary',
    5_000,
    20_000,
    '当事人在公共设施上张贴小广告。',
  ],
  [
    'GEN-JZ-01',
    '建筑垃圾未按规定处置（压测数据）',
    'city_appearance',
    '施工管理',
    'ordinary',
    50_000,
    400_000,
    '施工单位未按规定处置建筑垃圾，现场堆放未覆盖。',
  ],
  [
    'GEN-GG-01',
    '擅自设置户外招牌（压测数据）',
    'city_appearance',
    '宣传广告',
    'ordinary',
    50_000,
    400_000,
    '当事人未经许可擅自设置户外招牌。',
  ],
] as const;

/** Starter offences used where in force, with the facts an officer would write. */
const STARTER = [
  { code: 'SH-LJ-57-2', use: 'summary', facts: '经责令改正后仍将湿垃圾与干垃圾混合投放。' },
  { code: 'SH-FJDC-44', use: 'summary', facts: '当事人在楼道内私拉电线为电动自行车充电。' },
  { code: 'SH-LJ-57-4', use: 'ordinary', facts: '管理责任人未将分类投放的生活垃圾分类驳运。' },
] as const;

const OFFENCE_COLUMNS = [
  'id',
  'code',
  'name',
  'domain',
  'violated_provision',
  'penalty_provision',
  'penalty_types',
  'min_fine_fen',
  'max_fine_fen',
  'fines_only_after_refusal',
  'illegal',
  'offsite_eligible',
  'event_category',
  'keywords',
  'effective_from',
  'verification',
  'source',
  'note',
  'created_at',
  'updated_at',
] as const;

export const cityLawPart: GeneratorPart = {
  name: 'city-law',
  after: [],
  run: async (ctx) => {
    const from = '2000-01-01';
    const at = shanghaiInstant(firstDay(ctx.options));
    const table = ctx.writer.table('law_offences', OFFENCE_COLUMNS);
    const offences: GeneratedOffence[] = [];
    for (const [i, [code, name, domain, category, use, minFen, maxFen, facts]] of GENERATED.entries()) {
      table.add([
        ctx.idAt(at.getTime() - 1000 + i),
        code,
        name,
        domain,
        `${name}所违反的规定（压测数据）`,
        `压测数据罚则（${code}）`,
        ['fine'],
        minFen,
        maxFen,
        false,
        true,
        false,
        category,
        ['压测数据'],
        from,
        'U',
        BENCH_SOURCE,
        '仅用于压测环境的生成数据，不得用于办案',
        at,
        at,
      ]);
      offences.push({ code, use, minFen, maxFen, finesOnlyAfterRefusal: false, effectiveFrom: from, facts });
    }
    for (const s of STARTER) {
      const r = (await offenceVersionsByCode(ctx.db, s.code)).find((v) => v.effective_to === null);
      if (!r || r.min_fine_fen === null || r.max_fine_fen === null) continue;
      offences.push({
        code: s.code,
        use: s.use,
        minFen: r.min_fine_fen,
        maxFen: r.max_fine_fen,
        finesOnlyAfterRefusal: r.fines_only_after_refusal,
        effectiveFrom: r.effective_from,
        facts: s.facts,
      });
    }
    ctx.outputs.set(CITY_OFFENCES, offences);
    await ctx.writer.drain();
    return { offences: offences.length, generated: GENERATED.length };
  },
};
