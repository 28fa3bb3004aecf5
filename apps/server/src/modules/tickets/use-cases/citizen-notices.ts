// The citizen who filed through the portal and let the officers call him (contact consent) is told by SMS when the
// bureau answers (回复), refers the matter to another department (移送) and closes it (办结) — his own ticket and every
// portal ticket merged under it (one parent keeps every reporter informed). The message is sent and logged in the
// step's transaction (modules/messaging: the local provider keeps it in the outbox; a gateway is a provider).
import type { Deps, Executor } from '../../../context.ts';
import { sendMessage } from '../../messaging/index.ts';

export type CitizenNoticeAction = 'reply' | 'refer' | 'close';

const SIGN = '【城管执法】';
const MAX_ANSWER = 60;

/** The SMS text for one step; the answer is shortened to keep the message within a few SMS segments. */
export function citizenNoticeText(action: CitizenNoticeAction, number: string, answer: string | null): string {
  const short = answer && answer.length > MAX_ANSWER ? `${answer.slice(0, MAX_ANSWER)}…` : answer;
  switch (action) {
    case 'reply':
      return `${SIGN}您的投诉（${number}）已答复：${short ?? ''}。详情请登录市民投诉门户查看。`;
    case 'refer':
      return `${SIGN}您的投诉（${number}）所反映事项不属城管执法职责，已移送相关部门处理${short ? `：${short}` : ''}。`;
    case 'close':
      return `${SIGN}您的投诉（${number}）已办结，欢迎登录市民投诉门户对处理结果进行评价。`;
  }
}

export async function notifyCitizens(
  trx: Executor,
  deps: Deps,
  ticketId: string,
  action: CitizenNoticeAction,
  answer: string | null,
): Promise<number> {
  const rows = await trx
    .selectFrom('tickets')
    .select(['number', 'reporter_phone'])
    .where((eb) => eb.or([eb('id', '=', ticketId), eb('parent_id', '=', ticketId)]))
    .where('citizen_id', 'is not', null)
    .where('reporter_phone', 'is not', null)
    .execute();
  for (const r of rows) {
    await sendMessage(trx, deps, { to: r.reporter_phone!, text: citizenNoticeText(action, r.number, answer), purpose: 'notice' });
  }
  return rows.length;
}
