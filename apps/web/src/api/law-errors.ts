import { ApiError } from './client.ts';

/**
 * The calculators' request bodies are nested (`circumstances.actDate`, `party.birthDate`) while their forms are
 * flat. This renames the fields of a server error so applyServerErrors can put each message at its form field.
 * `rename` gets the path parts (without `body`) and returns the form field, or undefined to keep the name.
 */
export function renameErrorFields(err: unknown, rename: (parts: string[]) => string | undefined): unknown {
  if (!(err instanceof ApiError)) return err;
  const map = (field: string): string => {
    const parts = field
      .replace(/\[(\d+)\]/g, '.$1')
      .split(/[./]/)
      .filter((p) => p !== '' && p !== 'body' && p !== 'query' && p !== 'params');
    return rename(parts) ?? field;
  };
  const b = err.body;
  return new ApiError(err.status, {
    ...b,
    ...(b.field !== undefined ? { field: map(b.field) } : {}),
    ...(b.details ? { details: b.details.map((d) => ({ ...d, field: map(d.field) })) } : {}),
  });
}

/** Runs a call and renames the fields of its error (see renameErrorFields). */
export async function withRenamedErrors<T>(call: Promise<T>, rename: (parts: string[]) => string | undefined): Promise<T> {
  try {
    return await call;
  } catch (e) {
    throw renameErrorFields(e, rename);
  }
}
