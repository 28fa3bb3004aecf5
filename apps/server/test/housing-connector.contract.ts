// The contract every housing-register connector passes (房屋注记 / 解注记; the local simulator here, a real register
// later through its own test environment): a signed message is answered by a signed receipt; the same messageId sent
// twice is one annotation with the same receipt; a bad signature, an old timestamp and a replayed nonce are refused
// (401, the platform's error format); a release of a house the register does not hold is refused.
import { expect, it } from 'vitest';
import { signedHeaders, verifyExchangeSignature } from '../src/shared/connector-signing.ts';
import type { HousingConnector } from '../src/modules/compounds/index.ts';
import { HOUSING_LABEL, type HousingMessage } from '../src/modules/compounds/housing/housing-connector.ts';

export type HousingContractSubject = { connector: () => HousingConnector; secret: () => string; now: () => Date };

export function housingConnectorContract(s: HousingContractSubject): void {
  let serial = 0;
  const message = (extra: Partial<HousingMessage> = {}): HousingMessage => {
    serial += 1;
    return {
      messageId: `contract-${serial}:annotate`,
      action: 'annotate',
      compoundCode: `SC-CONTRACT-${serial}`,
      compoundName: '合同测试小区',
      room: '1-101',
      reason: '违法搭建未拆除',
      bureauCode: 'PD',
      ...extra,
    };
  };

  it('housing contract: signed message → signed receipt; the same messageId twice is one annotation', async () => {
    const m = message();
    const a = await s.connector().send(m, signedHeaders(s.secret(), m, s.now()));
    verifyExchangeSignature(s.secret(), a.headers, a.receipt, s.now(), HOUSING_LABEL);
    expect(a.receipt).toMatchObject({ messageId: m.messageId, action: 'annotate' });
    const again = await s.connector().send(m, signedHeaders(s.secret(), m, s.now()));
    expect(again.receipt.housingRef).toBe(a.receipt.housingRef);
    const release = { ...m, messageId: m.messageId.replace('annotate', 'release'), action: 'release' as const };
    const r = await s.connector().send(release, signedHeaders(s.secret(), release, s.now()));
    expect(r.receipt.action).toBe('release');
  });

  it('housing contract: bad signature, old timestamp, replayed nonce and an unknown release are refused', async () => {
    const m = message();
    const h = signedHeaders(s.secret(), m, s.now());
    await expect(s.connector().send({ ...m, room: '9-909' }, h)).rejects.toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID' });
    const old = signedHeaders(s.secret(), m, new Date(s.now().getTime() - 3_600_000));
    await expect(s.connector().send(m, old)).rejects.toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID' });
    await s.connector().send(m, h);
    await expect(s.connector().send(m, h)).rejects.toMatchObject({ code: 'EXCHANGE_REPLAYED' });
    const lone = message({ action: 'release' });
    await expect(s.connector().send(lone, signedHeaders(s.secret(), lone, s.now()))).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
  });
}
