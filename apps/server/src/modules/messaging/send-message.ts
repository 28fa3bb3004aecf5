// Messages to the party (短信 / 电子邮件): one-time codes of the portal, electronic service (F2), reminders.
// A provider is chosen by configuration (MESSAGE_PROVIDER, `local` by default); every message is logged in the
// `messages` table whatever the provider, with its delivery receipt — the proof that an electronically served
// document reached the party's system (民诉法 Art. 90, F2). Callers audit their own action in the same transaction.
import type { Deps, Executor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { localMessageProvider } from './local-provider.ts';
import { caseOwner, findMessage, insertMessage, setDelivered } from './messaging.repository.ts';
import type { MessageChannel, MessagePurpose, MessageStatus } from './messaging.tables.ts';

export type OutgoingMessage = { id: string; channel: MessageChannel; to: string; text: string; purpose: MessagePurpose };

/**
 * A provider sends and answers with its own message id. `deliveredAt` is the arrival reported with the answer
 * (the local provider, some gateways); a provider whose receipts come later answers null and the receipt handler
 * calls `markMessageDelivered`. A refused message throws.
 */
export type MessageProvider = {
  name: string;
  /** The local provider sends nothing: pages that show messages say so. */
  local: boolean;
  send(msg: OutgoingMessage): Promise<{ providerId: string; deliveredAt: Date | null }>;
};

export type MessageProviderFactory = (deps: Pick<Deps, 'clock' | 'config'>) => MessageProvider;

const PROVIDERS = new Map<string, MessageProviderFactory>([['local', localMessageProvider]]);

/** A provider under a name that MESSAGE_PROVIDER (config.messageProvider) can select; tests register theirs. */
export function registerMessageProvider(name: string, factory: MessageProviderFactory): void {
  PROVIDERS.set(name, factory);
}

export function messageProviderOf(deps: Pick<Deps, 'clock' | 'config'>): MessageProvider {
  const factory = PROVIDERS.get(deps.config.messageProvider);
  if (!factory) throw new Error(`MESSAGE_PROVIDER "${deps.config.messageProvider}" is not registered`);
  return factory(deps);
}

export type SendMessageRequest = {
  /** A mobile number (SMS) or an e-mail address. */
  to: string;
  text: string;
  purpose: MessagePurpose;
  caseId?: string;
  partyId?: string;
  /** The bureau the message is logged under when no case names it (an alert to an officer). */
  bureauId?: string;
};

export type SentMessage = { id: string; status: MessageStatus; deliveredAt: Date | null };

const MOBILE = /^1\d{10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function channelOf(to: string): MessageChannel | null {
  if (MOBILE.test(to)) return 'sms';
  if (EMAIL.test(to)) return 'email';
  return null;
}

/** An address as messages go to it: spaces and dashes dropped (「139 1234-5678」). */
const addressOf = (to: string) => to.trim().replace(/[\s-]/g, '');

/**
 * Texts each of `phones` that is a mobile number (spaces and dashes ignored; others, blanks and repeats skipped), in
 * the caller's transaction, as `sendMessage` does. Answers how many were sent.
 */
export async function textPhones(
  trx: Executor,
  deps: Deps,
  phones: readonly (string | null)[],
  msg: Omit<SendMessageRequest, 'to'>,
): Promise<number> {
  const seen = new Set<string>();
  for (const raw of phones) {
    const to = addressOf(raw ?? '');
    if (channelOf(to) !== 'sms' || seen.has(to)) continue;
    seen.add(to);
    await sendMessage(trx, deps, { ...msg, to });
  }
  return seen.size;
}

/** Sends one message and logs it in the caller's transaction. A refused message is logged as failed, not thrown. */
export async function sendMessage(trx: Executor, deps: Deps, msg: SendMessageRequest): Promise<SentMessage> {
  const to = addressOf(msg.to);
  const channel = channelOf(to);
  if (!channel) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      message: 'to：收件地址须为 11 位手机号码或电子邮件地址',
      messageEn: 'to: the address must be an 11-digit mobile number or an e-mail address',
    });
  }
  if (msg.text.trim() === '')
    throw new AppError('VALIDATION_FAILED', { field: 'text', message: 'text：内容为空', messageEn: 'text: empty' });
  const owner = msg.caseId ? await caseOwner(trx, msg.caseId) : undefined;
  if (msg.caseId && !owner) throw new AppError('NOT_FOUND', { field: 'caseId' });
  const provider = messageProviderOf(deps);
  const id = deps.newId();
  const createdAt = deps.clock.now();
  let providerId: string | null = null;
  let deliveredAt: Date | null = null;
  let error: string | null = null;
  try {
    ({ providerId, deliveredAt } = await provider.send({ id, channel, to, text: msg.text, purpose: msg.purpose }));
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const status: MessageStatus = error !== null ? 'failed' : deliveredAt ? 'delivered' : 'sent';
  await insertMessage(trx, {
    id,
    bureau_id: owner?.bureau_id ?? msg.bureauId ?? null,
    case_id: msg.caseId ?? null,
    party_id: msg.partyId ?? owner?.party_id ?? null,
    channel,
    to_address: to,
    purpose: msg.purpose,
    text: msg.text,
    provider: provider.name,
    provider_id: providerId,
    status,
    error,
    created_at: createdAt,
    delivered_at: status === 'delivered' ? deliveredAt : null,
  });
  return { id, status, deliveredAt: status === 'delivered' ? deliveredAt : null };
}

export type DeliveredMessage = { id: string; caseId: string | null; purpose: MessagePurpose; deliveredAt: Date };

/** Code run in the receipt's transaction when a message is first reported delivered (electronic service …). */
export type MessageDeliveredHook = (trx: Executor, deps: Deps, msg: DeliveredMessage) => Promise<void>;

const DELIVERED_HOOKS: MessageDeliveredHook[] = [];

export function registerMessageDeliveredHook(hook: MessageDeliveredHook): void {
  if (!DELIVERED_HOOKS.includes(hook)) DELIVERED_HOOKS.push(hook);
}

/**
 * A provider's delivery receipt. Idempotent: a repeated receipt changes nothing and runs no hook. A receipt for an
 * unknown message is 404; for a failed one, a 409.
 */
export async function markMessageDelivered(trx: Executor, deps: Deps, id: string, at: Date): Promise<void> {
  const row = await findMessage(trx, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status === 'failed')
    throw new AppError('STATE_CONFLICT', { message: '该消息发送失败，不能确认送达', messageEn: 'The message failed' });
  if (!(await setDelivered(trx, id, at))) return;
  for (const hook of DELIVERED_HOOKS) await hook(trx, deps, { id, caseId: row.case_id, purpose: row.purpose, deliveredAt: at });
}
