import { AppError } from '../errors/app-error.ts';

type PgError = { code?: string; constraint?: string };

/**
 * Maps a unique-constraint violation to a 409 naming the field. `fields` maps constraint names
 * to the request field they protect.
 */
export function mapUniqueViolation(err: unknown, fields: Record<string, { field: string; zh: string; en: string }>): never {
  const e = err as PgError;
  if (e && e.code === '23505' && e.constraint && fields[e.constraint]) {
    const f = fields[e.constraint]!;
    throw new AppError('DUPLICATE', {
      field: f.field,
      message: `${f.field}：${f.zh}`,
      messageEn: `${f.field}: ${f.en}`,
      details: [{ field: f.field, message: f.zh, messageEn: f.en }],
    });
  }
  throw err;
}

/** The SQLSTATE of a database error (e.g. 23505 unique violation, 40001 serialization failure), if it is one. */
export function pgErrorCode(err: unknown): string | null {
  const code = (err as PgError | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** Whether PostgreSQL refused to delete a row because `constraint` (a foreign key elsewhere) still points at it. */
export function isForeignKeyViolation(err: unknown, constraint: string): boolean {
  const e = err as PgError;
  return !!e && e.code === '23503' && e.constraint === constraint;
}
