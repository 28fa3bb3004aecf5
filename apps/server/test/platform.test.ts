import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { runDueJobs, CORE_JOB_HANDLERS } from '../src/modules/scheduler/worker.ts';
import { enqueueJob } from '../src/modules/scheduler/jobs.repository.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('contract points', () => {
  it('GET /api/health names the database kind and version', async () => {
    const r = await ctx.api('GET', '/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgresql' : 'pglite', version: ctx.config.version });
  });

  it('serves the OpenAPI document, and the committed docs/openapi.json matches it', async () => {
    const r = await ctx.api('GET', '/api/openapi.json');
    const doc = r.json();
    for (const p of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/health',
      '/api/v1/officers',
      '/api/v1/orgs/tree',
      '/api/v1/audit/verify',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const committed = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/openapi.json'), 'utf8'));
    expect(committed, 'docs/openapi.json is stale: run `npm run openapi`').toEqual(doc);
    expect((await ctx.api('GET', '/api/docs/')).statusCode).toBe(200);
  });

  it('publishes each response schema several routes share once, and every reference leads back to the route’s own schema', async () => {
    const doc = (await ctx.api('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const resolve = (schema: unknown): unknown => {
      const ref = (schema as { $ref?: string }).$ref;
      return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : schema;
    };
    const resolved = structuredClone(doc) as typeof doc;
    let refs = 0;
    for (const ops of Object.values(resolved.paths))
      for (const op of Object.values(ops))
        for (const response of Object.values(op.responses ?? {}))
          for (const media of Object.values(response.content ?? {})) {
            if ((media.schema as { $ref?: string }).$ref) refs++;
            media.schema = resolve(media.schema);
          }
    expect(refs).toBeGreaterThan(20);
    // With the references followed, the published document is exactly the routes' own.
    const own = ctx.app.swagger() as { paths: unknown };
    expect(resolved.paths).toEqual(own.paths);
  });

  it('answers an unknown API path with the coded 404', async () => {
    const r = await ctx.api('GET', '/api/v1/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(errorBody(r).code).toBe('NOT_FOUND');
  });
});

describe('migrations', () => {
  it('are idempotent: a second run applies nothing', async () => {
    expect(await runMigrations(ctx.deps.db)).toEqual([]);
  });
});

describe('job worker', () => {
  it('runs due jobs once, leaves future ones, and retries a failing job with backoff', async () => {
    const now = ctx.clock.now();
    const seen: string[] = [];
    const handlers = {
      ...CORE_JOB_HANDLERS,
      'test.ok': async (_d: unknown, job: { payload: unknown }) => {
        seen.push((job.payload as { n: string }).n);
      },
      'test.fail': async () => {
        throw new Error('boom');
      },
    };
    await enqueueJob(ctx.deps.db, { id: ctx.deps.newId(), kind: 'test.ok', runAt: now, payload: { n: 'due' } });
    await enqueueJob(ctx.deps.db, {
      id: ctx.deps.newId(),
      kind: 'test.ok',
      runAt: new Date(now.getTime() + 3600_000),
      payload: { n: 'later' },
    });
    const failing = ctx.deps.newId();
    await enqueueJob(ctx.deps.db, { id: failing, kind: 'test.fail', runAt: now, maxAttempts: 2 });
    expect(
      await enqueueJob(ctx.deps.db, { id: ctx.deps.newId(), kind: 'test.ok', runAt: now, dedupeKey: 'once', payload: { n: 'dedupe' } }),
    ).toBe(true);
    expect(
      await enqueueJob(ctx.deps.db, { id: ctx.deps.newId(), kind: 'test.ok', runAt: now, dedupeKey: 'once', payload: { n: 'dedupe2' } }),
    ).toBe(false);

    expect(await runDueJobs(ctx.deps, handlers, 'w1')).toBe(3);
    expect(seen.sort()).toEqual(['dedupe', 'due']);
    expect(await runDueJobs(ctx.deps, handlers, 'w1')).toBe(0);
    let job = await ctx.deps.db.selectFrom('jobs').selectAll().where('id', '=', failing).executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    expect(job.last_error).toBe('boom');

    ctx.clock.advance(2 * 3600_000);
    await runDueJobs(ctx.deps, handlers, 'w1');
    expect(seen).toContain('later');
    job = await ctx.deps.db.selectFrom('jobs').selectAll().where('id', '=', failing).executeTakeFirstOrThrow();
    expect(job.status).toBe('failed');
    expect(job.attempts).toBe(2);
  });
});
