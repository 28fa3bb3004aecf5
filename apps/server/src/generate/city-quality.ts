// 教育培训, 执法资格考试 and 复议/诉讼 of the generated city (issue 15; docs/training.md, docs/reviews.md): the inputs
// 考核 reads besides the case files. Per district bureau a course catalogue; every officer's completed courses for
// the last two years (60 学时 / 24 学分 required, 000: most reach it, some fall short); the year's 执法资格考试
// records; and the 复议 and 诉讼 brought against decided cases with their outcomes and causes.
//
// Volumes: 7,900 officers train online (000) — every generated officer trains (the current year only its part so far); 3,400 sat the 执法资格考试 with 97 %
// passing (000), i.e. 43 % of the officers sit in the last year. Assumed, no figure in the seeds: 88 % of officers
// complete the year's hours; 1.2 % of decided cases go to 行政复议 and 0.4 % to 行政诉讼; of 复议 85 % 维持, the rest
// 变更 / 撤销 / 确认违法; of 诉讼 90 % 维持 and 10 % 败诉.
import { sql } from 'kysely';
import { addDays, daysBetween, type LegalDate } from '@chengguan/domain';
import { shanghaiInstant } from '../shared/time.ts';
import { CITY, type CityOfficer } from './city-orgs.ts';
import type { GeneratorPart } from './registry.ts';

export const REQUIRED_HOURS = 60;
export const REQUIRED_CREDITS = 24;
export const COMPLETE_SHARE = 0.88;
export const QUALIFICATION_SHARE = 3_400 / 7_900;
export const QUALIFICATION_PASS = 0.97;
export const REVIEW_SHARE = 0.012;
export const LAWSUIT_SHARE = 0.004;

const COURSES: readonly [string, string, number][] = [
  ['《行政处罚法》精讲', '法律法规', 8],
  ['《行政强制法》与查封扣押', '法律法规', 6],
  ['《上海市城市管理综合行政执法条例》', '法律法规', 6],
  ['行政执法三项制度实务', '执法规范', 4],
  ['执法全过程记录与执法记录仪使用', '执法规范', 4],
  ['裁量基准的适用', '执法规范', 4],
  ['执法文书制作与送达', '执法规范', 6],
  ['违法建筑认定与拆除程序', '业务技能', 6],
  ['建筑垃圾运输监管', '业务技能', 4],
  ['住宅小区综合监管', '业务技能', 4],
  ['非现场执法技术与证据审查', '业务技能', 4],
  ['文明执法与沟通技巧', '职业素养', 2],
  ['执法安全与应急处置', '职业素养', 2],
  ['党风廉政与执法纪律', '职业素养', 2],
];
const REVIEW_CAUSES = ['facts', 'law', 'procedure', 'discretion', 'other'] as const;
const CAUSE_NOTES: Record<(typeof REVIEW_CAUSES)[number], string> = {
  facts: '认定事实的证据不足',
  law: '适用法律条款错误',
  procedure: '未依法告知陈述申辩权利',
  discretion: '罚款数额超出裁量基准对应档次',
  other: '其他原因',
};

