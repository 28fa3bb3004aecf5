// The outbox of 房屋注记 / 解注记: one job per message; a failure is recorded on the annotation (attempts, last error)
// and the job retried with the scheduler's backoff; the receipt's signature is checked before the state moves.
import type { ClaimedJob, JobHandlers } from '../../scheduler/index.ts';
import type { Deps } from '../../../context.ts';
import { signedHeaders, verifyExchangeSignature } from '../../../shared/connector-signing.ts';
import { HOUSING_LABEL, housingConnector, housingSecret, type HousingMessage } from './housing-connector.ts';

export const JOB_HOUSING_SEND = 'housing.send';

export async function sendHousingMessage(deps: Deps, job: Pick<ClaimedJob, 'payload'>): Promise<void> {
  const { annotationId, action } = job.payload as { annotationId: string; action: 'annotate' | 'release' };
  const a = await deps.db
    .selectFrom('house_annotations as a')
    .innerJoin('subjects as s', 's.id', 'a.compound_id')
    .innerJoin('orgs as b', 'b.id', 'a.bureau_id')
    .select(['a.id', 'a.state', 'a.room', 'a.reason', 'a.release_reason', 's.code', 's.name', 'b.code as bureau_code'])
    .where('a.id', '=', annotationId)
    .executeTakeFirst();
  const waiting = action === 'annotate' ? 'annotating' : 'releasing';
  if (!a || a.state !== waiting) return; // done meanwhile: nothing to send
  const connector = housingConnector(deps);
  if (!connector) throw new Error('HOUSING_CONNECTOR is off: the message waits');
  const message: HousingMessage = {
    messageId: `${annotationId}:${action}`,
    action,
    compoundCode: a.code,
    compoundName: a.name,
    room: a.room,
    reason: action === 'annotate' ? a.reason : (a.release_reason ?? ''),
    bureauCode: a.bureau_code,
  };
  const secret = housingSecret(deps.config);
  try {
    const answer = await connector.send(message, signedHeaders(secret, message, deps.clock.now()));
    verifyExchangeSignature(secret, answer.headers, answer.receipt, deps.clock.now(), HOUSING_LABEL);
    if (answer.receipt.messageId !== message.messageId) throw new Error('receipt for another message');
    const now = deps.clock.now();
    await deps.db
      .updateTable('house_annotations')
      .set(
        action === 'annotate'
          ? { state: 'annotated', housing_ref: answer.receipt.housingRef, annotated_at: now, last_error: null, updated_at: now }
          : { state: 'released', released_at: now, last_error: null, updated_at: now },
      )
      .where('id', '=', annotationId)
      .where('state', '=', waiting)
      .execute();
  } catch (err) {
    await deps.db
      .updateTable('house_annotations')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: err instanceof Error ? err.message.slice(0, 300) : 'error',
        updated_at: deps.clock.now(),
      }))
      .where('id', '=', annotationId)
      .execute();
    throw err;
  }
}

export const HOUSING_JOB_HANDLERS: JobHandlers = { [JOB_HOUSING_SEND]: sendHousingMessage };
