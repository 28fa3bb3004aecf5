// The SQL of the supervision module that more than one use-case reads.
import type { CredentialLike } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';
import { officersWithCredentials } from '../cases/index.ts';

/** The 笔录 of a case with the live credentials of the officers each names (A1 is judged on the record's day). */
export async function checkedRecords(db: Executor, caseId: string) {
  const rows = await db.selectFrom('case_records').selectAll().where('case_id', '=', caseId).orderBy('recorded_on').orderBy('id').execute();
  const officers = await officersWithCredentials(db, [...new Set(rows.flatMap((r) => r.officer_ids))]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recordedOn: String(r.recorded_on).slice(0, 10),
    officers: r.officer_ids.map((id) => {
      const o = officers.get(id);
      return { id, name: o?.name ?? id, credentials: (o?.credentials ?? []) as CredentialLike[] };
    }),
    ...(r.statutory_exception ? { statutoryException: r.statutory_exception } : {}),
    credentialsShown: r.credentials_shown,
    officersSigned: r.officers_signed,
    partySigned: r.party_signed,
    witnessSigned: r.witness_signed,
    ...(r.absence_note ? { absenceNote: r.absence_note } : {}),
  }));
}

export async function checkedDocuments(db: Executor, caseId: string) {
  const rows = await db.selectFrom('case_documents').select(['doc_type', 'number', 'issued_on']).where('case_id', '=', caseId).execute();
  return rows.map((d) => ({ docType: d.doc_type, number: d.number, issuedOn: String(d.issued_on).slice(0, 10) }));
}

/** The data of the case's last service event (留置送达's witness or media, 公告送达's day). */
export async function lastServiceData(db: Executor, caseId: string): Promise<Record<string, unknown> | null> {
  const r = await db
    .selectFrom('case_events')
    .select('data')
    .where('case_id', '=', caseId)
    .where('action', '=', 'serveDecision')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (r?.data as Record<string, unknown> | undefined) ?? null;
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