export const cityQualityPart: GeneratorPart = {
  name: 'city-quality',
  after: ['city-orgs', 'city-cases'],
  run: async (ctx) => {
    const { options, random: rand, writer, idAt } = ctx;
    const city = ctx.outputs.get(CITY);
    const until = options.until;
    const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const dayIn = (from: LegalDate, to: LegalDate): LegalDate => addDays(from, between(0, Math.max(0, daysBetween(from, to))));
    const counts = {
      courses: 0,
      completions: 0,
      officerYears: 0,
      complete: 0,
      qualifications: 0,
      passed: 0,
      reviews: 0,
      lawsuits: 0,
      adverse: 0,
    };

    const coursesT = writer.table('training_courses', [
      'id',
      'bureau_id',
      'title',
      'category',
      'hours',
      'credits',
      'description',
      'active',
      'created_by',
      'created_at',
    ]);
    const completionsT = writer.table('training_completions', [
      'id',
      'officer_id',
      'bureau_id',
      'year',
      'source',
      'source_id',
      'title',
      'hours',
      'credits',
      'completed_on',
      'created_at',
    ]);
    const qualT = writer.table('training_qualifications', [
      'id',
      'officer_id',
      'bureau_id',
      'exam_date',
      'score',
      'passed',
      'attempt_id',
      'created_by',
      'created_at',
    ]);
    const lastYear = Number(until.slice(0, 4));
    const years = [lastYear - 1, lastYear];
    for (const b of city.bureaus) {
      const admin = b.leaders[0]?.id ?? null;
      const created = shanghaiInstant(`${lastYear - 1}-01-02`, '09:00:00.000');
      const catalogue = COURSES.map(([title, category, hours]) => {
        const id = idAt(created.getTime());
        coursesT.add([id, b.id, title, category, hours, hours * 0.4, null, true, admin, created]);
        counts.courses += 1;
        return { id, title, hours, credits: hours * 0.4 };
      });
      const officers: CityOfficer[] = [...b.leaders, ...b.legal, ...b.commanders, ...b.squads.flatMap((q) => [...q.leaders, ...q.field])];
      const seen = new Set<string>();
      // The year's 执法资格考试 sits in June: this year's if it has been held, else last year's.
      const june = (y: number) => `${y}-06-${String(between(10, 25)).padStart(2, '0')}` as LegalDate;
      const thisJune = june(lastYear);
      const qualDay = thisJune <= until ? thisJune : june(lastYear - 1);
      for (const o of officers) {
        if (seen.has(o.id)) continue;
        seen.add(o.id);
        for (const y of years) {
          const from = `${y}-01-02` as LegalDate;
          const to = (y === lastYear ? until : `${y}-12-28`) as LegalDate;
          if (to < from) continue;
          // Whether he reaches the requirement; a year not over holds its part so far (in half hours).
          const complete = rand() < COMPLETE_SHARE;
          const share = Math.min(1, (daysBetween(from, to) + 1) / 361);
          const full = complete ? REQUIRED_HOURS : between(10, REQUIRED_HOURS - 10);
          const target = Math.max(0.5, Math.round(full * share * 2) / 2);
          const order = [...catalogue].sort(() => rand() - 0.5);
          let hours = 0;
          for (const c of order) {
            if (hours >= target) break;
            const day = dayIn(from, to);
            completionsT.add([
              idAt(shanghaiInstant(day).getTime()),
              o.id,
              b.id,
              y,
              'course',
              c.id,
              c.title,
              c.hours,
              c.credits,
              day,
              shanghaiInstant(day, '18:00:00.000'),
            ]);
            hours += c.hours;
            counts.completions += 1;
          }
          // Beyond the catalogue: offline sessions recorded by the bureau fill the rest.
          while (hours < target) {
            const h = Math.min(4, target - hours);
            const day = dayIn(from, to);
            completionsT.add([
              idAt(shanghaiInstant(day).getTime()),
              o.id,
              b.id,
              y,
              'offline',
              null,
              '集中轮训（线下）',
              h,
              h * 0.4,
              day,
              shanghaiInstant(day, '18:00:00.000'),
            ]);
            hours += h;
            counts.completions += 1;
          }
          counts.officerYears += 1;
          if (hours >= REQUIRED_HOURS) counts.complete += 1;
        }
        if (qualDay <= until && rand() < QUALIFICATION_SHARE) {
          const passed = rand() < QUALIFICATION_PASS;
          qualT.add([
            idAt(shanghaiInstant(qualDay).getTime()),
            o.id,
            b.id,
            qualDay,
            passed ? between(60, 98) : between(35, 59),
            passed,
            null,
            admin,
            shanghaiInstant(qualDay, '17:00:00.000'),
          ]);
          counts.qualifications += 1;
          if (passed) counts.passed += 1;
        }
      }
    }

    // 复议 and 诉讼 against decided cases (read back in id order once the cases are in).
    await writer.drain();
    const decided = (
      await sql<{ id: string; bureau_id: string; org_id: string; decided_on: string; district: string | null; officers: string[] | null }>`
        SELECT c.id, c.bureau_id, c.org_id, to_char(c.decided_on, 'YYYY-MM-DD') AS decided_on,
          (SELECT array_agg(co.officer_id::text ORDER BY co.officer_id) FROM case_officers co WHERE co.case_id = c.id) AS officers,
          NULL::text AS district
        FROM cases c WHERE c.decided_on IS NOT NULL AND c.decision_outcome = 'penalty' ORDER BY c.id`.execute(ctx.db)
    ).rows;
    const districtOf = new Map(city.bureaus.map((b) => [b.id, b.districtName]));
    const reviewsT = writer.table('case_reviews', [
      'id',
      'bureau_id',
      'org_id',
      'case_id',
      'kind',
      'filed_on',
      'forum',
      'reference_no',
      'outcome',
      'cause',
      'cause_note',
      'decided_on',
      'officer_ids',
      'created_by',
      'created_at',
      'updated_at',
    ]);
    let serial = 0;
    for (const c of decided) {
      const x = rand();
      const kind = x < REVIEW_SHARE ? 'review' : x < REVIEW_SHARE + LAWSUIT_SHARE ? 'lawsuit' : null;
      if (!kind) continue;
      const filed = addDays(c.decided_on as LegalDate, between(10, kind === 'review' ? 55 : 170));
      if (filed > until) continue;
      const decidedOn = addDays(filed, kind === 'review' ? between(30, 60) : between(60, 180));
      const done = decidedOn <= until;
      const y = rand();
      const outcome = !done
        ? null
        : kind === 'review'
          ? y < 0.85
            ? 'upheld'
            : pick(['changed', 'revoked', 'confirmed_illegal'] as const)
          : y < 0.9
            ? 'upheld'
            : 'lost';
      const cause = outcome && outcome !== 'upheld' ? pick(REVIEW_CAUSES) : null;
      const district = districtOf.get(c.bureau_id) ?? null;
      serial += 1;
      reviewsT.add([
        idAt(shanghaiInstant(filed).getTime()),
        c.bureau_id,
        c.org_id,
        c.id,
        kind,
        filed,
        kind === 'review' ? `上海市${district ?? ''}区人民政府` : '上海铁路运输法院',
        kind === 'review'
          ? `沪${district ?? ''}府复字〔${filed.slice(0, 4)}〕第${serial}号`
          : `（${filed.slice(0, 4)}）沪7101行初${serial}号`,
        outcome,
        cause,
        cause ? CAUSE_NOTES[cause] : null,
        done ? decidedOn : null,
        `{${(c.officers ?? []).join(',')}}`,
        null,
        shanghaiInstant(filed, '10:00:00.000'),
        shanghaiInstant(done ? decidedOn : filed, '16:00:00.000'),
      ]);
      if (kind === 'review') counts.reviews += 1;
      else counts.lawsuits += 1;
      if (outcome && outcome !== 'upheld') counts.adverse += 1;
    }
    return counts;
  },
};
