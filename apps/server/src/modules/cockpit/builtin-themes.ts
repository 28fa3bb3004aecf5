// The themes of the modules on this installation: cases, complaints (诉件), subjects and inspections, staff and duty.
// Their roll-up facts are migration 054's functions; the definitions below say in words what those functions count.
import { sql } from 'kysely';
import { registerCockpitTheme, type CockpitTheme, type ListLink } from './themes.ts';

const q = (path: string, params: Record<string, string | undefined>) =>
  `${path}?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`;

const casesFound: ListLink = (p) => q('/cases', { orgId: p.orgId, from: p.from, to: p.to });
const casesAll: ListLink = (p) => q('/cases', { orgId: p.orgId });
const casesOverdue: ListLink = (p) => q('/cases', { orgId: p.orgId, overdue: 'true' });
const ticketsReceived: ListLink = (p) => q('/tickets', { orgId: p.orgId, receivedFrom: p.from, receivedTo: p.to });
const ticketsOpen: ListLink = (p) => q('/tickets', { orgId: p.orgId, open: 'true' });
const subjectsOf: ListLink = (p) => q('/subjects', { orgId: p.orgId });
const dutyLog: ListLink = (p) => q('/duty/log', { orgId: p.orgId, from: p.from, to: p.to });

const FOUND = '按发现日期（无则录入日期）所在月份计入办案中队';

export const CASES_THEME: CockpitTheme = {
  id: 'cases',
  name: '案件办理',
  nameEn: 'Cases',
  permission: 'case:read',
  order: 10,
  headline: 'cases.opened',
  kpis: [
    {
      key: 'cases.opened',
      name: '新发案件',
      nameEn: 'Cases found',
      unit: 'count',
      num: ['cases.opened'],
      definition: `案件数（含简易程序、不予立案与移送），${FOUND}。`,
      definitionEn: 'Cases of every procedure and outcome, counted in the month found (else entered), for the handling squad.',
      source: 'cases',
      list: casesFound,
      trend: true,
    },
    {
      key: 'cases.decided',
      name: '作出处罚决定',
      nameEn: 'Decisions',
      unit: 'count',
      num: ['cases.decided'],
      definition: '有决定日期的案件，按决定日期所在月份计。',
      definitionEn: 'Cases with a decision date, in the month of the decision.',
      source: 'cases.decided_on',
      trend: true,
    },
    {
      key: 'cases.closed',
      name: '结案',
      nameEn: 'Closed',
      unit: 'count',
      num: ['cases.closed'],
      definition: '有结案日期的案件，按结案日期所在月份计。',
      definitionEn: 'Cases with a closing date, in the month closed.',
      source: 'cases.closed_on',
      trend: true,
    },
    {
      key: 'cases.fine',
      name: '罚款金额',
      nameEn: 'Fines imposed',
      unit: 'yuan',
      num: ['cases.fine_fen'],
      definition: '当月作出决定的案件的罚款金额之和（元），不含没收。',
      definitionEn: 'Sum of the fines of the cases decided in the month (yuan), confiscations excluded.',
      source: 'cases.fine_fen',
    },
    {
      key: 'cases.summary_online',
      name: '简易案件线上开单率',
      nameEn: 'Summary tickets issued on the spot online',
      unit: 'percent',
      num: ['cases.summary_on_site'],
      den: ['cases.summary_decided'],
      definition: '当月作出决定的简易程序案件中，在系统内当场开具决定书（决定日期即发现日期）的比例。分母为当月简易程序决定数。',
      definitionEn:
        'Of the summary-procedure cases decided in the month, the share whose ticket was issued in the system on the spot (decided the day found).',
      source: 'cases.procedure, decided_on, discovered_on',
      defaultTarget: 70,
      targetOp: '>=',
      targetSource: '2021年工作要点（种子 003）：力争简易案件线上开单率达到70%',
    },
    {
      key: 'cases.from_complaint',
      name: '诉转案',
      nameEn: 'Cases from complaints',
      unit: 'count',
      num: ['cases.from_complaint'],
      definition: `来源为投诉举报的案件，${FOUND}。`,
      definitionEn: 'Cases whose source is a complaint, in the month found.',
      source: 'cases.source',
    },
    {
      key: 'cases.open',
      name: '在办案件',
      nameEn: 'Open cases',
      unit: 'count',
      num: ['cases.open_now'],
      stock: true,
      definition: '当前未结案、未归档、未不予立案、未移送的案件（时点数，不分月份）。',
      definitionEn: 'Cases not closed, archived, not filed or transferred, now (a stock, not a month).',
      source: 'cases.state',
      list: casesAll,
    },
    {
      key: 'cases.overdue',
      name: '超期案件',
      nameEn: 'Overdue cases',
      unit: 'count',
      num: ['cases.overdue_now'],
      stock: true,
      definition: '当前有已超期法定期限的案件（时点数）。',
      definitionEn: 'Cases with a statutory deadline passed, now.',
      source: 'cases.has_overdue',
      defaultTarget: 0,
      targetOp: '<=',
      targetSource: '法定期限（行政处罚法）',
      list: casesOverdue,
    },
  ],
};

