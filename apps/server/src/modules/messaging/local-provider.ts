// The local provider: sends nothing. The message is only logged in the `messages` table (its outbox, shown on the
// console page 「短信发件箱（本地通道）」) and, outside tests, printed to the server log, so that a demo or a test can
// read a one-time code. It reports delivery at once.
import { maskPhone } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import type { MessageProvider } from './send-message.ts';

export function localMessageProvider(deps: Pick<Deps, 'clock'>): MessageProvider {
  return {
    name: 'local',
    local: true,
    async send(msg) {
      if (!process.env.VITEST) {
        const to = msg.channel === 'sms' ? maskPhone(msg.to) : msg.to;
        console.info(`[本地短信通道 local message provider, not sent] ${msg.purpose} → ${to}: ${msg.text}`);
      }
      return { providerId: `local-${msg.id}`, deliveredAt: deps.clock.now() };
    },
  };
}
