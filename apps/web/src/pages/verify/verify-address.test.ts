import { describe, expect, it } from 'vitest';
import { parseVerifyAddress } from './verify-address.ts';

const ID = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';

describe('parseVerifyAddress', () => {
  it('reads the identifier and the code from the printed address', () => {
    expect(parseVerifyAddress(`https://zf.example.gov.cn/verify/${ID}?c=AB3DE7FG9H`)).toEqual({ id: ID, code: 'AB3DE7FG9H' });
  });
  it('takes the identifier alone', () => {
    expect(parseVerifyAddress(`  ${ID.toUpperCase()} `)).toEqual({ id: ID, code: null });
  });
  it('refuses text without an identifier', () => {
    expect(parseVerifyAddress('文书编号 123')).toBeNull();
  });
});
