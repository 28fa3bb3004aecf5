// Overdue alerts (issue 13 §4): the worker's job `tickets.alerts.scan` finds open tickets whose 24-hour first contact
// or handling limit is within the configured lead (临期) or past (超期), and tells the responsible squad's leaders and
// the command centre of the ticket's bureau in the console (messaging's in-console messages). Each (ticket, clock,
// threshold, due instant) is raised once: the `ticket_alerts` row and its messages are written in one transaction per
// ticket, and a row already there is skipped, so re-runs, a second worker and a run after a crash raise nothing twice.
// The instant is a parameter (`now`); the job reschedules itself every TICKET_ALERT_SCAN_MINUTES.
// When the handling limit has passed (超期), the squad's leaders and the handling officer when one is assigned also get
// an SMS through the messaging module (MESSAGE_PROVIDER; the local provider logs it in `messages` and sends nothing),
// in the same transaction as the alert row: one SMS per officer per ticket per limit (a new limit after an approved
// extension is a new due instant, so a new alert); a rerun finds the row and sends nothing.
import { ticketAlertsDue, type TicketAlertDue } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Deps, Executor } from '../../../context.ts';
import { postConsoleMessages, textPhones, type ConsoleMessage } from '../../messaging/index.ts';
import { periodicScan } from '../../scheduler/index.ts';
import { OPEN } from '../use-cases/read-tickets.ts';
import { alertConfig, alertFacts } from './command-queue.ts';

export const JOB_TICKET_ALERTS = 'tickets.alerts.scan';
/** Tickets looked at per run, the most urgent first; the rest wait for the next run. */
const BATCH = 200;

const CLOCK_ZH = { first_contact: '24小时先行联系', handling: '办结时限' } as const;

function shanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

type Candidate = {
  id: string;
  number: string;
  bureau_id: string;
  org_id: string | null;
  state: string;
  paused_since: Date | null;
  reporter_phone: string | null;
  officer_id: string | null;
  first_contact_due_at: Date;
  first_contact_at: Date | null;
  handling_due_at: Date;
  path: string;
  category_name: string;
  address: string | null;
};

/** The squad's leaders and the commanders whose jurisdiction holds the ticket (active officers). */
async function recipientsOf(db: Executor, t: Candidate): Promise<string[]> {
  const rows = await db
    .selectFrom('officers as o')
    .innerJoin('officer_roles as r', 'r.officer_id', 'o.id')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select('o.id')
    .distinct()
    .where('o.active', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([eb('r.role', '=', 'squad_leader'), eb('o.org_id', '=', t.org_id ?? '00000000-0000-0000-0000-000000000000')]),
        eb.and([eb('r.role', '=', 'commander'), sql<boolean>`${t.path} LIKE g.path || '%'`]),
      ]),
    )
    .execute();
  return rows.map((r) => r.id).sort();
}

/** Who gets the overdue SMS: the squad's leaders and the handling officer (active officers with a mobile number). */
async function smsRecipientsOf(db: Executor, t: Candidate): Promise<(string | null)[]> {
  const none = '00000000-0000-0000-0000-000000000000';
  const rows = await db
    .selectFrom('officers as o')
    .select(['o.id', 'o.phone'])
    .distinct()
    .where('o.active', '=', true)
    .where('o.phone', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('o.id', '=', t.officer_id ?? none),
        eb.and([
          eb('o.org_id', '=', t.org_id ?? none),
          eb.exists(
            eb
              .selectFrom('officer_roles as r')
              .select('r.officer_id')
              .whereRef('r.officer_id', '=', 'o.id')
              .where('r.role', '=', 'squad_leader'),
          ),
        ]),
      ]),
    )
    .orderBy('o.id')
    .execute();
  return rows.map((r) => r.phone);
}

function smsTextOf(t: Candidate, a: TicketAlertDue): string {
  return `【城管执法】诉件${t.number}（${t.category_name}${t.address ? `，${t.address}` : ''}）已超过办结时限（${shanghaiTime(a.dueAt)}），请尽快处置并回复。`;
}

function messageOf(t: Candidate, a: TicketAlertDue, recipient: string): ConsoleMessage {
  const what = a.threshold === 'warning' ? '临期' : '超期';
  const due = shanghaiTime(a.dueAt);
  return {
    recipientId: recipient,
    bureauId: t.bureau_id,
    kind: `ticket.${a.clock}.${a.threshold}`,
    title: `诉件${what}：${t.number}（${CLOCK_ZH[a.clock]}）`,
    body: `${t.category_name}${t.address ? `，${t.address}` : ''}。${CLOCK_ZH[a.clock]}${a.threshold === 'warning' ? '将于' : '已于'} ${due} 到期。`,
    link: `/tickets/${t.id}`,
    dedupeKey: `ticket-alert:${t.id}:${a.clock}:${a.threshold}:${a.dueAt.toISOString()}`,
  };
}

