// The providers the platform knows. The sandbox is the default until a real provider is configured.
import { AppError } from '../../../errors/app-error.ts';
import { paymentProvider, registerPaymentProvider, type PaymentProvider } from './payment-provider.ts';
import { SANDBOX, sandboxProvider } from './sandbox-provider.ts';

registerPaymentProvider(sandboxProvider);

export function defaultProvider(): PaymentProvider {
  return paymentProvider(SANDBOX)!;
}

export function providerOrFail(name: string): PaymentProvider {
  const p = paymentProvider(name);
  if (!p) throw new AppError('NOT_FOUND', { field: 'provider' });
  return p;
}
