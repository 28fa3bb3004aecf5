// The providers this installation has, read from its settings: the local sandbox when PAYMENT_SANDBOX is on (the
// default of the embedded demo database, off with DATABASE_URL), otherwise none until a real adapter is configured.
// When there is none, no checkout can be opened and no callback is accepted; the console and the start banner say so.
import type { PaymentChannel } from '@chengguan/contracts';
import type { AppConfig } from '../../../config.ts';
import { AppError } from '../../../errors/app-error.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { sandboxProvider } from './sandbox-provider.ts';

export function configuredProviders(config: Pick<AppConfig, 'paymentSandbox'>): PaymentProvider[] {
  return config.paymentSandbox ? [sandboxProvider] : [];
}

export function findProvider(config: Pick<AppConfig, 'paymentSandbox'>, name: string): PaymentProvider | undefined {
  return configuredProviders(config).find((p) => p.name === name);
}

/** The provider new checkouts go to, or null when none is configured. */
export function defaultProvider(config: Pick<AppConfig, 'paymentSandbox'>): PaymentProvider | null {
  return configuredProviders(config)[0] ?? null;
}

export function providerOrFail(config: Pick<AppConfig, 'paymentSandbox'>, name: string): PaymentProvider {
  const p = findProvider(config, name);
  if (!p) {
    throw new AppError('PAYMENT_PROVIDER_NOT_CONFIGURED', {
      field: 'provider',
      message: `支付渠道「${name}」未启用`,
      messageEn: `The payment provider "${name}" is not configured`,
    });
  }
  return p;
}

/** Where payments go, for the console and the portal. */
export function paymentChannel(config: Pick<AppConfig, 'paymentSandbox'>): PaymentChannel {
  const p = defaultProvider(config);
  return p
    ? { provider: p.name, labelZh: p.labelZh, labelEn: p.labelEn, sandbox: p.sandbox }
    : { provider: null, labelZh: '未配置在线缴款渠道', labelEn: 'no payment provider configured', sandbox: false };
}

/** The start banner's line about payments. */
export function paymentBannerLine(config: Pick<AppConfig, 'paymentSandbox'>): string {
  const c = paymentChannel(config);
  if (!c.provider) return '支付渠道：未配置（不能在线缴款）/ payment: no provider configured';
  return c.sandbox
    ? '支付渠道：本地沙箱（不产生真实资金往来）/ payment provider: local sandbox (no real money)'
    : `支付渠道：${c.labelZh} / payment provider: ${c.labelEn}`;
}
