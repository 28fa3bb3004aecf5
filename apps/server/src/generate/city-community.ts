// 住宅小区, 上海摊 and 城管进社区 of the generated city (issue 17; docs/compounds.md, docs/stall-map.md,
// docs/workrooms.md). It reads the registry's compounds, property companies and stall points as city-subjects wrote
// them (in id order, so the same seed gives the same rows) and adds: each compound's profile (its property company,
// households); the last year's renovation declarations, assessed by the domain's rules; the property companies'
// reports, all handled (004: "all handled"), most closed, some sent to inspection; each stall point's type, hours,
// capacity and approval; the community workrooms of each squad with the officers who staff them, and their activities,
// the 城管进社区 week's among them.
//
// Volumes (REQUIREMENTS.md R15, R20): 10,102 declarations and 12,753 property reports a year are 浦东's figures (004);
// assumed: 浦东 is a quarter of the city's compounds, so the city has four times that (40,408 and 51,012 at full
// scale), about 2.7 and 3.4 a compound a year. 5,950 workrooms city-wide (000), spread over the squads by
// weight. Activities: assumed 6 a workroom a year, one of them in the 城管进社区 week (the third week of May).
// Only the last year is generated for declarations, reports and activities; workrooms scale by `scale`, the rest
// follow the registry's compounds (which scale with `subjects`).
import { sql } from 'kysely';
import { addDays, assessRenovation, daysBetween, RENOVATION_WORKS, type LegalDate } from '@chengguan/domain';
import { shanghaiInstant } from '../shared/time.ts';
import { CITY } from './city-orgs.ts';
import { ROAD_SUFFIXES, ROAD_WORDS } from './city-subjects.ts';
import type { GeneratorPart } from './registry.ts';

export const DECLARATIONS_PER_YEAR = 10_102 * 4;
export const PROPERTY_REPORTS_PER_YEAR = 12_753 * 4;
export const WORKROOMS = 5_950;
/** The registry at full scale: 300,000 subjects, 5 % of them compounds (SUBJECT_KIND_MIX). */
const FULL_SCALE_COMPOUNDS = 15_000;
export const ACTIVITIES_PER_WORKROOM_YEAR = 6;

const ACTIVITY_KINDS = ['consultation', 'publicity', 'joint_patrol', 'mediation', 'other'] as const;
const ACTIVITY_TITLES: Record<(typeof ACTIVITY_KINDS)[number], string> = {
  consultation: '城管法规咨询服务',
  publicity: '垃圾分类与违法搭建法治宣传',
  joint_patrol: '物业、居委联合巡查',
  mediation: '邻里装修纠纷调解',
  other: '社区环境整治议事会',
};
type Problem = 'illegal_construction' | 'load_bearing' | 'other';
const PROBLEM_TEXT: Record<Problem, string> = {
  illegal_construction: '业主在露台搭建阳光房，物业劝阻无效',
  load_bearing: '装修中疑似拆改承重墙，物业已要求停工',
  other: '装修垃圾未按规定堆放，占用消防通道',
};
/** The declared works: mostly finishing, a few needing a permit, rarely a prohibited one (refused at declaration). */
const WORK_WEIGHTS: readonly [(typeof RENOVATION_WORKS)[number], number][] = [
  ['interior_finish', 0.62],
  ['plumbing_electrical', 0.2],
  ['floor_load', 0.03],
  ['new_structure', 0.02],
  ['facade_opening', 0.02],
  ['gas_change', 0.04],
  ['heating_change', 0.03],
  ['load_bearing_change', 0.015],
  ['wet_room_move', 0.01],
  ['balcony_wall_removal', 0.005],
];
const STALL_TYPES = [
  ['featured', 0.3],
  ['guided', 0.4],
  ['outdoor', 0.3],
] as const;

type SubjectRow = { id: string; bureau_id: string; org_id: string | null; kind: string; name: string; address: string | null };