export type AlertScanResult = { looked: number; raised: number; messages: number; sms: number };

export async function scanTicketAlerts(deps: Deps, now: Date = deps.clock.now()): Promise<AlertScanResult> {
  const config = alertConfig(deps);
  const fcHorizon = new Date(now.getTime() + config.firstContactLeadHours * 3_600_000);
  const hHorizon = new Date(now.getTime() + config.handlingLeadHours * 3_600_000);
  // Open, unpaused tickets with a clock inside its lead whose 'expired' alert is not yet raised for its due instant.
  const candidates = (await deps.db
    .selectFrom('tickets as t')
    .innerJoin('orgs as b', 'b.id', 't.bureau_id')
    .leftJoin('orgs as g', 'g.id', 't.org_id')
    .innerJoin('ticket_categories as c', 'c.code', 't.category_code')
    .select([
      't.id',
      't.number',
      't.bureau_id',
      't.org_id',
      't.state',
      't.paused_since',
      't.reporter_phone',
      't.officer_id',
      't.first_contact_due_at',
      't.first_contact_at',
      't.handling_due_at',
      't.address',
      'c.name_zh as category_name',
    ])
    .select(sql<string>`coalesce(g.path, b.path)`.as('path'))
    .where('t.state', 'in', OPEN)
    .where('t.paused_since', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('t.reporter_phone', 'is not', null),
          eb('t.first_contact_at', 'is', null),
          eb('t.first_contact_due_at', '<=', fcHorizon),
          eb.not(
            eb.exists(
              eb
                .selectFrom('ticket_alerts as a')
                .select('a.ticket_id')
                .whereRef('a.ticket_id', '=', 't.id')
                .where('a.clock', '=', 'first_contact')
                .where('a.threshold', '=', 'expired')
                .whereRef('a.due_at', '=', 't.first_contact_due_at'),
            ),
          ),
        ]),
        eb.and([
          eb('t.handling_due_at', '<=', hHorizon),
          eb.not(
            eb.exists(
              eb
                .selectFrom('ticket_alerts as a')
                .select('a.ticket_id')
                .whereRef('a.ticket_id', '=', 't.id')
                .where('a.clock', '=', 'handling')
                .where('a.threshold', '=', 'expired')
                .whereRef('a.due_at', '=', 't.handling_due_at'),
            ),
          ),
        ]),
      ]),
    )
    .orderBy('t.handling_due_at')
    .orderBy('t.id')
    .limit(BATCH)
    .execute()) as Candidate[];
  let raised = 0;
  let messages = 0;
  let sms = 0;
  for (const t of candidates) {
    const due = ticketAlertsDue(alertFacts(t), now, config);
    if (due.length === 0) continue;
    await deps.db.transaction().execute(async (trx) => {
      // Re-read under a lock: a step taken since the scan (reply, contact, 退单) ends the clock.
      const fresh = await trx
        .selectFrom('tickets')
        .select(['state', 'paused_since', 'reporter_phone', 'first_contact_due_at', 'first_contact_at', 'handling_due_at'])
        .where('id', '=', t.id)
        .forUpdate()
        .executeTakeFirst();
      if (!fresh) return;
      const still = ticketAlertsDue(alertFacts(fresh), now, config);
      let recipients: string[] | null = null;
      for (const a of still) {
        const r = await trx
          .insertInto('ticket_alerts')
          .values({ ticket_id: t.id, clock: a.clock, threshold: a.threshold, due_at: a.dueAt, raised_at: now, recipients: 0 })
          .onConflict((oc) => oc.columns(['ticket_id', 'clock', 'threshold', 'due_at']).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
        raised++;
        recipients ??= await recipientsOf(trx, t);
        const n = await postConsoleMessages(
          trx,
          deps,
          recipients.map((id) => messageOf(t, a, id)),
        );
        messages += n;
        if (a.clock === 'handling' && a.threshold === 'expired') {
          sms += await textPhones(trx, deps, await smsRecipientsOf(trx, t), {
            text: smsTextOf(t, a),
            purpose: 'reminder',
            bureauId: t.bureau_id,
          });
        }
        await trx
          .updateTable('ticket_alerts')
          .set({ recipients: recipients.length })
          .where('ticket_id', '=', t.id)
          .where('clock', '=', a.clock)
          .where('threshold', '=', a.threshold)
          .where('due_at', '=', a.dueAt)
          .execute();
      }
    });
  }
  return { looked: candidates.length, raised, messages, sms };
}

/** The scan every TICKET_ALERT_SCAN_MINUTES (one job per slot, shared by the processes that schedule it). */
export const TICKET_ALERT_SCAN = periodicScan({
  kind: JOB_TICKET_ALERTS,
  minutes: (deps) => deps.config.ticketAlerts.scanMinutes,
  run: scanTicketAlerts,
});
