// Keeps case_enforcement in step with the case: after every step that touches payment or enforcement (a step hook,
// same transaction) and once a day (the status moves with the calendar: the payment period runs out, the G3 window
// opens). The first time the check finds a case overdue with no 催告书 it is marked 「待催告」: a timeline event and an audit
// row, once (行政强制法 Art. 35: 催告 before enforcement; Art. 54: before applying to the court).
import type { Insertable } from 'kysely';
import {
  type CaseContext,
  type CaseSnapshot,
  enforcementRecheckOn,
  enforcementView,
  type EnforcementView,
  type WorkCalendar,
} from '@chengguan/domain';
import type { Deps, Executor, RequestMeta } from '../../context.ts';
import { recordAudit } from '../audit/index.ts';
import type { CaseRow } from '../cases/index.ts';
import { insertCaseEvent } from '../cases/index.ts';
import { findEnforcement, upsertEnforcement } from './enforcement.repository.ts';
import type { CaseEnforcementTable } from './enforcement.tables.ts';
import { sm3Hex } from '../../shared/sm3.ts';

export const EVENT_AWAITING_REMINDER = 'enforcementAwaitingReminder';

export type RefreshResult = { status: string; marked: boolean };

const CALENDAR_KEYS = new WeakMap<WorkCalendar, string>();

/** SM3 of a working calendar's content (holidays, 调休 working days, covered years), once per calendar object. */
export function calendarKey(calendar: WorkCalendar): string {
  let key = CALENDAR_KEYS.get(calendar);
  if (key === undefined) {
    const sorted = (set: ReadonlySet<string | number>) => [...set].map(String).sort().join(',');
    key = sm3Hex(`${sorted(calendar.holidays)}|${sorted(calendar.makeUpWorkdays)}|${sorted(calendar.coveredYears)}`);
    CALENDAR_KEYS.set(calendar, key);
  }
  return key;
}

/** What a refresh writes: every column but the court package's. */
export type EnforcementValues = Required<
  Omit<Insertable<CaseEnforcementTable>, 'court_package_sm3' | 'court_package_doc_id' | 'court_package_on' | 'court_package_manifest'>
>;

/**
 * The enforcement row of a case as of `ctx.today`: its view, the 待催告 mark (`since`: the day the check first found
 * it overdue, or null) and when the daily check must look again. Null for a case without a fine and without a row.
 */
export function enforcementRow(
  row: Pick<CaseRow, 'id' | 'bureau_id' | 'org_id'>,
  snapshot: CaseSnapshot,
  ctx: CaseContext,
  mark: { stored: boolean; since: string | null; now: boolean },
  at: Date,
): { values: EnforcementValues; view: EnforcementView; marked: boolean } | null {
  const v = enforcementView(snapshot, ctx);
  if (!mark.stored && v.status === 'none' && v.fineFen === 0) return null;
  const marked = mark.now && v.status === 'awaiting_reminder' && !mark.since;
  const since = v.reminderServedOn || v.status === 'none' ? null : (mark.since ?? (marked ? ctx.today : null));
  // A case overdue without its 待催告 mark (a step refreshed it) is due for the check at once, whatever the calendar.
  const recheckOn = v.status === 'awaiting_reminder' && !since ? ctx.today : enforcementRecheckOn(v, snapshot, ctx.today);
  return {
    view: v,
    marked,
    values: {
      case_id: row.id,
      bureau_id: row.bureau_id,
      org_id: row.org_id,
      status: v.status,
      fine_fen: v.fineFen,
      surcharge_fen: v.surchargeFen,
      payment_due: v.paymentDue,
      awaiting_reminder_since: since,
      reminder_served_on: v.reminderServedOn,
      court_opens_on: v.courtOpensOn,
      court_closes_on: v.courtClosesOn,
      court_applied_on: v.courtAppliedOn,
      refreshed_on: ctx.today,
      recheck_on: recheckOn,
      calendar_key: calendarKey(ctx.calendar),
      updated_at: at,
    },
  };
}

export async function refreshCaseEnforcement(
  db: Executor,
  deps: Deps,
  meta: RequestMeta,
  row: Pick<CaseRow, 'id' | 'bureau_id' | 'org_id' | 'state'>,
  snapshot: CaseSnapshot,
  ctx: CaseContext,
  /** The daily / on-demand check marks 待催告; a step only refreshes (a backdated step is not the check). */
  opts: { mark: boolean },
): Promise<RefreshResult> {
  const stored = await findEnforcement(db, row.id);
  const next = enforcementRow(
    row,
    snapshot,
    ctx,
    { stored: stored !== undefined, since: stored?.awaiting_reminder_since ?? null, now: opts.mark },
    deps.clock.now(),
  );
  if (!next) return { status: 'none', marked: false };
  const { values, view: v, marked: mark } = next;
  await upsertEnforcement(db, values);
  if (mark) {
    const data = {
      paymentDue: v.paymentDue,
      surchargeFen: v.surchargeFen,
      basis: { ruleId: 'G1', articles: ['行政处罚法 Art. 67', '行政强制法 Art. 35'] },
    };
    await insertCaseEvent(db, {
      id: deps.newId(),
      case_id: row.id,
      bureau_id: row.bureau_id,
      action: EVENT_AWAITING_REMINDER,
      from_state: row.state,
      to_state: row.state,
      legal_date: ctx.today,
      at: deps.clock.now(),
      actor_id: null,
      version: null,
      data: JSON.stringify(data),
    });
    await recordAudit(db, deps, null, meta, {
      action: `case.${EVENT_AWAITING_REMINDER}`,
      entityType: 'case',
      entityId: row.id,
      bureauId: row.bureau_id,
      data,
    });
  }
  return { status: v.status, marked: mark };
}
