// The officer's outbox on the phone (docs/field-app.md): what he records without a signal — tickets, inspection
// results, evidence photos, notes — is kept in IndexedDB (idb), each step with its own Idempotency-Key fixed when it
// was recorded, and sent in order when the connection returns. A photo is uploaded first with the SM3 computed at
// capture (X-Content-SM3); the step that refers to it is sent after. Every write carries X-Field-Queued-At, so the
// server checks the officer's 执法证 as of the sync. An answer of 4xx keeps the item with the server's reason and the
// officer's choices (retry as new, discard, hand over): nothing is dropped without his word.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ErrorBody } from '@chengguan/contracts';
import { newIdempotencyKey } from '../api/client.ts';
import { pageConnection } from './connection.ts';

export type QueuedPhoto = { sm3: string; type: string; bytes: Blob };
export type QueuedStep = {
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  /** JSON body; the string `$photos` in it is replaced by the photos' SM3s (an array), `$photo` by the first one. */
  body: unknown;
  idempotencyKey: string;
};
export type QueueState = 'waiting' | 'sending' | 'refused' | 'handover' | 'done';
export type QueueKind = 'ticket' | 'inspection' | 'evidence' | 'note';
export type QueuedItem = {
  id: string;
  kind: QueueKind;
  /** What the officer recognises it by (the ticket's content, the case's number …). */
  label: string;
  /** The officer who recorded it (his session's user id): only his own items are sent with his session. */
  officerId: string;
  queuedAt: string;
  photos: QueuedPhoto[];
  steps: QueuedStep[];
  /** Steps already accepted by the server (a retry resumes after them). */
  sent: number;
  state: QueueState;
  /** The server's refusal, in both languages, with its HTTP status. */
  refusal?: { status: number; body: ErrorBody };
  result?: unknown;
};

type FieldDb = DBSchema & {
  outbox: { key: string; value: QueuedItem; indexes: { byState: QueueState } };
};

let dbp: Promise<IDBPDatabase<FieldDb>> | null = null;
function db(): Promise<IDBPDatabase<FieldDb>> {
  dbp ??= openDB<FieldDb>('chengguan-field', 1, {
    upgrade(d) {
      const s = d.createObjectStore('outbox', { keyPath: 'id' });
      s.createIndex('byState', 'state');
    },
  });
  return dbp;
}

type Listener = () => void;
const listeners = new Set<Listener>();
export function onQueueChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
function changed(): void {
  for (const l of listeners) l();
}

export async function enqueue(item: Omit<QueuedItem, 'id' | 'sent' | 'state' | 'queuedAt'> & { queuedAt?: string }): Promise<QueuedItem> {
  const full: QueuedItem = {
    ...item,
    id: newIdempotencyKey(),
    sent: 0,
    state: 'waiting',
    queuedAt: item.queuedAt ?? new Date().toISOString(),
  };
  await (await db()).put('outbox', full);
  changed();
  return full;
}

