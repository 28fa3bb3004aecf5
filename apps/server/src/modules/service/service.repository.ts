// All SQL of the service (送达) feature: consents, service records, 复议 / 诉讼 records.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { CaseReviewLitigationsTable, CaseServiceConsentsTable, CaseServicesTable } from './service.tables.ts';

export type ConsentRow = Selectable<CaseServiceConsentsTable> & { created_by_name: string | null };
export type ServiceRow = Selectable<CaseServicesTable> & { created_by_name: string | null };
export type ReviewLitigationRow = Selectable<CaseReviewLitigationsTable>;

export async function insertConsent(db: Executor, row: Insertable<CaseServiceConsentsTable>): Promise<void> {
  await db.insertInto('case_service_consents').values(row).execute();
}

export async function listConsents(db: Executor, caseId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('case_service_consents as c')
    .leftJoin('officers as o', 'o.id', 'c.created_by')
    .selectAll('c')
    .select('o.name as created_by_name')
    .where('c.case_id', '=', caseId)
    .orderBy('c.signed_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}

export async function findConsent(db: Executor, caseId: string, id: string): Promise<ConsentRow | undefined> {
  return db
    .selectFrom('case_service_consents as c')
    .leftJoin('officers as o', 'o.id', 'c.created_by')
    .selectAll('c')
    .select('o.name as created_by_name')
    .where('c.case_id', '=', caseId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function insertService(db: Executor, row: Insertable<CaseServicesTable>): Promise<void> {
  await db.insertInto('case_services').values(row).execute();
}

export async function updateService(db: Executor, id: string, patch: Updateable<CaseServicesTable>): Promise<void> {
  await db.updateTable('case_services').set(patch).where('id', '=', id).execute();
}

/** Completes a pending service once (a repeated receipt or a second job run finds nothing to do). */
export async function completePendingService(db: Executor, id: string, patch: Updateable<CaseServicesTable>): Promise<boolean> {
  const r = await db
    .updateTable('case_services')
    .set({ ...patch, status: 'served' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const serviceQuery = (db: Executor) =>
  db.selectFrom('case_services as s').leftJoin('officers as o', 'o.id', 's.created_by').selectAll('s').select('o.name as created_by_name');

export async function listServices(db: Executor, caseId: string): Promise<ServiceRow[]> {
  return serviceQuery(db).where('s.case_id', '=', caseId).orderBy('s.created_at', 'asc').execute();
}

export async function findService(db: Executor, caseId: string, id: string): Promise<ServiceRow | undefined> {
  return serviceQuery(db).where('s.case_id', '=', caseId).where('s.id', '=', id).executeTakeFirst();
}

export async function findServicesByMessage(db: Executor, messageId: string): Promise<ServiceRow[]> {
  return serviceQuery(db).where('s.message_id', '=', messageId).where('s.status', '=', 'pending').execute();
}

/** Public notices whose deemed service day has come (F4). */
export async function dueDeemedServices(db: Executor, today: string, limit = 200): Promise<ServiceRow[]> {
  return serviceQuery(db)
    .where('s.status', '=', 'pending')
    .where('s.method', '=', 'public_notice')
    .where('s.deemed_on', '<=', today)
    .orderBy('s.deemed_on')
    .limit(limit)
    .execute();
}

export async function insertReviewLitigation(db: Executor, row: Insertable<CaseReviewLitigationsTable>): Promise<void> {
  await db.insertInto('case_review_litigations').values(row).execute();
}

export async function endReviewLitigation(
  db: Executor,
  id: string,
  patch: Pick<Updateable<CaseReviewLitigationsTable>, 'ended_on' | 'result' | 'ended_event_id' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('case_review_litigations')
    .set(patch)
    .where('id', '=', id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listReviewLitigations(db: Executor, caseId: string): Promise<ReviewLitigationRow[]> {
  return db.selectFrom('case_review_litigations').selectAll().where('case_id', '=', caseId).orderBy('filed_on').execute();
}

export async function findReviewLitigation(db: Executor, caseId: string, id: string): Promise<ReviewLitigationRow | undefined> {
  return db.selectFrom('case_review_litigations').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}
