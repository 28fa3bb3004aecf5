import type { Timestamp } from '../../db/schema.ts';

export type MessageChannel = 'sms' | 'email';
export type MessagePurpose = 'otp' | 'service' | 'reminder' | 'notice';
export type MessageStatus = 'sent' | 'delivered' | 'failed';

/** Every message the platform sent, whatever the provider (migration 008_portal.sql); the local provider's outbox. */
export type MessagesTable = {
  id: string;
  bureau_id: string | null;
  case_id: string | null;
  party_id: string | null;
  channel: MessageChannel;
  to_address: string;
  purpose: MessagePurpose;
  text: string;
  provider: string;
  provider_id: string | null;
  status: MessageStatus;
  error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
};

/** In-console messages to one officer (migration 043): alerts of the command centre and the squads. */
export type ConsoleMessagesTable = {
  id: string;
  recipient_id: string;
  bureau_id: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
};

export type MessagingTables = { messages: MessagesTable; console_messages: ConsoleMessagesTable };
