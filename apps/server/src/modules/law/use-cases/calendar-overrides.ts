import type { CalendarOverride, CalendarOverrideBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertCityWideWrite } from '../law.access.ts';
import {
  type CalendarOverrideRow,
  deleteCalendarOverride as deleteRow,
  findCalendarOverride,
  upsertCalendarOverride,
} from '../law-settings.repository.ts';

const toOverride = (r: CalendarOverrideRow): CalendarOverride => ({
  date: r.date,
  kind: r.kind as CalendarOverride['kind'],
  note: r.note,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Marks a day a working day or a holiday, over the package data (e.g. a State Council notice newer than the package). */
export async function setCalendarOverride(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  date: string,
  body: CalendarOverrideBody,
): Promise<CalendarOverride> {
  assertCityWideWrite(actor, 'calendar:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await findCalendarOverride(trx, date);
    await upsertCalendarOverride(trx, {
      date,
      kind: body.kind,
      note: body.note.trim(),
      updated_by: actor.id,
      updated_at: deps.clock.now(),
    });
    const after = toOverride((await findCalendarOverride(trx, date))!);
    await recordAudit(trx, deps, actor, meta, {
      action: 'law.calendar_override.set',
      entityType: 'law.calendar_override',
      entityId: date,
      data: { before: before ? toOverride(before) : null, after },
    });
    return after;
  });
}

export async function deleteCalendarOverride(deps: Deps, actor: Actor, meta: RequestMeta, date: string): Promise<void> {
  assertCityWideWrite(actor, 'calendar:write');
  await deps.db.transaction().execute(async (trx) => {
    const before = await findCalendarOverride(trx, date);
    if (!before || !(await deleteRow(trx, date))) throw new AppError('NOT_FOUND');
    await recordAudit(trx, deps, actor, meta, {
      action: 'law.calendar_override.delete',
      entityType: 'law.calendar_override',
      entityId: date,
      data: { before: toOverride(before) },
    });
  });
}
