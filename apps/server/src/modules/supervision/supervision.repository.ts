// The SQL of the supervision module that more than one use-case reads.
import type { CredentialLike } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';
import { CREDENTIALS_OF_O } from '../cases/index.ts';

type CheckedRecordRow = {
  id: string;
  kind: 'inspection' | 'questioning';
  recorded_on: string;
  officer_ids: string[];
  statutory_exception: string | null;
  credentials_shown: boolean;
  officers_signed: boolean;
  party_signed: boolean;
  witness_signed: boolean;
  absence_note: string | null;
};

/**
 * What the B5 check reads of a case file, in ONE statement: the 笔录 with the live credentials of the officers each
 * names (A1 is judged on the record's day), the numbered documents, and the data of the last service event (留置送达's
 * witness or media, 公告送达's day).
 */
export async function checkedFile(db: Executor, caseId: string) {
  const r = await sql<{
    records: CheckedRecordRow[];
    officers: Record<string, { name: string; credentials: CredentialLike[] }>;
    documents: { doc_type: string; number: string; issued_on: string }[];
    service: Record<string, unknown> | null;
  }>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'recorded_on', r.recorded_on,
                'officer_ids', r.officer_ids, 'statutory_exception', r.statutory_exception,
                'credentials_shown', r.credentials_shown, 'officers_signed', r.officers_signed,
                'party_signed', r.party_signed, 'witness_signed', r.witness_signed, 'absence_note', r.absence_note)
                ORDER BY r.recorded_on, r.id), '[]'::json)
         FROM case_records r WHERE r.case_id = ${caseId}) AS records,
      (SELECT coalesce(json_object_agg(o.id, json_build_object('name', o.name, 'credentials', ${CREDENTIALS_OF_O})), '{}'::json)
         FROM officers o WHERE o.id IN (SELECT unnest(r.officer_ids) FROM case_records r WHERE r.case_id = ${caseId})) AS officers,
      (SELECT coalesce(json_agg(json_build_object('doc_type', d.doc_type, 'number', d.number, 'issued_on', d.issued_on)), '[]'::json)
         FROM case_documents d WHERE d.case_id = ${caseId}) AS documents,
      (SELECT e.data FROM case_events e WHERE e.case_id = ${caseId} AND e.action = 'serveDecision' ORDER BY e.seq DESC LIMIT 1) AS service
  `.execute(db);
  const { records, officers, documents, service } = r.rows[0]!;
  return {
    records: records.map((r) => ({
      id: r.id,
      kind: r.kind,
      recordedOn: String(r.recorded_on).slice(0, 10),
      officers: r.officer_ids.map((id) => {
        const o = officers[id];
        return { id, name: o?.name ?? id, credentials: o?.credentials ?? [] };
      }),
      ...(r.statutory_exception ? { statutoryException: r.statutory_exception } : {}),
      credentialsShown: r.credentials_shown,
      officersSigned: r.officers_signed,
      partySigned: r.party_signed,
      witnessSigned: r.witness_signed,
      ...(r.absence_note ? { absenceNote: r.absence_note } : {}),
    })),
    documents: documents.map((d) => ({ docType: d.doc_type, number: d.number, issuedOn: String(d.issued_on).slice(0, 10) })),
    service,
  };
}

export async function insertCheck(
  db: Executor,
  row: {
    id: string;
    bureau_id: string | null;
    org_id: string;
    case_id: string;
    trigger: string;
    checked_on: string;
    score: number;
    max_score: number;
    items: unknown;
    findings: unknown;
    created_by: string | null;
    created_at: Date;
  },
) {
  await db
    .insertInto('supervision_checks')
    .values({ ...row, items: JSON.stringify(row.items), findings: JSON.stringify(row.findings) })
    .execute();
}

export function checksOfCase(db: Executor, caseId: string, limit: number) {
  return db
    .selectFrom('supervision_checks as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .selectAll('k')
    .select('c.case_number')
    .where('k.case_id', '=', caseId)
    .orderBy('k.seq', 'desc')
    .limit(limit)
    .execute();
}

/** Next number of a 两单两书 kind in a bureau's year (gap-free inside the issuing transaction). */
export async function nextSequence(db: Executor, bureauId: string, year: number, kind: string): Promise<number> {
  const r = await db
    .insertInto('supervision_sequences')
    .values({ bureau_id: bureauId, year, kind, last: 1 })
    .onConflict((oc) => oc.columns(['bureau_id', 'year', 'kind']).doUpdateSet({ last: sql`supervision_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}