export const cityCommunityPart: GeneratorPart = {
  name: 'city-community',
  after: ['city-orgs', 'city-subjects'],
  run: async (ctx) => {
    const { options, random: rand, writer, idAt } = ctx;
    const city = ctx.outputs.get(CITY);
    const until = options.until;
    const yearStart: LegalDate = addDays(until, -364);
    const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const weighted = <T>(list: readonly (readonly [T, number])[]): T => {
      let x = rand() * list.reduce((s, [, w]) => s + w, 0);
      for (const [v, w] of list) if ((x -= w) <= 0) return v;
      return list[list.length - 1]![0];
    };
    const dayIn = (from: LegalDate, to: LegalDate): LegalDate => addDays(from, between(0, daysBetween(from, to)));
    const at = (day: LegalDate, hour: number) =>
      shanghaiInstant(day, `${String(hour).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}:00.000`);
    // The registry's rows must be in before they are read (and before rows refer to them).
    await writer.drain();
    const subjects = (
      await sql<SubjectRow>`SELECT id, bureau_id, org_id, kind, name, address FROM subjects
        WHERE kind IN ('residential_compound', 'property_company', 'stall_point') AND status = 'active' ORDER BY id`.execute(ctx.db)
    ).rows;
    const ofKind = (k: string) => subjects.filter((s) => s.kind === k);
    const compounds = ofKind('residential_compound');
    const companiesBy = new Map<string, SubjectRow[]>();
    for (const c of ofKind('property_company')) companiesBy.set(c.bureau_id, [...(companiesBy.get(c.bureau_id) ?? []), c]);
    const bureauOf = new Map(city.bureaus.map((b) => [b.id, b]));
    const adminOf = (bureauId: string) => {
      const b = bureauOf.get(bureauId);
      return b?.commanders[0]?.id ?? b?.leaders[0]?.id ?? null;
    };
    const counts = { compounds: compounds.length, profiles: 0, declarations: 0, reports: 0, stallPoints: 0, workrooms: 0, activities: 0 };

    // 小区: profiles, declarations, reports.
    const profilesT = writer.table('compound_profiles', [
      'subject_id',
      'bureau_id',
      'property_company_id',
      'households',
      'updated_by',
      'updated_at',
    ]);
    const declT = writer.table('renovation_declarations', [
      'id',
      'number',
      'bureau_id',
      'compound_id',
      'declarant_kind',
      'declarant_name',
      'citizen_id',
      'room',
      'works',
      'start_on',
      'end_on',
      'outcome',
      'rules',
      'created_at',
    ]);
    const reportsT = writer.table('property_reports', [
      'id',
      'number',
      'bureau_id',
      'org_id',
      'compound_id',
      'company_id',
      'reporter_name',
      'citizen_id',
      'problem',
      'room',
      'description',
      'state',
      'inspection_task_id',
      'case_id',
      'disposed_by',
      'disposed_at',
      'note',
      'created_at',
    ]);
    const numberOf = (prefix: string, id: string, day: LegalDate) =>
      `${prefix}${day.replace(/-/g, '')}${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
    const room = () => `${between(1, 40)}号${between(1, 33)}0${between(1, 6)}室`;
    const companyOf = new Map<string, SubjectRow | null>();
    for (const c of compounds) {
      const companies = companiesBy.get(c.bureau_id) ?? [];
      const company = companies.length && rand() < 0.9 ? pick(companies) : null;
      companyOf.set(c.id, company);
      profilesT.add([c.id, c.bureau_id, company?.id ?? null, between(120, 3000), adminOf(c.bureau_id), shanghaiInstant(yearStart)]);
      counts.profiles += 1;
    }
    // A year's declarations and reports per compound: the city's figures over the compounds of the full registry.
    const declRate = DECLARATIONS_PER_YEAR / FULL_SCALE_COMPOUNDS;
    const reportRate = PROPERTY_REPORTS_PER_YEAR / FULL_SCALE_COMPOUNDS;
    let carryD = 0;
    let carryR = 0;
    for (const c of compounds) {
      carryD += declRate;
      for (; carryD >= 1; carryD -= 1) {
        const day = dayIn(yearStart, until);
        const id = idAt(at(day, 10).getTime());
        const works = [weighted(WORK_WEIGHTS), ...(rand() < 0.3 ? [weighted(WORK_WEIGHTS)] : [])];
        const a = assessRenovation(works);
        const byCompany = rand() < 0.2 && companyOf.get(c.id);
        const start = addDays(day, between(3, 20));
        declT.add([
          id,
          numberOf('ZX', id, day),
          c.bureau_id,
          c.id,
          byCompany ? 'property_company' : 'resident',
          byCompany ? companyOf.get(c.id)!.name : `${pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄'])}先生`,
          null,
          room(),
          `{${[...new Set(works)].join(',')}}`,
          start,
          addDays(start, between(20, 90)),
          a.outcome,
          JSON.stringify(
            a.rules.map((r) => ({
              id: r.id,
              work: r.work,
              outcome: r.outcome,
              zh: r.zh,
              en: r.en,
              approverZh: r.approverZh ?? null,
              approverEn: r.approverEn ?? null,
              cite: r.source.cite,
            })),
          ),
          at(day, 10),
        ]);
        counts.declarations += 1;
      }
      carryR += reportRate;
      for (; carryR >= 1; carryR -= 1) {
        const day = dayIn(yearStart, until);
        const id = idAt(at(day, 9).getTime());
        const problem = weighted([
          ['illegal_construction', 0.55],
          ['load_bearing', 0.15],
          ['other', 0.3],
        ] as const);
        const company = companyOf.get(c.id) ?? null;
        const handledOn = addDays(day, between(0, 5));
        const handled = handledOn <= until;
        reportsT.add([
          id,
          numberOf('WY', id, day),
          c.bureau_id,
          c.org_id,
          c.id,
          company?.id ?? null,
          company ? `${company.name}项目经理` : '业主委员会',
          null,
          problem,
          room(),
          PROBLEM_TEXT[problem],
          handled ? 'closed' : 'reported',
          null,
          null,
          handled ? adminOf(c.bureau_id) : null,
          handled ? at(handledOn, 16) : null,
          handled ? '经现场核查，当事人已自行整改，物业跟踪复查' : null,
          at(day, 9),
        ]);
        counts.reports += 1;
      }
    }

    // 上海摊: every stall point subject gets its point row; most approved, a few proposed or suspended.
    const stallsT = writer.table('stall_points', [
      'subject_id',
      'bureau_id',
      'point_type',
      'opens_at',
      'closes_at',
      'capacity',
      'rules',
      'state',
      'approved_by',
      'approved_at',
      'last_supervised_at',
      'supervisions',
      'created_at',
      'updated_at',
    ]);
    for (const s of ofKind('stall_point')) {
      const type = weighted(STALL_TYPES);
      const state = weighted([
        ['approved', 0.85],
        ['proposed', 0.1],
        ['suspended', 0.05],
      ] as const);
      const opens = type === 'featured' ? between(16, 18) : type === 'guided' ? between(6, 8) : between(10, 11);
      const closes = type === 'featured' ? 23 : type === 'guided' ? between(10, 13) : between(20, 22);
      const created = at(dayIn(addDays(until, -720), addDays(until, -30)), 9);
      const supervisions = state === 'proposed' ? 0 : between(1, 24);
      stallsT.add([
        s.id,
        s.bureau_id,
        type,
        `${String(opens).padStart(2, '0')}:00`,
        `${String(closes).padStart(2, '0')}:00`,
        type === 'outdoor' ? between(2, 12) : between(8, 60),
        '定时定点经营，保持周边整洁，不得占用盲道和消防通道，收摊后恢复原状',
        state,
        state === 'proposed' ? null : adminOf(s.bureau_id),
        state === 'proposed' ? null : created,
        supervisions ? at(dayIn(addDays(until, -60), until), 20) : null,
        supervisions,
        created,
        created,
      ]);
      counts.stallPoints += 1;
    }

    // 城管进社区: workrooms per squad by weight; each staffed by one to three of the squad's officers.
    const workroomsT = writer.table('workrooms', [
      'id',
      'bureau_id',
      'org_id',
      'name',
      'community',
      'address',
      'hours',
      'officer_ids',
      'active',
      'created_by',
      'created_at',
    ]);
    const activitiesT = writer.table('workroom_activities', [
      'id',
      'workroom_id',
      'bureau_id',
      'kind',
      'title',
      'held_on',
      'participants',
      'community_week',
      'created_by',
      'created_at',
    ]);
    const squads = city.squads.filter((q) => q.field.length + q.leaders.length > 0);
    const weight = squads.reduce((s, q) => s + q.weight, 0);
    const year = Number(until.slice(0, 4));
    const weekStart: LegalDate = `${until >= `${year}-05-21` ? year : year - 1}-05-15`;
    let carryW = 0;
    for (const q of squads) {
      carryW += (WORKROOMS * options.scale * q.weight) / Math.max(weight, 1e-9);
      const n = Math.floor(carryW);
      carryW -= n;
      const bureau = bureauOf.get(q.bureauId);
      const staff = [...q.field, ...q.leaders];
      for (let i = 0; i < n; i++) {
        const created = at(dayIn(addDays(until, -1000), yearStart), 9);
        const id = idAt(created.getTime());
        const community = `${pick(ROAD_WORDS)}${pick(['居委会', '村委会', '社区'])}`;
        const officers = [...new Set(Array.from({ length: between(1, 3) }, () => pick(staff).id))];
        workroomsT.add([
          id,
          q.bureauId,
          q.id,
          `${community}城管执法社区工作室${i + 1}`,
          community,
          `${bureau?.districtName ?? ''}${pick(ROAD_WORDS)}${pick(ROAD_SUFFIXES)}${between(1, 999)}号`,
          pick(['每周二、周四 9:00–11:30', '每周三 14:00–17:00', '每月第一、三周周五 9:00–12:00']),
          `{${officers.join(',')}}`,
          true,
          officers[0] ?? null,
          created,
        ]);
        counts.workrooms += 1;
        for (let k = 0; k < ACTIVITIES_PER_WORKROOM_YEAR; k++) {
          const week = k === 0;
          const day = week ? addDays(weekStart, between(0, 6)) : dayIn(yearStart, until);
          const kind = week ? 'publicity' : pick(ACTIVITY_KINDS);
          const held = at(day, 15);
          activitiesT.add([
            idAt(held.getTime()),
            id,
            q.bureauId,
            kind,
            week ? '城管进社区活动周：法规宣传与咨询' : ACTIVITY_TITLES[kind],
            day,
            between(8, 120),
            week,
            officers[0] ?? null,
            held,
          ]);
          counts.activities += 1;
        }
      }
    }
    return counts;
  },
};
