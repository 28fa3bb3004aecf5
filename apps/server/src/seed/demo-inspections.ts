// The demo's 双随机: one plan of 陆家嘴 for the current quarter, taken through the real API as the console takes it —
// drafted by the squad leader, approved by 浦东's bureau leader (the pools frozen, the seed's commitment published),
// drawn — then two of its drawn targets visited by their team: one passes, one fails an item and gets a 责令改正 order
// with the same team's re-inspection. So the draw page, the public draw page and the squad leader's home show a plan
// in progress on a fresh start. Like the demo cases, it logs in with the published demo password.
import type { FastifyInstance } from 'fastify';
import type { PlanDetail, VisitForm } from '@chengguan/contracts';
import { addDays, type LegalDate } from '@chengguan/domain';
import type { Deps } from '../context.ts';
import { shanghaiDate } from '../shared/time.ts';
import { DEMO_PASSWORD } from './demo-data.ts';

/** A PNG as a signature pad exports it (the magic number and some bytes of its own: each signature its own file). */
const png = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)]);

export type DemoInspections = { planId: string; drawn: number; visits: string[]; rectificationId: string | null };

/** The first and last day of the quarter holding `day`. */
function quarterOf(day: LegalDate): { from: LegalDate; to: LegalDate; label: string } {
  const year = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01` as LegalDate;
  const next = (q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`) as LegalDate;
  return { from, to: addDays(next, -1), label: `${year}年第${['一', '二', '三', '四'][q]}季度` };
}

export async function seedDemoInspections(app: FastifyInstance, deps: Deps): Promise<DemoInspections | null> {
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    let t = tokens.get(username);
    if (!t) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`demo login ${username}: ${r.statusCode} ${r.body}`);
      t = (r.json() as { token: string }).token;
      tokens.set(username, t);
    }
    return t;
  };
  const call = async <T>(user: string, method: 'POST' | 'GET', url: string, payload?: unknown, contentType?: string): Promise<T> => {
    const r = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await token(user)}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload !== undefined ? { payload: payload as Buffer } : {}),
    });
    if (r.statusCode >= 300) throw new Error(`demo inspection ${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as T;
  };
  const upload = async (user: string, text: string) =>
    (await call<{ sm3: string }>(user, 'POST', '/api/v1/files', png(text), 'image/png')).sm3;

  const ljz = await deps.db.selectFrom('orgs').select(['id']).where('code', '=', 'PD-LJZ').executeTakeFirst();
  if (!ljz) return null;
  const kinds = ['street_shop', 'restaurant_fume', 'construction_site'];
  const pool = await deps.db
    .selectFrom('subjects')
    .select('id')
    .where('org_id', '=', ljz.id)
    .where('kind', 'in', kinds)
    .where('status', '=', 'active')
    .execute();
  if (pool.length === 0) return null;
  const matters = await deps.db.selectFrom('inspection_matters').select(['code', 'subject_kinds']).where('active', '=', true).execute();
  const matterCodes = matters.filter((m) => m.subject_kinds.some((k) => kinds.includes(k))).map((m) => m.code);

  const today = shanghaiDate(deps.clock.now());
  const quarter = quarterOf(today);
  let plan = await call<PlanDetail>('pd_ljz_leader', 'POST', '/api/v1/inspection-plans', {
    title: `${quarter.label}陆家嘴街道沿街商户、餐饮和工地双随机抽查`,
    periodFrom: quarter.from,
    periodTo: quarter.to,
    matterCodes,
    subjectKinds: kinds,
    orgIds: [ljz.id],
    riskLevels: [],
    // A small pool: every red and yellow subject and half the green ones.
    proportions: [
      { level: 'red', basisPoints: 10_000 },
      { level: 'yellow', basisPoints: 10_000 },
      { level: 'green', basisPoints: 5_000 },
    ],
  });
  const act = async (user: string, action: string) => {
    plan = await call<PlanDetail>(user, 'POST', `/api/v1/inspection-plans/${plan.id}/${action}`, { expectedVersion: plan.version });
  };
  await act('pd_ljz_leader', 'submit');
  await act('pd_leader', 'approve');
  await act('pd_leader', 'draw');

  // Two drawn targets visited by their team today: the first passes, the second fails its first item.
  const tasks = await deps.db
    .selectFrom('inspection_tasks')
    .select(['subject_id', 'inspector_ids'])
    .where('plan_id', '=', plan.id)
    .orderBy('team_no')
    .orderBy('subject_id')
    .execute();
  const officers = new Map(
    (await deps.db.selectFrom('officers').select(['id', 'username']).execute()).map((o) => [o.id, o.username ?? '']),
  );
  const visits: string[] = [];
  let rectificationId: string | null = null;
  const visitedAt = new Date(deps.clock.now().getTime() - 2 * 3_600_000);
  for (const [n, task] of tasks.slice(0, 2).entries()) {
    const [first, second] = task.inspector_ids;
    const user = officers.get(first!)!;
    const form = await call<VisitForm>(user, 'GET', `/api/v1/inspection-visits/prepare?subjectId=${task.subject_id}`);
    const fail = n === 1 ? [form.items[0]!.code] : [];
    const photo = await upload(user, `demo photo ${task.subject_id}`);
    const body = {
      subjectId: form.subject.id,
      taskIds: form.tasks.map((t) => t.id),
      visitedAt: (shanghaiDate(visitedAt) === today ? visitedAt : deps.clock.now()).toISOString(),
      point: { lon: form.subject.pointLon ?? 121.51, lat: form.subject.pointLat ?? 31.236 },
      results: form.items.map((i) => {
        const failed = fail.includes(i.code);
        const needs = i.photo === 'always' || (i.photo === 'when_failed' && failed);
        return {
          code: i.code,
          result: failed ? 'fail' : 'pass',
          photoIds: needs ? [photo] : [],
          ...(failed ? { note: '现场发现问题，已当场告知' } : {}),
        };
      }),
      inspectorSignatures: [
        { officerId: first, signatureSm3: await upload(user, `demo signature ${first} ${task.subject_id}`) },
        {
          officerId: second,
          signatureSm3: await upload(user, `demo signature ${second} ${task.subject_id}`),
          employeeNo: form.inspectors.find((i) => i.id === second)!.employeeNo,
        },
      ],
      acknowledgement: {
        kind: 'signed',
        signerName: '店长',
        signatureSm3: await upload(user, `demo signature subject ${task.subject_id}`),
      },
    };
    const visit = await call<{ id: string }>(user, 'POST', '/api/v1/inspection-visits', body);
    visits.push(visit.id);
    if (fail.length > 0) {
      const order = await call<{ rectification: { id: string } | null }>(
        user,
        'POST',
        `/api/v1/inspection-visits/${visit.id}/rectification`,
        {
          itemCodes: fail,
          deadlineOn: addDays(today, 15),
          reinspectOn: addDays(today, 20),
          note: '请于整改期限内完成整改，逾期将依法处理',
        },
      );
      rectificationId = order.rectification?.id ?? null;
    }
  }
  return { planId: plan.id, drawn: tasks.length, visits, rectificationId };
}