const WAITING = "state NOT IN ('returned', 'referred', 'merged')";

export const COMPLAINTS_THEME: CockpitTheme = {
  id: 'complaints',
  name: '投诉诉件',
  nameEn: 'Complaints',
  permission: 'ticket:read',
  order: 20,
  headline: 'tickets.received',
  kpis: [
    {
      key: 'tickets.received',
      name: '受理诉件',
      nameEn: 'Tickets received',
      unit: 'count',
      num: ['tickets.received'],
      definition: '按受理时间所在月份计入承办中队（未派单的计入区局本级）；退回、转办、合并的不计。',
      definitionEn: 'Tickets by month received, for the squad (else the bureau); returned, referred and merged excluded.',
      source: 'tickets',
      list: ticketsReceived,
      trend: true,
    },
    {
      key: 'tickets.first_contact',
      name: '24小时先行联系率',
      nameEn: 'First contact within 24 h',
      unit: 'percent',
      num: ['tickets.contact_ok'],
      den: ['tickets.contact_done', 'tickets.contact_late_waiting'],
      definition: '留有电话的诉件中，在先行联系时限内联系的比例。分母为已联系的，加上未联系且时限已过的（读取时计算）。',
      definitionEn:
        'Of the tickets with a phone, the share contacted by the first-contact due time; the denominator is those contacted plus those still not contacted whose due time has passed (counted when read).',
      source: 'tickets.first_contact_at, first_contact_due_at',
      defaultTarget: 100,
      targetOp: '>=',
      targetSource: '12345 热线考核：24小时内先行联系',
      list: ticketsReceived,
      trend: true,
    },
    {
      key: 'tickets.on_time',
      name: '及时办结率',
      nameEn: 'Answered on time',
      unit: 'percent',
      num: ['tickets.replied_ok'],
      den: ['tickets.replied', 'tickets.reply_late_waiting'],
      definition: '已答复的诉件中按时答复的比例；分母含未答复且办理时限已过的诉件。',
      definitionEn: 'Share answered by the handling due time; the denominator includes the unanswered ones past due.',
      source: 'tickets.replied_at, handling_due_at',
      defaultTarget: 100,
      targetOp: '>=',
      targetSource: '12345 热线考核：按时办结',
      list: ticketsReceived,
      trend: true,
    },
    {
      key: 'tickets.resolution',
      name: '实际解决率',
      nameEn: 'Resolved',
      unit: 'percent',
      num: ['tickets.resolved_n'],
      den: ['tickets.resolved_d'],
      definition: '有回访解决情况的诉件中，判定已解决的比例。',
      definitionEn: 'Of the tickets with a callback verdict on resolution, the share resolved.',
      source: 'tickets.resolved',
      defaultTarget: 90,
      targetOp: '>=',
      targetSource: '12345 热线考核：实际解决率（默认值，可由市局调整）',
      trend: true,
    },
    {
      key: 'tickets.satisfaction',
      name: '市民满意率',
      nameEn: 'Satisfaction',
      unit: 'percent',
      num: ['tickets.sat_n'],
      den: ['tickets.sat_d'],
      definition: '有满意度评价的诉件中，评价为满意或基本满意的比例。',
      definitionEn: 'Of the tickets with a satisfaction answer, the share satisfied or basically satisfied.',
      source: 'tickets.satisfaction',
      defaultTarget: 88,
      targetOp: '>=',
      targetSource: '“十四五”规划（种子 001）：社会满意度不低于88分',
      trend: true,
    },
    {
      key: 'tickets.conversion',
      name: '诉转案率',
      nameEn: 'Converted to cases',
      unit: 'percent',
      num: ['tickets.converted'],
      den: ['tickets.received'],
      definition: '受理诉件中转为案件的比例。',
      definitionEn: 'Share of the tickets received that became a case.',
      source: 'tickets.case_id',
    },
    {
      key: 'tickets.open',
      name: '在办诉件',
      nameEn: 'Open tickets',
      unit: 'count',
      num: ['tickets.open_now'],
      stock: true,
      definition: '当前处于待受理、已受理、已派单、办理中的诉件（时点数）。',
      definitionEn: 'Tickets received, accepted, dispatched or in hand, now.',
      source: 'tickets.state',
      list: ticketsOpen,
    },
  ],
  // Not yet contacted / answered and past the due time: moves with the clock, read from the few tickets still waiting.
  live: async ({ db, scopePath, childPart, from, to, now }) => {
    // One branch per partial index (054): each branch's condition is its index's predicate, so each reads only the
    // few tickets still waiting (an OR of the two predicates matched neither index and read the range's every ticket).
    const r = await sql<{ month: string; child: string; contact: string; reply: string }>`
      SELECT to_char(cockpit_month(w.received_at), 'YYYY-MM') AS month, split_part(o.path, '/', ${childPart}) AS child,
             sum(w.contact) AS contact, sum(w.reply) AS reply
        FROM (SELECT t.received_at, coalesce(t.org_id, t.bureau_id) AS unit,
                     CASE WHEN t.first_contact_due_at < ${now} THEN 1 ELSE 0 END AS contact, 0 AS reply
                FROM tickets t
               WHERE t.first_contact_at IS NULL AND t.reporter_phone IS NOT NULL AND ${sql.raw(`t.${WAITING}`)}
                 AND t.received_at >= ${from} AND t.received_at < ${to}
              UNION ALL
              SELECT t.received_at, coalesce(t.org_id, t.bureau_id), 0, CASE WHEN t.handling_due_at < ${now} THEN 1 ELSE 0 END
                FROM tickets t
               WHERE t.replied_at IS NULL AND ${sql.raw(`t.${WAITING}`)} AND t.received_at >= ${from} AND t.received_at < ${to}) w
        JOIN orgs o ON o.id = w.unit
       WHERE o.path LIKE ${`${scopePath}%`}
       GROUP BY 1, 2`.execute(db);
    return r.rows.flatMap((x) => [
      { month: x.month, child: x.child, metric: 'tickets.contact_late_waiting', value: Number(x.contact) },
      { month: x.month, child: x.child, metric: 'tickets.reply_late_waiting', value: Number(x.reply) },
    ]);
  },
};

