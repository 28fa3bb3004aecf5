// The worker publishes a pending entry and withdraws a decision whose change was recorded. Both are idempotent: the
// conditional UPDATE on the state makes a repeated job do nothing.
import { type PartyType, publicationEndsOn } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import { legalConfigOn } from '../law/index.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import type { ClaimedJob, JobHandlers } from '../scheduler/index.ts';
import { JOB_DISCLOSURE_PUBLISH, JOB_DISCLOSURE_WITHDRAW } from './disclosure.hooks.ts';
import { lockDisclosure, markPublished, markWithdrawn } from './disclosure.repository.ts';

async function run(deps: Deps, job: ClaimedJob, kind: 'publish' | 'withdraw'): Promise<void> {
  const { disclosureId } = job.payload as { disclosureId: string };
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockDisclosure(trx, disclosureId);
    if (!row) return;
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const party = await trx.selectFrom('cases').select('party_type').where('id', '=', row.case_id).executeTakeFirstOrThrow();
    // I3: every entry has an end — 3 years for a 经营主体 (沪营商 Art. 65), the configured period for a natural person.
    const { config } = await legalConfigOn(trx, today);
    const publicUntil = publicationEndsOn(today, party.party_type as PartyType, config);
    const done =
      kind === 'publish' ? await markPublished(trx, row.id, now, today, publicUntil) : await markWithdrawn(trx, row.id, now, today);
    if (!done) return;
    const due = kind === 'publish' ? row.publish_due_on : row.withdrawal_due_on;
    await recordAudit(
      trx,
      deps,
      null,
      { ip: null, correlationId: `job:${job.id}` },
      {
        action: kind === 'publish' ? 'disclosure.publish' : 'disclosure.withdraw',
        entityType: 'disclosure',
        entityId: row.id,
        bureauId: row.bureau_id,
        data: {
          on: today,
          dueOn: due,
          late: due !== null && today > due,
          rule: kind === 'publish' ? 'I1' : 'I2',
          ...(kind === 'publish' ? { publicUntil } : {}),
        },
      },
    );
  });
}

export const DISCLOSURE_JOB_HANDLERS: JobHandlers = {
  [JOB_DISCLOSURE_PUBLISH]: (deps, job) => run(deps, job, 'publish'),
  [JOB_DISCLOSURE_WITHDRAW]: (deps, job) => run(deps, job, 'withdraw'),
};
