// Faults of the simulated exchange (tests and the simulator's own random errors): the next replies are refused (503,
// nothing applied) or applied with their answer lost on the way back (the simulated network drops it after the
// exchange committed), so the outbox's retries and the idempotency keys are exercised.
import { sm3Hex } from '../../../shared/sm3.ts';

export type SimulatorFault = 'refuse' | 'lose';
const queued: SimulatorFault[] = [];
const refusedOnce = new Set<string>();
const answersToDrop = new Set<string>();
let randomFaults = true;

/** The simulator's own random refusals on (the default) or off (a test that injects its faults). */
export function setRandomFaults(on: boolean): void {
  randomFaults = on;
}

export function injectSimulatorFaults(faults: SimulatorFault[]): void {
  queued.push(...faults);
}
export function clearSimulatorFaults(): void {
  queued.length = 0;
}

/** The fault the next reply meets: an injected one, else one key in eight is refused at its first delivery. */
export function nextFault(key: string): SimulatorFault | null {
  const injected = queued.shift();
  if (injected) return injected;
  if (!randomFaults || refusedOnce.has(key)) return null;
  if (parseInt(sm3Hex(`sim-fault\n${key}`).slice(0, 1), 16) >= 2) return null;
  refusedOnce.add(key);
  return 'refuse';
}

export function dropAnswerOf(key: string): void {
  answersToDrop.add(key);
}
/** True once for a key whose answer the simulated network loses. */
export function answerDropped(key: string): boolean {
  return answersToDrop.delete(key);
}
