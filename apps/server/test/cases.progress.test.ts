// The case page's `progress`: the procedure's stages with their dates, the running clocks, and 还需完成 grouped by rule
// with a plain sentence and its Chinese citation — computed by the domain on every read, never by the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, confirmedSummaryTicket, fine, investigatedCase, notice, summaryTicketBody, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

describe('GET /api/v1/cases/:id progress', () => {
  it('ordinary case in its statement period: stages with dates, the D2 clock in working days, D2 as a need with its citation', async () => {
    const c = await investigatedCase(kit);
    await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
    await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(1_000, false, '2026-01-14'));
    ctx.clock.set('2026-01-15T02:00:00.000Z');
    const page = await kit.get('pd_ljz_leader', c.id);
    const p = page.progress;
    expect(p.path).toBe('ordinary');
    expect(p.stages.slice(0, 5).map((s) => [s.stage, s.status, s.reachedOn])).toEqual([
      ['filing', 'done', '2026-01-06'],
      ['investigation', 'done', '2026-01-12'],
      ['review', 'done', '2026-01-13'],
      ['notice', 'done', '2026-01-14'],
      ['statement', 'current', null],
    ]);
    expect(p.current).toBe('statement');
    // Served Wednesday 01-14: three working days are 01-15, 01-16 and Monday 01-19.
    expect(p.clocks.find((k) => k.kind === 'statement')).toMatchObject({
      holder: 'party',
      unit: 'working_day',
      startedOn: '2026-01-14',
      dueDate: '2026-01-19',
      elapsed: 1,
      total: 3,
      remaining: 2,
    });
    expect(p.clocks.find((k) => k.kind === 'decision')).toMatchObject({ unit: 'calendar_day', startedOn: '2026-01-06', elapsed: 9 });
    const d2 = p.stillNeeded.find((n) => n.ruleId === 'D2');
    expect(d2).toMatchObject({
      sentenceZh: '须等待当事人陈述申辩期限届满，或当事人明确放弃陈述申辩',
      citation: { law: '中华人民共和国行政处罚法', article: 62, zh: '《中华人民共和国行政处罚法》第六十二条' },
    });
    expect(d2!.actions.map((a) => a.action)).toContain('decide');
    // Who may act is not a need of the case; the raw reasons stay on each action.
    expect(p.stillNeeded.map((n) => n.ruleId)).not.toContain('ROLE');
    expect(p.stillNeeded.map((n) => n.ruleId)).not.toContain('PERMISSION');
    expect(page.allowedActions.find((a) => a.action === 'decide')!.blockedBy.map((b) => b.ruleId)).toContain('D2');
    ctx.clock.set('2026-03-02T02:00:00.000Z');
  });

  it('a registered case: filing is current and the C2 filing clock runs from discovery', async () => {
    const c = await kit.register();
    const p = (await kit.get('pd_ljz_01', c.id)).progress;
    expect(p.current).toBe('filing');
    expect(p.stages[0]).toMatchObject({ stage: 'filing', status: 'current', reachedOn: null });
    const filing = p.clocks.find((k) => k.kind === 'filing');
    expect(filing).toMatchObject({ unit: 'working_day', startedOn: '2026-01-05' });
  });

  it('a summary ticket walks the short path', async () => {
    const page = await kit.get('pd_ljz_01', await summaryCaseId());
    expect(page.progress.path).toBe('summary');
    expect(page.progress.stages.map((s) => s.stage)).toEqual(['decision', 'enforcement', 'close', 'archive']);
    expect(page.progress.stages[0]!.labelZh).toBe('当场处罚决定');
  });
});

/** A summary ticket issued through the API (the demo data gives 陆家嘴 a pre-assigned range). */
async function summaryCaseId(): Promise<string> {
  const photo = await kit.upload('pd_ljz_01', 'summary ticket photo');
  const r = await confirmedSummaryTicket(
    ctx,
    { officer: kit.tokens['pd_ljz_01']!, legal: kit.tokens['pd_legal']! },
    summaryTicketBody(kit, photo),
  );
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { id: string }).id;
}
