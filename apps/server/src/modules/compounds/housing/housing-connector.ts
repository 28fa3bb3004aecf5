// 房屋注记 / 解注记 with the housing department (issue 17 §2; docs/compounds.md §4). One contract for every housing
// register: we send a signed message (HMAC-SM3 over the flat fields, shared/connector-signing.ts) with a stable
// `messageId`; the register answers a signed receipt with its own reference. The same messageId sent twice is one
// annotation (the register answers the first receipt again), so a retry after a lost answer is safe. The local
// simulator below is the register until a real one is configured; it must pass test/housing-connector.contract.ts.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { signedHeaders, useNonce, verifyExchangeSignature, type ExchangeHeaderValues } from '../../../shared/connector-signing.ts';

export const HOUSING_LABEL = { zh: '房屋注记报文', en: 'housing annotation message' };
export const HOUSING_NONCE_CHANNEL = 'housing';

export type HousingMessage = {
  messageId: string;
  action: 'annotate' | 'release';
  compoundCode: string;
  compoundName: string;
  room: string;
  reason: string;
  bureauCode: string;
};

export type HousingReceipt = { messageId: string; action: 'annotate' | 'release'; housingRef: string; acceptedAt: string };

export type HousingConnector = {
  readonly simulator: boolean;
  readonly labelZh: string;
  readonly labelEn: string;
  /** Sends one signed message; answers the register's signed receipt (checked by the caller), or throws. */
  send(message: HousingMessage, headers: ExchangeHeaderValues): Promise<{ receipt: HousingReceipt; headers: ExchangeHeaderValues }>;
};

let processSecret: string | null = null;
/** HOUSING_CONNECTOR_SECRET, else one random key per process (simulator only). */
export function housingSecret(config: Deps['config']): string {
  if (config.housingConnectorSecret) return config.housingConnectorSecret;
  processSecret ??= randomBytes(32).toString('hex');
  return processSecret;
}

/**
 * The local simulator of the housing register: checks the signature, the timestamp window and the nonce (once), keeps
 * one receipt per messageId (idempotent), answers signed. `failNext(n)` makes the next n sends fail before anything
 * is recorded (a register that is down), for the retry tests.
 */
export class HousingSimulator implements HousingConnector {
  readonly simulator = true;
  readonly labelZh = '模拟房屋管理部门（本地模拟，不与真实房屋登记系统联通）';
  readonly labelEn = 'housing department simulator (local; not the real housing register)';
  private readonly receipts = new Map<string, HousingReceipt>();
  private failures = 0;
  /** Every annotation the register holds now: key compoundCode/room. */
  readonly annotated = new Map<string, string>();
  constructor(private readonly deps: Pick<Deps, 'db' | 'clock' | 'config'>) {}

  failNext(n: number): void {
    this.failures = n;
  }

  async send(message: HousingMessage, headers: ExchangeHeaderValues) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('housing register unavailable (simulated)');
    }
    const secret = housingSecret(this.deps.config);
    const { nonce } = verifyExchangeSignature(secret, headers, message, this.deps.clock.now(), HOUSING_LABEL);
    await useNonce(this.deps.db, this.deps, HOUSING_NONCE_CHANNEL, `sim-${nonce}`);
    let receipt = this.receipts.get(message.messageId);
    if (!receipt) {
      const key = `${message.compoundCode}/${message.room}`;
      if (message.action === 'release' && !this.annotated.has(key)) {
        throw new AppError('STATE_CONFLICT', {
          message: '房屋登记中没有该房屋的注记',
          messageEn: 'The register holds no annotation of this house',
        });
      }
      receipt = {
        messageId: message.messageId,
        action: message.action,
        housingRef: `FW${sm3Hex(`housing\n${message.messageId}`).slice(0, 12).toUpperCase()}`,
        acceptedAt: this.deps.clock.now().toISOString(),
      };
      this.receipts.set(message.messageId, receipt);
      if (message.action === 'annotate') this.annotated.set(key, receipt.housingRef);
      else this.annotated.delete(key);
    }
    return { receipt, headers: signedHeaders(secret, receipt, this.deps.clock.now()) };
  }
}

const simulators = new WeakMap<object, HousingSimulator>();
/** The connector configured for this process (HOUSING_CONNECTOR), or null when off. One simulator per database. */
export function housingConnector(deps: Pick<Deps, 'db' | 'clock' | 'config'>): HousingConnector | null {
  if (deps.config.housingConnector !== 'simulator') return null;
  let s = simulators.get(deps.db);
  if (!s) {
    s = new HousingSimulator(deps);
    simulators.set(deps.db, s);
  }
  return s;
}
