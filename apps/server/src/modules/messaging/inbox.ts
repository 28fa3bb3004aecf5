// 站内消息 (in-console messages): what the platform tells one officer in the console — the tickets' 临期 and overdue
// alerts to the squad leader and the command centre (issue 13 §4). Posted in the caller's transaction; the same
// (recipient, dedupe key) is one message however often it is posted, so a job that re-runs posts nothing twice.
import type { InboxItem, InboxQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../http/xlsx.ts';
import { recordAudit } from '../audit/index.ts';

export type ConsoleMessage = {
  recipientId: string;
  bureauId: string | null;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  dedupeKey: string;
};

/** Posts the messages; answers how many were new. */
export async function postConsoleMessages(trx: Executor, deps: Pick<Deps, 'newId' | 'clock'>, msgs: ConsoleMessage[]): Promise<number> {
  if (msgs.length === 0) return 0;
  const now = deps.clock.now();
  const r = await trx
    .insertInto('console_messages')
    .values(
      msgs.map((m) => ({
        id: deps.newId(),
        recipient_id: m.recipientId,
        bureau_id: m.bureauId,
        kind: m.kind,
        title: m.title,
        body: m.body,
        link: m.link ?? null,
        dedupe_key: m.dedupeKey,
        created_at: now,
        read_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['recipient_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

const iso = (d: Date | string) => new Date(d).toISOString();

function inboxQuery(deps: Deps, actor: Actor, q: InboxQuery) {
  let query = deps.db.selectFrom('console_messages').where('recipient_id', '=', actor.id);
  if (q.unread) query = query.where('read_at', 'is', null);
  if (q.kind) query = query.where('kind', '=', q.kind);
  return query;
}

/** My messages, newest first (every signed-in officer reads his own; nobody reads another's). */
export async function listInbox(deps: Deps, actor: Actor, q: InboxQuery, cap = 200): Promise<PageOf<InboxItem> & { unread: number }> {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const [total, unread, rows] = await Promise.all([
    inboxQuery(deps, actor, q)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('console_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipient_id', '=', actor.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
    inboxQuery(deps, actor, q)
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: iso(r.created_at),
      readAt: r.read_at ? iso(r.read_at) : null,
    })),
    total: Number(total.n),
    page,
    pageSize,
    unread: Number(unread.n),
  };
}

export async function exportInbox(deps: Deps, actor: Actor, q: InboxQuery): Promise<Buffer> {
  const page = await listInbox(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx(
    '站内消息',
    [
      { header: '时间', value: (m: InboxItem) => new Date(m.createdAt), width: 18 },
      { header: '标题', value: (m) => m.title, width: 30 },
      { header: '内容', value: (m) => m.body, width: 60 },
      { header: '已读', value: (m) => (m.readAt ? '是' : '') },
    ],
    page.items,
  );
}

/** Marks one of my messages read (idempotent; another officer's message is 404). */
export async function markInboxRead(deps: Deps, actor: Actor, meta: RequestMeta, id: string): Promise<InboxItem> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('console_messages')
      .selectAll()
      .where('id', '=', id)
      .where('recipient_id', '=', actor.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    let readAt = row.read_at;
    if (!readAt) {
      readAt = now;
      await trx.updateTable('console_messages').set({ read_at: now }).where('id', '=', id).execute();
      await recordAudit(trx, deps, actor, meta, {
        action: 'inbox.read',
        entityType: 'console_message',
        entityId: id,
        data: { kind: row.kind },
        bureauId: row.bureau_id,
      });
    }
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      link: row.link,
      createdAt: iso(row.created_at),
      readAt: iso(readAt),
    };
  });
}
