import type { LawKind } from '@chengguan/contracts';
import type { AnyLibraryKind } from './kind-spec.ts';
import { PROVISIONS } from './kinds/provisions.kind.ts';
import { OFFENCES } from './kinds/offences.kind.ts';
import { DISCRETION_STANDARDS } from './kinds/discretion-standards.kind.ts';
import { EXEMPTION_ITEMS } from './kinds/exemption-items.kind.ts';
import { GUIDANCE } from './kinds/guidance.kind.ts';
import { GUIDING_CASES } from './kinds/guiding-cases.kind.ts';

export { PROVISIONS, OFFENCES, DISCRETION_STANDARDS, EXEMPTION_ITEMS, GUIDANCE, GUIDING_CASES };

/** Every kind of library entry by its URL name (import/export `:kind`). */
export const LIBRARY_KINDS: Record<LawKind, AnyLibraryKind> = {
  provisions: PROVISIONS,
  offences: OFFENCES,
  'discretion-standards': DISCRETION_STANDARDS,
  'exemption-items': EXEMPTION_ITEMS,
  guidance: GUIDANCE,
  'guiding-cases': GUIDING_CASES,
};
