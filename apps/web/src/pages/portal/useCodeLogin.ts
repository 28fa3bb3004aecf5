import { useEffect, useState } from 'react';
import type { FormInstance } from 'antd';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type CodeAnswer = { message: string; messageEn: string; resendAfterSeconds: number };

/**
 * The portal's two sign-ins by SMS code (the party's by document number, the citizen's by phone): sending the code
 * with its resend countdown, then signing in, each showing the server's refusal at its field or above the form.
 */
export function useCodeLogin<V extends object>(
  form: FormInstance<V>,
  idField: keyof V & string,
  requestCode: (id: string) => Promise<CodeAnswer>,
  signIn: (values: V) => Promise<void>,
) {
  const { t, lang } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);

  const refused = (e: unknown) => {
    if (!applyServerErrors(form, e, lang)) setError(errorText(e, t, lang));
  };

  const sendCode = async () => {
    try {
      await form.validateFields([idField] as never);
    } catch {
      return;
    }
    setSending(true);
    setError(null);
    try {
      const r = await requestCode(String(form.getFieldValue(idField as never)));
      setNotice(lang.startsWith('en') ? r.messageEn : r.message);
      setWait(r.resendAfterSeconds);
    } catch (e) {
      refused(e);
    } finally {
      setSending(false);
    }
  };

  const onFinish = async (v: V) => {
    setSigningIn(true);
    setError(null);
    try {
      await signIn(v);
    } catch (e) {
      refused(e);
    } finally {
      setSigningIn(false);
    }
  };

  return { notice, error, wait, sending, signingIn, sendCode, onFinish };
}
