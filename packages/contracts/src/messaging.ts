// Messages to the party (短信 / 电子邮件) and the outbox page 「短信发件箱（本地通道）」 (issue 5).
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { IsoDate, PageQuery, Text, Uuid } from './common.ts';

const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const MESSAGE_PURPOSES = ['otp', 'service', 'reminder', 'notice'] as const;
export type MessagePurposeCode = (typeof MESSAGE_PURPOSES)[number];
export const MESSAGE_PURPOSE_ZH: Record<MessagePurposeCode, string> = {
  otp: '验证码',
  service: '电子送达',
  reminder: '提醒',
  notice: '通知',
};
export const MESSAGE_STATUSES = ['sent', 'delivered', 'failed'] as const;
export type MessageStatusCode = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_STATUS_ZH: Record<MessageStatusCode, string> = { sent: '已发送（待回执）', delivered: '已送达', failed: '发送失败' };

export const MessageListQuery = Type.Object({
  ...PageQuery,
  purpose: Type.Optional(literals(MESSAGE_PURPOSES)),
  status: Type.Optional(literals(MESSAGE_STATUSES)),
  /** Part of the phone number or e-mail address. */
  recipient: Type.Optional(Text(100)),
  caseId: Type.Optional(Uuid),
  /** Words in the text. */
  keyword: Type.Optional(Text(100)),
  /** Legal dates (Asia/Shanghai), inclusive. */
  fromDate: Type.Optional(IsoDate),
  toDate: Type.Optional(IsoDate),
});
export type MessageListQuery = Static<typeof MessageListQuery>;

export const MessageItem = Type.Object({
  id: Uuid,
  createdAt: Type.String({ format: 'date-time' }),
  channel: literals(['sms', 'email'] as const),
  /** The full number or address: the outbox is an administrator's page. */
  recipient: Type.String(),
  purpose: literals(MESSAGE_PURPOSES),
  text: Type.String(),
  provider: Type.String(),
  providerId: Nullable(Type.String()),
  status: literals(MESSAGE_STATUSES),
  error: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
});
export type MessageItem = Static<typeof MessageItem>;

export const MessageProviderInfo = Type.Object({
  name: Type.String(),
  /** True for the local provider: nothing is really sent. */
  local: Type.Boolean(),
});
export type MessageProviderInfo = Static<typeof MessageProviderInfo>;