export const SUBJECTS_THEME: CockpitTheme = {
  id: 'subjects',
  name: '执法对象与双随机检查',
  nameEn: 'Subjects and inspections',
  permission: 'subject:read',
  order: 30,
  headline: 'inspections.visits',
  kpis: [
    {
      key: 'subjects.active',
      name: '在管执法对象',
      nameEn: 'Subjects under supervision',
      unit: 'count',
      num: ['subjects.active'],
      stock: true,
      definition: '状态为在管的执法对象（时点数），计入其点位所在中队，无点位的计入区局本级。',
      definitionEn: 'Active subjects now, for the squad whose area holds them (else the bureau).',
      source: 'subjects.status',
      list: subjectsOf,
    },
    {
      key: 'subjects.red',
      name: '红色（高风险）对象',
      nameEn: 'Red (high-risk) subjects',
      unit: 'count',
      num: ['subjects.red'],
      stock: true,
      definition: '在管对象中风险等级为红色的（时点数）。',
      definitionEn: 'Active subjects graded red, now.',
      source: 'subjects.risk_level',
    },
    {
      key: 'subjects.created',
      name: '新增执法对象',
      nameEn: 'Subjects added',
      unit: 'count',
      num: ['subjects.created'],
      definition: '按录入时间所在月份计的新增对象（被合并的不计）。',
      definitionEn: 'Subjects entered in the month (merged records excluded).',
      source: 'subjects.created_at',
    },
    {
      key: 'inspections.visits',
      name: '检查次数',
      nameEn: 'Inspection visits',
      unit: 'count',
      num: ['inspections.visits'],
      definition: '按检查日期所在月份计的现场检查（含双随机抽查与分级分类检查）。',
      definitionEn: 'Inspection visits (random draws and graded inspections) in the month visited.',
      source: 'inspection_visits',
      trend: true,
    },
    {
      key: 'inspections.failed_rate',
      name: '检查不合格率',
      nameEn: 'Visits failed',
      unit: 'percent',
      num: ['inspections.failed'],
      den: ['inspections.visits'],
      definition: '当月检查中结果为不合格的比例。',
      definitionEn: 'Share of the month’s visits whose outcome was failed.',
      source: 'inspection_visits.outcome',
      trend: true,
    },
    {
      key: 'inspections.to_case',
      name: '检查发现转立案',
      nameEn: 'Visits leading to a case',
      unit: 'count',
      num: ['inspections.to_case'],
      definition: '当月检查中关联了案件的次数。',
      definitionEn: 'Visits of the month linked to a case.',
      source: 'inspection_visits.case_id',
    },
  ],
};

