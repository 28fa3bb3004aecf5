// 法制库与法律引擎: provisions, offences, 裁量基准, 免罚清单, guidance; the calendar and the legal configuration.
import type { ServerModule } from '../../platform/server-module.ts';
import { lawRoutes } from './law.routes.ts';

export { loadWorkCalendar } from './law-calendar.ts';
export { legalConfigOn } from './law-config.ts';
export { offenceVersionsByCode, type OffenceRow, type OffenceVersionRow } from './law-library.repository.ts';
export { currentLawRevision, lawRevisionExpression } from './law-revision.ts';
export { calculateDiscretionFor } from './use-cases/calculate-discretion.ts';
export { seedLawLibrary } from './seed-law-library.ts';

export const lawModule: ServerModule = { name: 'law', routes: lawRoutes };
