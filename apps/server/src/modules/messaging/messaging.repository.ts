import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';
import type { MessagePurpose, MessageStatus, MessagesTable } from './messaging.tables.ts';
import { containsPattern } from '../../db/like.ts';

export type MessageRow = Selectable<MessagesTable>;

export async function insertMessage(db: Executor, row: Insertable<MessagesTable>): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMessageByProviderId(db: Executor, provider: string, providerId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('provider', '=', provider).where('provider_id', '=', providerId).executeTakeFirst();
}

/** Only a message still waiting for its receipt changes: a repeated receipt does nothing (returns false). */
export async function setDelivered(db: Executor, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('messages')
    .set({ status: 'delivered', delivered_at: at })
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function caseOwner(db: Executor, caseId: string): Promise<{ bureau_id: string | null; party_id: string } | undefined> {
  return db.selectFrom('cases').select(['bureau_id', 'party_id']).where('id', '=', caseId).executeTakeFirst();
}

export type MessageFilters = {
  jurisdictionPath: string;
  seesUnowned: boolean;
  purpose?: MessagePurpose;
  status?: MessageStatus;
  recipient?: string;
  caseId?: string;
  keyword?: string;
  /** Instants bounding created_at: [from, to). */
  from?: Date;
  to?: Date;
};

export type MessageListRow = MessageRow & { case_number: string | null };

/**
 * Messages inside the jurisdiction: a case's message by the case's squad, a message without a case by its bureau;
 * messages of neither only for users of the whole tree.
 */
export async function listMessages(db: Executor, f: MessageFilters, page: number, pageSize: number) {
  let q = db
    .selectFrom('messages as m')
    .leftJoin('cases as c', 'c.id', 'm.case_id')
    .leftJoin('orgs as co', 'co.id', 'c.org_id')
    .leftJoin('orgs as bo', 'bo.id', 'm.bureau_id')
    .where((eb) => {
      const path = sql<string>`coalesce(${eb.ref('co.path')}, ${eb.ref('bo.path')})`;
      const inside = eb(path, 'like', `${f.jurisdictionPath}%`);
      return f.seesUnowned ? eb.or([inside, eb(path, 'is', null)]) : inside;
    });
  if (f.purpose) q = q.where('m.purpose', '=', f.purpose);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.recipient) q = q.where('m.to_address', 'like', containsPattern(f.recipient));
  if (f.caseId) q = q.where('m.case_id', '=', f.caseId);
  if (f.keyword) q = q.where('m.text', 'ilike', containsPattern(f.keyword));
  if (f.from) q = q.where('m.created_at', '>=', f.from);
  if (f.to) q = q.where('m.created_at', '<', f.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q
    .selectAll('m')
    .select('c.case_number')
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: items as MessageListRow[], total: Number(total.n) };
}