export const STAFF_THEME: CockpitTheme = {
  id: 'staff',
  name: '队伍与勤务',
  nameEn: 'Staff and duty',
  permission: 'duty:read',
  order: 40,
  headline: 'duty.shifts',
  kpis: [
    {
      key: 'duty.shifts',
      name: '排班班次',
      nameEn: 'Shifts rostered',
      unit: 'count',
      num: ['duty.shifts'],
      definition: '按勤务日期所在月份计的排班人次（一名队员一个班次计 1）。',
      definitionEn: 'Officer-shifts rostered, in the month of the duty date.',
      source: 'duty_roster',
      trend: true,
    },
    {
      key: 'duty.field_share',
      name: '外勤班次占比',
      nameEn: 'Field shifts',
      unit: 'percent',
      num: ['duty.field_shifts'],
      den: ['duty.shifts'],
      definition: '排班人次中外勤（路面）班次的比例。',
      definitionEn: 'Share of the rostered officer-shifts that are field shifts.',
      source: 'duty_roster.field',
    },
    {
      key: 'duty.log_entries',
      name: '执法日志',
      nameEn: 'Duty-log entries',
      unit: 'count',
      num: ['duty.log_entries'],
      definition: '按日志日期所在月份计的执法日志条目（案件、诉件、检查步骤自动记录与手工记录）。',
      definitionEn: 'Duty-log entries (written by case, ticket and inspection steps, or by hand) in the month.',
      source: 'duty_log_entries',
      list: dutyLog,
      trend: true,
    },
    {
      key: 'staff.model_squads',
      name: '示范化中队达标率',
      nameEn: 'Model squads',
      unit: 'percent',
      num: ['staff.model_squads'],
      den: ['staff.squads'],
      definition: '达到示范化中队建设标准的中队占中队总数的比例。数据来源：队伍管理模块（尚未接入）。',
      definitionEn: 'Share of the squads meeting the model-squad standard. Source: the staff-management module (not connected).',
      source: '—',
      defaultTarget: 40,
      targetOp: '>=',
      targetSource: '“十四五”规划（种子 001）：示范化中队达标率 40% 以上',
      stock: true,
      connected: false,
    },
    {
      key: 'staff.standard_squads',
      name: '规范化中队达标率',
      nameEn: 'Standard squads',
      unit: 'percent',
      num: ['staff.standard_squads'],
      den: ['staff.squads'],
      definition: '达到规范化中队建设标准的中队占中队总数的比例。数据来源：队伍管理模块（尚未接入）。',
      definitionEn: 'Share of the squads meeting the standard-squad standard. Source: the staff-management module (not connected).',
      source: '—',
      defaultTarget: 98,
      targetOp: '>=',
      targetSource: '“十四五”规划（种子 001）：规范化中队达标率 98% 以上',
      stock: true,
      connected: false,
    },
    {
      key: 'staff.training',
      name: '参训率',
      nameEn: 'Training attendance',
      unit: 'percent',
      num: ['staff.trained'],
      den: ['staff.to_train'],
      definition: '应参训人员中实际参训的比例。数据来源：教育培训模块（尚未接入）。',
      definitionEn: 'Share of the officers due for training who attended. Source: the training module (not connected).',
      source: '—',
      defaultTarget: 99,
      targetOp: '>=',
      targetSource: '“十四五”规划（种子 001）：参训率 99% 以上',
      stock: true,
      connected: false,
    },
  ],
};

/** Registers the built-in themes (idempotent). */
export function registerBuiltinThemes(): void {
  registerCockpitTheme(CASES_THEME);
  registerCockpitTheme(COMPLAINTS_THEME);
  registerCockpitTheme(SUBJECTS_THEME);
  registerCockpitTheme(STAFF_THEME);
}
