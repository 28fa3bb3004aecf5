// The drill's verdicts on hand-made database contents: a doubled effect must be two effects of one key.
import { describe, expect, it } from 'vitest';
import { markerText, type Answer, type Effect, type LogicalRequest } from './ledger.ts';
import { judge, readEffects } from './verify.ts';
import type { SqlRows } from './drill-database.ts';

const CASE_A = '01a23af9-302d-7713-bc33-ed5cfb15e23d';
const CASE_B = '01a23afd-c64e-7792-8973-e1f21b5b13c7';

function request(key: string, effect: Effect, final: Answer | null, retried = false): LogicalRequest {
  return {
    key,
    label: effect.kind === 'event' ? effect.action : effect.kind,
    writer: 0,
    token: 't',
    path: '/api/v1/cases',
    contentType: 'application/json',
    body: '{}',
    effect,
    attempts: [],
    final,
    retry: retried ? { from: 0, downtimeAtFrom: 0, waitedMs: final ? 1 : null, gaveUp: !final } : null,
  };
}
const answer = (status: number, json: unknown = null, code: string | null = null): Answer => ({ status, code, replayed: false, json });

/** A database whose queries return these rows, by the table each query reads. */
function fakeRows(tables: { cases?: object[]; events?: object[]; orders?: object[]; files?: object[] }): SqlRows {
  return async <R>(text: string) => {
    if (text.includes('FROM cases')) return (tables.cases ?? []) as R[];
    if (text.includes('FROM case_events')) return (tables.events ?? []) as R[];
    if (text.includes('FROM payment_orders')) return (tables.orders ?? []) as R[];
    if (text.includes('FROM files')) return (tables.files ?? []) as R[];
    throw new Error(`unexpected query ${text}`);
  };
}

describe('crash drill verdicts', () => {
  it('counts cases by their whole marker: key …-w1-1 is not key …-w1-10', async () => {
    const found = await readEffects(
      fakeRows({
        cases: [
          { id: CASE_A, facts: `事实。${markerText('drill-5-w1-1')}` },
          { id: CASE_B, facts: `事实。${markerText('drill-5-w1-10')}` },
        ],
      }),
    );
    const one = judge(request('drill-5-w1-1', { kind: 'case', marker: 'drill-5-w1-1' }, answer(201, { id: CASE_A })), found);
    expect(one).toMatchObject({ effects: 1, lost: false, doubled: false, wrongAnswer: false });
  });

  it('two cases with one key are doubled, whatever the answers said', async () => {
    const found = await readEffects(
      fakeRows({
        cases: [
          { id: CASE_A, facts: `事实。${markerText('drill-5-w0-3')}` },
          { id: CASE_B, facts: `事实。${markerText('drill-5-w0-3')}` },
        ],
      }),
    );
    const v = judge(request('drill-5-w0-3', { kind: 'case', marker: 'drill-5-w0-3' }, answer(201, { id: CASE_B }), true), found);
    expect(v).toMatchObject({ effects: 2, doubled: true, lost: false, wrongAnswer: false });
  });

  it('an answered 2xx without its effect is lost; an unanswered request without effect is neither lost nor doubled', async () => {
    const found = await readEffects(fakeRows({}));
    expect(judge(request('drill-5-w0-4', { kind: 'case', marker: 'drill-5-w0-4' }, answer(201, { id: CASE_A })), found).lost).toBe(true);
    const unresolved = judge(request('drill-5-w0-5', { kind: 'case', marker: 'drill-5-w0-5' }, null, true), found);
    expect(unresolved).toMatchObject({ lost: false, doubled: false, wrongAnswer: false });
  });

  it('a step counts only its own events: same note on another case or another action is not its effect', async () => {
    const found = await readEffects(
      fakeRows({
        events: [
          { case_id: CASE_A, action: 'addEvidence', note: 'drill-5-w2-7', n: 1 },
          { case_id: CASE_B, action: 'addEvidence', note: 'drill-5-w2-7', n: 1 },
          { case_id: CASE_A, action: 'recordQuestioning', note: 'drill-5-w2-7', n: 1 },
        ],
      }),
    );
    const effect: Effect = { kind: 'event', marker: 'drill-5-w2-7', caseId: CASE_A, action: 'addEvidence' };
    expect(judge(request('drill-5-w2-7', effect, answer(200)), found)).toMatchObject({ effects: 1, doubled: false });
  });

  it('two events of one step, or two payment orders of one decision, are doubled', async () => {
    const found = await readEffects(
      fakeRows({
        events: [
          { case_id: CASE_A, action: 'addEvidence', note: 'drill-5-w2-8', n: 2 },
          { case_id: CASE_B, action: 'decide', note: 'drill-5-w2-9', n: 1 },
        ],
        orders: [{ case_id: CASE_B, n: 2 }],
      }),
    );
    const evidence: Effect = { kind: 'event', marker: 'drill-5-w2-8', caseId: CASE_A, action: 'addEvidence' };
    const decision: Effect = { kind: 'event', marker: 'drill-5-w2-9', caseId: CASE_B, action: 'decide' };
    expect(judge(request('drill-5-w2-8', evidence, answer(200), true), found).doubled).toBe(true);
    expect(judge(request('drill-5-w2-9', decision, answer(200)), found)).toMatchObject({ effects: 2, doubled: true });
  });

  it('an effect settled by a 4xx, or by a 2xx naming another case, is a wrong answer', async () => {
    const found = await readEffects(
      fakeRows({
        events: [{ case_id: CASE_A, action: 'approveFiling', note: 'drill-5-w6-13', n: 1 }],
        cases: [{ id: CASE_A, facts: `事实。${markerText('drill-5-w6-14')}` }],
      }),
    );
    const step: Effect = { kind: 'event', marker: 'drill-5-w6-13', caseId: CASE_A, action: 'approveFiling' };
    const refused = judge(request('drill-5-w6-13', step, answer(409, null, 'CASE_ACTION_NOT_IN_STATE'), true), found);
    expect(refused).toMatchObject({ effects: 1, wrongAnswer: true, doubled: false, lost: false });
    const other = judge(request('drill-5-w6-14', { kind: 'case', marker: 'drill-5-w6-14' }, answer(201, { id: CASE_B }), true), found);
    expect(other.wrongAnswer).toBe(true);
  });

  it('a stored file is found by its SM3', async () => {
    const found = await readEffects(fakeRows({ files: [{ sm3: 'a'.repeat(64) }] }));
    expect(judge(request('drill-5-w0-1', { kind: 'file', sm3: 'a'.repeat(64) }, answer(201)), found)).toMatchObject({
      effects: 1,
      lost: false,
    });
    expect(judge(request('drill-5-w0-2', { kind: 'file', sm3: 'b'.repeat(64) }, answer(201)), found).lost).toBe(true);
  });
});
