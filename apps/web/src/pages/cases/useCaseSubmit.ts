import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

type Options<R> = Parameters<typeof useSubmit<unknown, R>>[2];

/**
 * useSubmit (one Idempotency-Key per submission, reused on retry; field errors at the fields) plus the refusal
 * by a legal rule: an error whose body names `rule` (e.g. "B1 行政处罚法第五十一条") is kept for an Alert that
 * stays on screen while the officer corrects the form.
 */
export function useCaseSubmit<V, R>(
  form: FormInstance | null,
  action: (values: V, idempotencyKey: string) => Promise<R>,
  opts?: Options<R>,
) {
  const [ruleError, setRuleError] = useState<ApiError | null>(null);
  const wrapped = useCallback(
    async (values: V, key: string) => {
      setRuleError(null);
      try {
        return await action(values, key);
      } catch (e) {
        if (e instanceof ApiError && e.body.rule) setRuleError(e);
        throw e;
      }
    },
    [action],
  );
  const s = useSubmit<V, R>(form, wrapped, opts);
  const clearRuleError = useCallback(() => setRuleError(null), []);
  return { ...s, ruleError, clearRuleError };
}
