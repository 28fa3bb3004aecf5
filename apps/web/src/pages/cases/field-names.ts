import { ApiError } from '../../api/client.ts';

// The registration and the summary ticket send nested bodies (`party.idNumber`, `penalty.fineFen`, `act.actDate`)
// from flat forms. These rename the fields of a server error so applyServerErrors finds the form field.

function parts(field: string): string[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((p) => p !== '' && p !== 'body' && p !== 'query' && p !== 'params');
}

/** Body path → flat form field of the party, penalty and act blocks. */
export function flatFieldOf(field: string): string {
  const [head, sub] = parts(field);
  if (head === 'party') {
    if (sub === 'type') return 'partyType';
    if (sub === 'name') return 'partyName';
    return sub ?? 'partyName';
  }
  if (head === 'penalty') return sub === 'penalties' ? 'penaltyType' : 'fineYuan';
  if (head === 'act') return sub ?? 'actDate';
  if (head === 'collectOnSpot') return sub ?? 'receiptNumber';
  return head ?? field;
}

export function renameErrorFields(err: unknown, rename: (field: string) => string = flatFieldOf): unknown {
  if (!(err instanceof ApiError)) return err;
  const b = err.body;
  return new ApiError(err.status, {
    ...b,
    ...(b.field !== undefined ? { field: rename(b.field) } : {}),
    ...(b.details ? { details: b.details.map((d) => ({ ...d, field: rename(d.field) })) } : {}),
  });
}

/** Runs a call and renames the fields of its error for a flat form. */
export async function withFlatFields<T>(call: Promise<T>, rename: (field: string) => string = flatFieldOf): Promise<T> {
  try {
    return await call;
  } catch (e) {
    throw renameErrorFields(e, rename);
  }
}
