// 双随机 at city scale: one plan over 300,000 pooled subjects of 青浦's eleven squads (5 % red, 20 % yellow, 75 %
// green; the quarterly default proportions draw every red and yellow one and a quarter of the green), approved and
// drawn through the use-cases the routes call, on a fresh database. Prints how long approval (freezing the pools,
// the input digest), the draw (load, runDraw, writing teams, targets and tasks in one transaction) and the public
// record take. `DRAW_SUBJECTS` changes the pool size; DATABASE_URL=postgres://… runs it on PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { seedDemo } from '../../apps/server/src/seed/seed-demo.ts';
import { authenticate } from '../../apps/server/src/modules/auth/index.ts';
import { login } from '../../apps/server/src/modules/auth/use-cases/login.ts';
import { createPlan } from '../../apps/server/src/modules/random-inspections/use-cases/save-plan.ts';
import {
  approvePlan,
  CRYPTO_SEED_SOURCE,
  submitPlan,
  type ApproveTimings,
} from '../../apps/server/src/modules/random-inspections/use-cases/plan-workflow.ts';
import { drawPlan, type DrawTimings } from '../../apps/server/src/modules/random-inspections/use-cases/draw-plan.ts';
import { publicDraw } from '../../apps/server/src/modules/random-inspections/use-cases/public-draw.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';

const N = Number(process.env.DRAW_SUBJECTS ?? 300_000);
const ms = (t0: number) => Math.round(performance.now() - t0);
const round = (_k: string, v: unknown) => (typeof v === 'number' ? Math.round(v) : v);

const config = { ...loadConfig(), dataDir: process.env.DATABASE_URL ? loadConfig().dataDir : 'memory://' };
const platform = await openPlatform({ config, migrate: true });
const { deps } = platform;
const seeded = await seedDemo(deps);
const squads = [...seeded.ids.orgs.entries()].filter(([k]) => /^qp-/.test(k)).map(([, id]) => id);
const bureau = seeded.ids.orgs.get('qp')!;
await deps.db
  .insertInto('inspection_matters')
  .values({
    id: randomUUID(),
    code: 'BENCH-SHOP',
    name_zh: '沿街商户检查',
    legal_basis_zh: '—',
    subject_kinds: ['street_shop'],
    items: '[]',
  })
  .execute();
let t = performance.now();
for (let i = 0; i < N; i += 5000) {
  const rows = [];
  for (let j = i; j < Math.min(N, i + 5000); j++) {
    const r = j % 20;
    rows.push({
      id: randomUUID(),
      code: randomBytes(12).toString('base64url'),
      bureau_id: bureau,
      org_id: squads[j % squads.length]!,
      kind: 'street_shop',
      name: `商户${j}`,
      name_key: `商户${j}`,
      risk_level: r === 0 ? 'red' : r <= 4 ? 'yellow' : 'green',
    });
  }
  await deps.db.insertInto('subjects').values(rows).execute();
}
console.log(`${N} subjects inserted in ${ms(t)} ms (${platform.database.kind})`);

const actor = async (username: string) => {
  const { token } = await login({ deps, username, password: DEMO_PASSWORD, meta: { ip: null, correlationId: null, userAgent: null } });
  return authenticate(deps, token);
};
const meta = { ip: null, correlationId: null };
const author = await actor('qp_leader');
const today = new Date(deps.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
let plan = await createPlan(deps, author, meta, {
  title: '青浦区沿街商户双随机抽查',
  periodFrom: today,
  periodTo: '2999-12-31',
  matterCodes: ['BENCH-SHOP'],
  subjectKinds: ['street_shop'],
  orgIds: squads,
  riskLevels: [],
});
plan = await submitPlan(deps, author, meta, plan.id, { expectedVersion: plan.version });
// Only the district's leader is above all eleven squads, and the author may not approve: the plan is put in the
// administrator's name so that the leader may approve and draw it.
const admin = seeded.ids.officers.get('qp-admin')!;
await deps.db.updateTable('inspection_plans').set({ created_by: admin }).where('id', '=', plan.id).execute();
const other = author;
let approveTimings: ApproveTimings | null = null;
t = performance.now();
plan = await approvePlan(deps, other, meta, plan.id, { expectedVersion: plan.version }, CRYPTO_SEED_SOURCE, (x) => (approveTimings = x));
console.log(`approve (freeze ${N} targets, input digest): ${ms(t)} ms — ${JSON.stringify(approveTimings, round)}`);
let timings: DrawTimings | null = null;
t = performance.now();
plan = await drawPlan(deps, { ...other }, meta, plan.id, { expectedVersion: plan.version }, (x) => (timings = x));
const total = ms(t);
console.log(`draw end to end: ${total} ms — ${JSON.stringify(timings, round)}`);
t = performance.now();
const pub = await publicDraw(deps, plan.id);
console.log(
  `public record (${pub.targets.length} targets, ${pub.result?.targets.length} drawn): ${ms(t)} ms, ${JSON.stringify(pub).length} bytes of JSON`,
);
await platform.database.close();
