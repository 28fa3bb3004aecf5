import type { CSSProperties } from 'react';
import { Alert } from 'antd';
import type { PaymentChannel } from '@chengguan/contracts';
import { paymentsApi } from '../../api/payments.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

/**
 * Says plainly where a payment started here goes: the local sandbox (no real money), no provider at all (pay at a
 * bank with the payment code), or the provider configured. Given the channel, or loaded from the server.
 */
export function PaymentChannelNotice({ channel, style }: { channel?: PaymentChannel; style?: CSSProperties }) {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => (channel ? Promise.resolve(channel) : paymentsApi.channel(signal)), channel ? 'given' : 'load');
  const c = channel ?? loaded.data;
  if (!c) return null;
  if (c.sandbox) {
    return <Alert type="warning" showIcon message={t('pay.channel.sandbox')} style={style} data-testid="payment-channel-sandbox" />;
  }
  if (!c.provider) return <Alert type="info" showIcon message={t('pay.channel.none')} style={style} data-testid="payment-channel-none" />;
  const label = lang.startsWith('en') ? c.labelEn : c.labelZh;
  return <Alert type="info" showIcon message={t('pay.channel.real', { label })} style={style} />;
}
