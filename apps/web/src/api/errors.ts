import type { FormInstance } from 'antd';
import { ApiError, NetworkError } from './client.ts';
import type { Translate } from '../i18n/i18n.tsx';

/** Server field paths ("/body/name", "body.roles.0", "name") → the form's top-level field name. */
export function serverFieldName(field: string): string {
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((p) => p !== '' && p !== 'body' && p !== 'query' && p !== 'params');
  return parts[0] ?? field;
}

/**
 * Shows the server's field errors next to the fields of an antd form.
 * Returns true when at least one error found its field (so no extra toast is needed).
 */
export function applyServerErrors(
  form: FormInstance,
  err: unknown,
  lang: string,
  fieldMap: Record<string, string> | ((serverField: string) => string) = {},
): boolean {
  if (!(err instanceof ApiError)) return false;
  const present = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  const add = (field: string, msg: string) => {
    const raw = serverFieldName(field);
    // A nested field (registration.party.name) may have its own field in a flat form.
    const full = field
      .replace(/\[(\d+)\]/g, '.$1')
      .split(/[./]/)
      .filter((p) => p !== '' && p !== 'body')
      .join('.');
    const name = typeof fieldMap === 'function' ? fieldMap(field) : (fieldMap[full] ?? fieldMap[raw] ?? raw);
    if (!present.has(name)) return;
    byField.set(name, [...(byField.get(name) ?? []), msg]);
  };
  const b = err.body;
  for (const d of b.details ?? []) add(d.field, lang.startsWith('en') ? d.messageEn || d.message : d.message);
  if (b.field && !b.details?.length) add(b.field, err.text(lang));
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
  form.scrollToField([...byField.keys()][0] ?? '');
  return true;
}

/** A human message for any failure, in the UI language; server faults carry the correlation id for support. */
export function errorText(err: unknown, t: Translate, lang: string): string {
  if (err instanceof ApiError) {
    const id = err.status >= 500 ? err.body.correlationId : undefined;
    return id ? `${err.text(lang)}（${t('common.correlationId')}: ${id}）` : err.text(lang);
  }
  if (err instanceof NetworkError) return t('common.networkError');
  return err instanceof Error ? err.message : String(err);
}

/** A failure after which the same submission may be retried with the same idempotency key. */
export function isRetryable(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiError && (err.status >= 500 || err.code === 'IDEMPOTENCY_IN_PROGRESS'));
}
