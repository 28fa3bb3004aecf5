import { useCallback, useRef, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { newIdempotencyKey } from '../api/client.ts';
import { applyServerErrors, errorText, isRetryable } from '../api/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Options<R> = {
  onSuccess?: (result: R) => void | Promise<void>;
  successMessage?: string;
  /** Server field name → form field name, where they differ (or a function of the server's full field path). */
  fieldMap?: Record<string, string> | ((serverField: string) => string);
};

/**
 * Runs one form submission: a stable Idempotency-Key until the submission definitively succeeds or
 * is refused (so a retry after a network failure or 5xx cannot write twice), a loading flag,
 * and the server's errors shown at the fields (or as a toast when no field is named).
 */
export function useSubmit<V, R>(
  form: FormInstance | null,
  action: (values: V, idempotencyKey: string) => Promise<R>,
  opts: Options<R> = {},
) {
  const { message } = App.useApp();
  const { t, lang } = useI18n();
  const keyRef = useRef<string>(newIdempotencyKey());
  const [loading, setLoading] = useState(false);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const actionRef = useRef(action);
  actionRef.current = action;

  const submit = useCallback(
    async (values: V): Promise<R | undefined> => {
      setLoading(true);
      try {
        const result = await actionRef.current(values, keyRef.current);
        keyRef.current = newIdempotencyKey();
        if (optsRef.current.successMessage) void message.success(optsRef.current.successMessage);
        await optsRef.current.onSuccess?.(result);
        return result;
      } catch (err) {
        if (!isRetryable(err)) keyRef.current = newIdempotencyKey();
        const shown = form ? applyServerErrors(form, err, lang, optsRef.current.fieldMap) : false;
        if (!shown) void message.error(errorText(err, t, lang));
        return undefined;
      } finally {
        setLoading(false);
      }
    },
    [form, lang, message, t],
  );
  /** Start a fresh submission (e.g. when a modal is reopened for another record). */
  const reset = useCallback(() => {
    keyRef.current = newIdempotencyKey();
  }, []);
  return { submit, loading, reset };
}
