// Overdue alerts of joint work orders (issue 13 §3–4; docs/coordination.md §3a). The worker's job
// `coordination.alerts.scan` finds orders past a limit: not accepted by `accept_due_at` (state dispatched) or not
// reported by `handle_due_at` (state dispatched or accepted). The responsible unit's leaders are told — for an
// inbound order the squad's leaders (squad_leader of the order's squad), for an outbound order the partner unit's
// accounts — by an in-console message and an SMS through the messaging module (MESSAGE_PROVIDER; the local provider
// logs it in `messages` and sends nothing), in the transaction that writes the `joint_order_alerts` row. One alert per
// order per limit (order, clock, due instant): a rerun, a second worker or a run after a crash finds the row and sends
// nothing; a redispatch sets new clocks, so the new limit alerts again. The instant is a parameter (`now`), as the
// tickets' overdue SMS (docs/tickets.md §14).
import { sql } from 'kysely';
import type { Deps, Executor } from '../../../context.ts';
import { postConsoleMessages, textPhones } from '../../messaging/index.ts';
import { periodicScan } from '../../scheduler/index.ts';

export const JOB_JOINT_ORDER_ALERTS = 'coordination.alerts.scan';
/** Orders looked at per run, the longest overdue first; the rest wait for the next run. */
const BATCH = 200;

type Clock = 'accept' | 'handle';
const CLOCK_ZH: Record<Clock, string> = { accept: '接单时限', handle: '处置反馈时限' };

function shanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

type Candidate = {
  id: string;
  number: string;
  bureau_id: string;
  org_id: string;
  partner_id: string;
  direction: string;
  title: string;
  partner_name: string;
  org_name: string;
};

/** The clocks of the order that are past at `now` (the state and stop instants read under the lock). */
function overdueClocks(
  o: {
    state: string;
    accept_due_at: Date | string;
    handle_due_at: Date | string;
    accepted_at: Date | string | null;
    reported_at: Date | string | null;
  },
  now: Date,
): { clock: Clock; dueAt: Date }[] {
  const out: { clock: Clock; dueAt: Date }[] = [];
  const acceptDue = new Date(o.accept_due_at);
  const handleDue = new Date(o.handle_due_at);
  if (o.state === 'dispatched' && !o.accepted_at && acceptDue < now) out.push({ clock: 'accept', dueAt: acceptDue });
  if ((o.state === 'dispatched' || o.state === 'accepted') && !o.reported_at && handleDue < now)
    out.push({ clock: 'handle', dueAt: handleDue });
  return out;
}

/** The responsible unit's leaders: the squad's leaders (inbound) or the partner unit's accounts (outbound); active. */
async function recipientsOf(db: Executor, o: Candidate): Promise<{ id: string; phone: string | null }[]> {
  let q = db.selectFrom('officers as o').select(['o.id', 'o.phone']).distinct().where('o.active', '=', true);
  q =
    o.direction === 'outbound'
      ? q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('partner_accounts as a')
              .select('a.officer_id')
              .whereRef('a.officer_id', '=', 'o.id')
              .where('a.partner_id', '=', o.partner_id),
          ),
        )
      : q
          .where('o.org_id', '=', o.org_id)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('officer_roles as r')
                .select('r.officer_id')
                .whereRef('r.officer_id', '=', 'o.id')
                .where('r.role', '=', 'squad_leader'),
            ),
          );
  return q.orderBy('o.id').execute();
}

function textOf(o: Candidate, clock: Clock, dueAt: Date): string {
  const what = clock === 'accept' ? '未接单' : '未反馈处置结果';
  return `【城管执法】联合工单${o.number}（${o.title}）${what}，已超过${CLOCK_ZH[clock]}（${shanghaiTime(dueAt)}），请尽快处置。`;
}

export type JointAlertScanResult = { looked: number; raised: number; messages: number; sms: number };

