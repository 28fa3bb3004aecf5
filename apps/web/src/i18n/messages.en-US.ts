import type { MessagesMessageKey } from './messages.zh-CN.ts';

export const messagesEnUS: Record<MessagesMessageKey, string> = {
  'menu.messages': 'Outbox',
  'messages.title': 'Outbox (local channel)',
  'messages.titleProvider': 'Outbox ({name})',
  'messages.localWarning':
    'Local channel: SMS and e-mail are NOT really sent; they are only logged here (and in the server log). Codes are for tests and demos.',
  'messages.at': 'Time',
  'messages.recipient': 'Recipient',
  'messages.purpose': 'Purpose',
  'messages.text': 'Text',
  'messages.status': 'Status',
  'messages.deliveredAt': 'Delivered',
  'messages.case': 'Case',
  'messages.provider': 'Channel',
  'messages.keyword': 'Words in the text',
  'messages.purpose.otp': 'One-time code',
  'messages.purpose.service': 'Electronic service',
  'messages.purpose.reminder': 'Reminder',
  'messages.purpose.notice': 'Notice',
  'messages.status.sent': 'Sent (no receipt yet)',
  'messages.status.delivered': 'Delivered',
  'messages.status.failed': 'Failed',
};
