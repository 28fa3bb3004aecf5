// Counts each logical request's effects in the database, by the marker it carried, once the server is stopped.
//   lost:         answered 2xx (first time or on a retry) and no effect in the database;
//   doubled:      more than one effect of one logical request (two cases for one key, two events of one step,
//                 two payment orders for one decision or ticket);
//   wrong answer: the effect is there but the answer that settled the request says otherwise (a 4xx, or a 2xx
//                 naming another case).
import { isSuccess, MARKER_PREFIX, type LogicalRequest } from './ledger.ts';
import type { SqlRows } from './drill-database.ts';

export type Verdict = {
  req: LogicalRequest;
  effects: number;
  lost: boolean;
  doubled: boolean;
  wrongAnswer: boolean;
  /** What was found, for the report's list of failures. */
  detail: string;
};

export type Effects = {
  casesByMarker: Map<string, string[]>;
  eventsByStep: Map<string, number>;
  fineOrdersByCase: Map<string, number>;
  files: Set<string>;
};

const MARKER = new RegExp(`${MARKER_PREFIX}(drill-[0-9]+-w[0-9]+-[0-9]+)〕`);
const stepKey = (marker: string, caseId: string, action: string) => `${marker}|${caseId}|${action}`;

export async function readEffects(rows: SqlRows): Promise<Effects> {
  const casesByMarker = new Map<string, string[]>();
  for (const r of await rows<{ id: string; facts: string }>(`SELECT id, facts FROM cases WHERE facts LIKE $1`, [
    `%${MARKER_PREFIX}drill-%`,
  ])) {
    const m = MARKER.exec(r.facts);
    if (!m) continue;
    casesByMarker.set(m[1]!, [...(casesByMarker.get(m[1]!) ?? []), r.id]);
  }
  const eventsByStep = new Map<string, number>();
  const events = await rows<{ case_id: string; action: string; note: string; n: number }>(
    `SELECT case_id, action, data->>'note' AS note, count(*)::int AS n FROM case_events
      WHERE data->>'note' LIKE 'drill-%' GROUP BY case_id, action, data->>'note'`,
  );
  for (const r of events) eventsByStep.set(stepKey(r.note, r.case_id, r.action), r.n);
  const fineOrdersByCase = new Map<string, number>();
  for (const r of await rows<{ case_id: string; n: number }>(
    `SELECT case_id, count(*)::int AS n FROM payment_orders WHERE kind = 'fine' AND status <> 'cancelled' GROUP BY case_id`,
  )) {
    fineOrdersByCase.set(r.case_id, r.n);
  }
  const files = new Set((await rows<{ sm3: string }>(`SELECT sm3 FROM files`)).map((r) => r.sm3));
  return { casesByMarker, eventsByStep, fineOrdersByCase, files };
}

export function judge(req: LogicalRequest, found: Effects): Verdict {
  const e = req.effect;
  let effects = 0;
  let detail = '';
  let namesOther = false;
  if (e.kind === 'file') {
    effects = found.files.has(e.sm3) ? 1 : 0;
    detail = effects ? 'file stored' : 'no file';
  } else if (e.kind === 'case') {
    const ids = found.casesByMarker.get(e.marker) ?? [];
    // A summary ticket's decision makes one payment order in the same transaction; two for one case is a double too.
    const orders = Math.max(0, ...ids.map((id) => found.fineOrdersByCase.get(id) ?? 0));
    effects = Math.max(ids.length, orders);
    detail = `${ids.length} case(s)${orders > 1 ? `, ${orders} payment orders on one case` : ''}${ids.length ? ` [${ids.join(', ')}]` : ''}`;
    const answered = req.final && isSuccess(req.final) ? (req.final.json as { id?: string } | null)?.id : undefined;
    namesOther = answered !== undefined && ids.length > 0 && !ids.includes(answered);
  } else {
    const events = found.eventsByStep.get(stepKey(e.marker, e.caseId, e.action)) ?? 0;
    // The decision's payment order is written by a step hook in the decision's transaction.
    const orders = e.action === 'decide' && events > 0 ? (found.fineOrdersByCase.get(e.caseId) ?? 0) : 0;
    effects = Math.max(events, orders);
    detail = `${events} ${e.action} event(s) on case ${e.caseId}${orders > 1 ? `, ${orders} payment orders` : ''}`;
  }
  const acknowledged = isSuccess(req.final);
  const refused = req.final !== null && !acknowledged;
  return {
    req,
    effects,
    lost: acknowledged && effects === 0,
    doubled: effects > 1,
    wrongAnswer: (refused && effects > 0) || namesOther,
    detail: namesOther ? `${detail}; the answer names case ${(req.final?.json as { id?: string }).id}` : detail,
  };
}
