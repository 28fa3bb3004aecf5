// Wiring done once at start-up (buildApp): the delivery receipts of electronic service.
import { registerMessageDeliveredHook } from '../messaging/send-message.ts';
import { onServiceMessageDelivered } from './service.jobs.ts';

export function installServiceHooks(): void {
  registerMessageDeliveredHook(onServiceMessageDelivered);
}
