// Strings of the outbox page (短信发件箱, issue 5); spread into zh-CN.ts.
export const messagesZhCN = {
  'menu.messages': '短信发件箱',
  'messages.title': '短信发件箱（本地通道）',
  'messages.titleProvider': '短信发件箱（{name}）',
  'messages.localWarning': '本地通道：短信和邮件不会真正发出，只记录在此发件箱（以及服务器日志）中。验证码等内容仅供测试和演示使用。',
  'messages.at': '时间',
  'messages.recipient': '收件人',
  'messages.purpose': '用途',
  'messages.text': '内容',
  'messages.status': '状态',
  'messages.deliveredAt': '送达时间',
  'messages.case': '案件',
  'messages.provider': '通道',
  'messages.keyword': '内容关键词',
  'messages.purpose.otp': '验证码',
  'messages.purpose.service': '电子送达',
  'messages.purpose.reminder': '提醒',
  'messages.purpose.notice': '通知',
  'messages.status.sent': '已发送（待回执）',
  'messages.status.delivered': '已送达',
  'messages.status.failed': '发送失败',
} as const;

export type MessagesMessageKey = keyof typeof messagesZhCN;
