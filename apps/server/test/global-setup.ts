import { buildDbTemplates } from './db-templates.ts';
import { testClock } from './harness.ts';

/** Once per run: the template databases every medium test file copies (see db-templates.ts). */
export default async function setup(): Promise<() => Promise<void>> {
  return buildDbTemplates(testClock());
}
