// 移送: the case machine's own `transfer` step (C5 guard, 处罚法 Arts. 22, 27; 沪条例 Art. 28) takes the case to
// `transferred` and numbers its 移送函; this hook records the transfer — receiving authority, reason, basis, letter
// number — in the same transaction, so the coordination pages list every case handed to another region or authority.
import type { Deps } from '../../context.ts';
import { registerCaseStepHook, type CaseStepHook, type StepWrite } from '../cases/index.ts';
import { insertTransfer } from './coordination.repository.ts';

const recordTransfer: CaseStepHook<'transfer'> = async (deps: Deps, _meta, write: StepWrite<'transfer'>) => {
  const row = write.loaded.row;
  if (!row.bureau_id) return;
  await insertTransfer(write.trx, {
    id: deps.newId(),
    bureau_id: row.bureau_id,
    case_id: row.id,
    kind: write.input.kind,
    receiving_body: write.input.receivingBody,
    reason: write.input.reason,
    legal_basis: write.input.legalBasis,
    letter_number: write.documentNumber,
    transferred_on: write.input.date,
    actor_id: write.actor.id,
    created_at: deps.clock.now(),
  });
};

/** Registered once per process by buildModules. */
export function installCoordinationHooks(): void {
  registerCaseStepHook('transfer', recordTransfer);
}
