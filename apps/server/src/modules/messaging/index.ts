// 短信: the MessageProvider interface and the local provider (outbox only, nothing is sent).
import type { ServerModule } from '../../platform/server-module.ts';
import { messagingRoutes } from './messaging.routes.ts';

export { postConsoleMessages, type ConsoleMessage } from './inbox.ts';
export { channelOf, registerMessageDeliveredHook, sendMessage, textPhones, type DeliveredMessage } from './send-message.ts';

export const messagingModule: ServerModule = { name: 'messaging', routes: messagingRoutes };
