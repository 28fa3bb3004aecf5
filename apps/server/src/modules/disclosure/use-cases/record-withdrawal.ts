// I2 — 处罚法 Art. 48: 「公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息
// 并公开说明理由。」 An authorised user records the change (what, when, by which body, why); the withdrawal is due 3
// working days after the change and a job withdraws it at once. The public page then shows only a withdrawal notice.
import type { DisclosureItem, DisclosureWithdrawalBody } from '@chengguan/contracts';
import { disclosureWithdrawalDeadline } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { JOB_DISCLOSURE_WITHDRAW } from '../disclosure.hooks.ts';
import { findDisclosureWithOrg, recordChange } from '../disclosure.repository.ts';
import { listDisclosures } from './list-disclosures.ts';

export async function recordDisclosureWithdrawal(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: DisclosureWithdrawalBody,
): Promise<DisclosureItem> {
  assertPermission(actor, 'disclosure:write');
  const found = await findDisclosureWithOrg(deps.db, id);
  assertInJurisdiction(actor, found?.org_path);
  const row = found!;
  const today = shanghaiDate(deps.clock.now());
  if (body.changeOn > today) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'changeOn',
      message: 'changeOn：变更日期不能晚于今天',
      messageEn: 'changeOn: in the future',
    });
  }
  if (body.changeOn < row.decided_on) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'changeOn',
      message: `changeOn：变更日期不能早于决定日期 ${row.decided_on}`,
      messageEn: `changeOn: before the decision date ${row.decided_on}`,
    });
  }
  if (row.state !== 'published') {
    throw new AppError('STATE_CONFLICT', {
      message: row.state === 'pending' ? '尚未公示的决定无需撤回' : '该公示已撤回或正在撤回',
      messageEn: row.state === 'pending' ? 'Not published yet' : 'Already withdrawn or being withdrawn',
    });
  }
  const due = disclosureWithdrawalDeadline(body.changeOn, await loadWorkCalendar(deps.db));
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const changed = await recordChange(trx, row.id, {
      change_kind: body.kind,
      change_on: body.changeOn,
      change_body: body.body.trim(),
      change_reason: body.reason.trim(),
      change_recorded_by: actor.id,
      change_recorded_at: now,
      withdrawal_due_on: due.due,
    });
    if (!changed) throw new AppError('STATE_CONFLICT');
    await enqueueJob(trx, {
      id: deps.newId(),
      kind: JOB_DISCLOSURE_WITHDRAW,
      runAt: now,
      payload: { disclosureId: row.id },
      bureauId: row.bureau_id,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'disclosure.record_change',
      entityType: 'disclosure',
      entityId: row.id,
      bureauId: row.bureau_id,
      data: { kind: body.kind, changeOn: body.changeOn, body: body.body, reason: body.reason, withdrawalDueOn: due.due, basis: due.basis },
    });
  });
  const page = await listDisclosures(deps, actor, { keyword: row.document_number, pageSize: 5 });
  const item = page.items.find((i) => i.id === row.id);
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}
