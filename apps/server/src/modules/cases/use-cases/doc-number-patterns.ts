import { DOC_TYPES, type DocNumberPattern, type DocNumberPatternBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { bureauShortName, findDocPattern, upsertDocPattern } from '../cases.repository.ts';
import { defaultPattern } from '../doc-numbers.ts';

function bureauOf(actor: Actor, bureauId: string | undefined): string {
  const id = bureauId ?? actor.bureauId;
  if (!id)
    throw new AppError('VALIDATION_FAILED', { field: 'bureauId', message: 'bureauId：请指定区局', messageEn: 'bureauId: name the bureau' });
  return id;
}

/** The 文号 pattern of every document type of a bureau (the default where none is configured). */
export async function listDocNumberPatterns(deps: Deps, actor: Actor, bureauId?: string): Promise<DocNumberPattern[]> {
  assertPermission(actor, 'case:read');
  const id = bureauOf(actor, bureauId);
  // A squad's staff read their own bureau's patterns; other bureaus only within their jurisdiction.
  if (id !== actor.bureauId) await getOrgRowOrFail(deps.db, actor, id);
  const short = await bureauShortName(deps.db, id);
  const now = new Date(0).toISOString();
  return Promise.all(
    DOC_TYPES.map(async (docType) => ({
      bureauId: id,
      docType,
      pattern: (await findDocPattern(deps.db, id, docType)) ?? defaultPattern(short, docType),
      updatedAt: now,
    })),
  );
}

export async function setDocNumberPattern(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: DocNumberPatternBody,
): Promise<DocNumberPattern> {
  assertPermission(actor, 'config:write');
  const id = bureauOf(actor, body.bureauId);
  return deps.db.transaction().execute(async (trx) => {
    await getOrgRowOrFail(trx, actor, id);
    await upsertDocPattern(trx, { bureau_id: id, doc_type: body.docType, pattern: body.pattern, updated_by: actor.id });
    await recordAudit(trx, deps, actor, meta, {
      action: 'case.doc_pattern',
      entityType: 'doc_number_pattern',
      entityId: null,
      bureauId: id,
      data: body,
    });
    return { bureauId: id, docType: body.docType, pattern: body.pattern, updatedAt: deps.clock.now().toISOString() };
  });
}
