import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openPlatform } from '../bootstrap.ts';
import { buildApp } from '../http/app.ts';
import { publishedOpenApi } from '../http/openapi-document.ts';

/** `npm run openapi`: writes the OpenAPI document to docs/openapi.json (committed; a test fails when it drifts). */
export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../../../docs/openapi.json');

// Every route, the sandbox's cashier and the exchange simulator's included (mounted only where PAYMENT_SANDBOX is on
// and TICKET_EXCHANGE=simulator).
const config = {
  ...loadConfig({ ...process.env, DATABASE_URL: '', PAYMENT_SANDBOX: 'true', TICKET_EXCHANGE: 'simulator', WASTE_GPS: 'simulator' }),
  dataDir: 'memory://',
  webDist: null,
};
const { deps, database } = await openPlatform({ config, migrate: true });
const app = await buildApp({ deps, databaseKind: database.kind });
await app.ready();
// Compact, with the response schemas several routes share written once (http/openapi-document.ts).
fs.writeFileSync(OPENAPI_FILE, `${JSON.stringify(publishedOpenApi(app.swagger()))}\n`);
console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
await app.close();
await database.close();