export async function listQueue(): Promise<QueuedItem[]> {
  const all = await (await db()).getAll('outbox');
  return all.filter((i) => i.state !== 'done').sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function waitingCount(): Promise<number> {
  return (await listQueue()).length;
}

async function save(item: QueuedItem): Promise<void> {
  await (await db()).put('outbox', item);
  changed();
}

/** 重新提交（作为新记录）: fresh Idempotency-Keys for the steps not yet accepted, then sent again. */
export async function retryAsNew(id: string): Promise<void> {
  const item = await (await db()).get('outbox', id);
  if (!item) return;
  item.steps = item.steps.map((s, i) => (i < item.sent ? s : { ...s, idempotencyKey: newIdempotencyKey() }));
  item.state = 'waiting';
  delete item.refusal;
  await save(item);
}

/** 放弃: only on the officer's word. */
export async function discard(id: string): Promise<void> {
  await (await db()).delete('outbox', id);
  changed();
}

/** 移交: kept, marked for handing over (the officer exports it for a colleague or his squad leader). */
export async function markHandover(id: string): Promise<QueuedItem | undefined> {
  const item = await (await db()).get('outbox', id);
  if (!item) return undefined;
  item.state = 'handover';
  await save(item);
  return item;
}

/** The item as a file for the hand-over (its photos as data URLs with their SM3s). */
export async function handoverFile(item: QueuedItem): Promise<Blob> {
  const photos = await Promise.all(
    item.photos.map(
      (p) =>
        new Promise<{ sm3: string; type: string; dataUrl: string }>((resolve) => {
          const r = new FileReader();
          r.onload = () => resolve({ sm3: p.sm3, type: p.type, dataUrl: String(r.result) });
          r.readAsDataURL(p.bytes);
        }),
    ),
  );
  const { photos: _omit, ...rest } = item;
  void _omit;
  return new Blob([JSON.stringify({ ...rest, photos }, null, 2)], { type: 'application/json' });
}

let running: Promise<void> | null = null;

/** Sends every waiting item of this officer, in order; stops at the first network failure (still offline). */
export function flushQueue(officerId: string): Promise<void> {
  running ??= (async () => {
    try {
      for (const item of await listQueue()) {
        if (item.state !== 'waiting' || item.officerId !== officerId) continue;
        const ok = await sendItem(item);
        if (ok === 'offline') break;
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

async function sendItem(item: QueuedItem): Promise<'done' | 'refused' | 'offline'> {
  item.state = 'sending';
  await save(item);
  const headers = (key: string): Record<string, string> => ({
    Accept: 'application/json',
    'Idempotency-Key': key,
    'X-Field-Queued-At': item.queuedAt,
  });
  try {
    // Photos first: content-addressed, so a photo uploaded twice is one file.
    for (const [i, p] of item.photos.entries()) {
      if (item.sent > 0) break;
      const res = await fetch('/api/v1/files', {
        method: 'POST',
        credentials: 'include',
        referrerPolicy: 'same-origin',
        headers: { ...headers(`${item.id}-photo-${i}`), 'Content-Type': p.type, 'X-Content-SM3': p.sm3 },
        body: p.bytes,
      });
      if (!res.ok) return await refuse(item, res);
    }
    const sm3s = item.photos.map((p) => p.sm3);
    for (let i = item.sent; i < item.steps.length; i++) {
      const step = item.steps[i]!;
      const body = JSON.stringify(step.body, (_k, v: unknown) => (v === '$photos' ? sm3s : v === '$photo' ? sm3s[0] : v));
      const res = await fetch(step.url, {
        method: step.method,
        credentials: 'include',
        referrerPolicy: 'same-origin',
        headers: { ...headers(step.idempotencyKey), 'Content-Type': 'application/json' },
        body,
      });
      if (!res.ok) return await refuse(item, res);
      item.result = await res.json().catch(() => null);
      item.sent = i + 1;
      await save(item);
    }
    item.state = 'done';
    await save(item);
    return 'done';
  } catch {
    // No answer at all: still offline. The same keys go again next time (safe: the server answers a repeat once).
    item.state = 'waiting';
    await save(item);
    pageConnection().noAnswer();
    return 'offline';
  }
}

async function refuse(item: QueuedItem, res: Response): Promise<'refused' | 'offline'> {
  if (res.status >= 500 || res.status === 401 || res.status === 429) {
    // The server or the session, not the record: it stays waiting (a 401 after the next login).
    item.state = 'waiting';
    await save(item);
    return 'offline';
  }
  let body: ErrorBody = {
    code: `HTTP_${res.status}`,
    message: `请求失败（HTTP ${res.status}）`,
    messageEn: `Request failed (HTTP ${res.status})`,
  };
  try {
    const parsed = (await res.json()) as ErrorBody;
    if (parsed && typeof parsed.code === 'string') body = parsed;
  } catch {
    // keep the generic body
  }
  item.state = 'refused';
  item.refusal = { status: res.status, body };
  await save(item);
  return 'refused';
}

/** Cached reads of the officer's working data are dropped at logout (a shared phone keeps nothing of him). */
export async function clearOfflineReads(): Promise<void> {
  if ('caches' in window) await caches.delete('api-reads');
}