export async function scanJointOrderAlerts(deps: Deps, now: Date = deps.clock.now()): Promise<JointAlertScanResult> {
  const notRaised = (clock: Clock, due: 'j.accept_due_at' | 'j.handle_due_at') =>
    sql<boolean>`not exists (select 1 from joint_order_alerts a where a.order_id = j.id and a.clock = ${clock} and a.due_at = ${sql.ref(due)})`;
  const candidates = (await deps.db
    .selectFrom('joint_orders as j')
    .innerJoin('partner_units as p', 'p.id', 'j.partner_id')
    .innerJoin('orgs as g', 'g.id', 'j.org_id')
    .select([
      'j.id',
      'j.number',
      'j.bureau_id',
      'j.org_id',
      'j.partner_id',
      'j.direction',
      'j.title',
      'p.name as partner_name',
      'g.name as org_name',
    ])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('j.state', '=', 'dispatched'),
          eb('j.accepted_at', 'is', null),
          eb('j.accept_due_at', '<', now),
          notRaised('accept', 'j.accept_due_at'),
        ]),
        eb.and([
          eb('j.state', 'in', ['dispatched', 'accepted']),
          eb('j.reported_at', 'is', null),
          eb('j.handle_due_at', '<', now),
          notRaised('handle', 'j.handle_due_at'),
        ]),
      ]),
    )
    .orderBy('j.accept_due_at')
    .orderBy('j.id')
    .limit(BATCH)
    .execute()) as Candidate[];
  let raised = 0;
  let messages = 0;
  let sms = 0;
  for (const o of candidates) {
    await deps.db.transaction().execute(async (trx) => {
      // Re-read under a lock: a step taken since the scan (accept, report, return, cancel) stops the clock.
      const fresh = await trx
        .selectFrom('joint_orders')
        .select(['state', 'accept_due_at', 'handle_due_at', 'accepted_at', 'reported_at'])
        .where('id', '=', o.id)
        .forUpdate()
        .executeTakeFirst();
      if (!fresh) return;
      let recipients: { id: string; phone: string | null }[] | null = null;
      for (const a of overdueClocks(fresh, now)) {
        const r = await trx
          .insertInto('joint_order_alerts')
          .values({ order_id: o.id, clock: a.clock, due_at: a.dueAt, raised_at: now })
          .onConflict((oc) => oc.columns(['order_id', 'clock', 'due_at']).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
        raised++;
        recipients ??= await recipientsOf(trx, o);
        const text = textOf(o, a.clock, a.dueAt);
        messages += await postConsoleMessages(
          trx,
          deps,
          recipients.map((rc) => ({
            recipientId: rc.id,
            bureauId: o.bureau_id,
            kind: `jointOrder.${a.clock}.expired`,
            title: `联合工单超期：${o.number}（${CLOCK_ZH[a.clock]}）`,
            body: `${o.title}；${o.org_name} / ${o.partner_name}。${CLOCK_ZH[a.clock]}已于 ${shanghaiTime(a.dueAt)} 到期。`,
            link: `/joint-orders/${o.id}`,
            dedupeKey: `joint-order-alert:${o.id}:${a.clock}:${a.dueAt.toISOString()}`,
          })),
        );
        const sent = await textPhones(
          trx,
          deps,
          recipients.map((rc) => rc.phone),
          { text, purpose: 'reminder', bureauId: o.bureau_id },
        );
        sms += sent;
        await trx
          .updateTable('joint_order_alerts')
          .set({ recipients: recipients.length, sms: sent })
          .where('order_id', '=', o.id)
          .where('clock', '=', a.clock)
          .where('due_at', '=', a.dueAt)
          .execute();
      }
    });
  }
  return { looked: candidates.length, raised, messages, sms };
}

/** The scan every TICKET_ALERT_SCAN_MINUTES (one job per slot, shared by the processes that schedule it). */
export const JOINT_ORDER_ALERT_SCAN = periodicScan({
  kind: JOB_JOINT_ORDER_ALERTS,
  minutes: (deps) => deps.config.ticketAlerts.scanMinutes,
  run: scanJointOrderAlerts,
});
