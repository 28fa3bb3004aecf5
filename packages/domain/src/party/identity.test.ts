import { describe, expect, it } from 'vitest';
import {
  ageReachedOn,
  checkCreditCode,
  checkIdNumber,
  creditCodeCheckChar,
  idNumberCheckDigit,
  maskIdNumber,
  maskName,
  maskPhone,
} from './identity.ts';

const withCheck = (first17: string): string => first17 + idNumberCheckDigit(first17);

describe('checkIdNumber (GB 11643-1999)', () => {
  it('accepts the examples printed in the standard', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31', gender: 'F', reason: null });
    expect(checkIdNumber('440524188001010014')).toEqual({ ok: true, birthDate: '1880-01-01', gender: 'M', reason: null });
  });

  it('accepts computed-valid numbers, a lower-case x and surrounding spaces', () => {
    const pudong = withCheck('31011519900307123');
    expect(checkIdNumber(pudong)).toMatchObject({ ok: true, birthDate: '1990-03-07', gender: 'M' });
    expect(checkIdNumber(' 11010519491231002x ')).toMatchObject({ ok: true, gender: 'F' });
    expect(checkIdNumber(withCheck('31011820000229004'))).toMatchObject({ ok: true, birthDate: '2000-02-29', gender: 'F' });
  });

  it('rejects a wrong check digit', () => {
    expect(checkIdNumber('110105194912310021')).toMatchObject({ ok: false, reason: 'check_digit' });
    expect(checkIdNumber('440524188001010015')).toMatchObject({ ok: false, reason: 'check_digit', birthDate: null });
  });

  it('rejects bad format, region and birth date', () => {
    expect(checkIdNumber('11010519491231002')).toMatchObject({ reason: 'format' });
    expect(checkIdNumber('1101051949123100XX')).toMatchObject({ reason: 'format' });
    expect(checkIdNumber('110105491231002')).toMatchObject({ reason: 'format' }); // 15-digit first generation
    expect(checkIdNumber(withCheck('99010519491231002'))).toMatchObject({ reason: 'region' });
    expect(checkIdNumber(withCheck('31011519900230123'))).toMatchObject({ reason: 'birth_date' });
    expect(checkIdNumber(withCheck('31011519011329123'))).toMatchObject({ reason: 'birth_date' });
    expect(checkIdNumber(withCheck('31011520300101123'), { onDate: '2026-01-05' })).toMatchObject({ reason: 'birth_in_future' });
  });

  it('idNumberCheckDigit maps sum mod 11 through "10X98765432"', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(() => idNumberCheckDigit('123')).toThrow();
  });
});

describe('ageReachedOn', () => {
  it('counts the birthday itself as having reached the age', () => {
    expect(ageReachedOn('2012-03-07', '2026-03-07')).toBe(14);
    expect(ageReachedOn('2012-03-07', '2026-03-06')).toBe(13);
    expect(ageReachedOn('2008-01-05', '2026-01-05')).toBe(18);
    expect(ageReachedOn('2008-01-05', '2026-01-04')).toBe(17);
    expect(ageReachedOn('1990-12-31', '1991-01-01')).toBe(0);
    expect(ageReachedOn('1990-12-31', '1990-12-31')).toBe(0);
  });

  it('a 29 February birthday is reached on 28 February in common years (民法典 Art. 202)', () => {
    expect(ageReachedOn('2012-02-29', '2026-02-27')).toBe(13);
    expect(ageReachedOn('2012-02-29', '2026-02-28')).toBe(14);
    expect(ageReachedOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageReachedOn('2012-02-29', '2028-02-29')).toBe(16);
  });

  it('rejects invalid dates and a date before birth', () => {
    expect(() => ageReachedOn('2012-02-30', '2026-01-01')).toThrow();
    expect(() => ageReachedOn('2026-01-02', '2026-01-01')).toThrow(RangeError);
  });
});

describe('checkCreditCode (GB 32100-2015)', () => {
  it('accepts computed-valid codes, including ones whose check value is 0 or a letter', () => {
    const body = '91310115MA1K4A2B3';
    const code = body + creditCodeCheckChar(body);
    expect(checkCreditCode(code)).toEqual({ ok: true, regionCode: '310115', reason: null });
    expect(checkCreditCode(code.toLowerCase())).toMatchObject({ ok: true });
    // Search a body whose weighted sum is a multiple of 31, where the check character is '0'.
    let zero: string | null = null;
    for (let n = 0; n < 1000 && zero === null; n++) {
      const b = `9231011833${String(n).padStart(7, '0')}`;
      if (creditCodeCheckChar(b) === '0') zero = b + '0';
    }
    expect(zero).not.toBeNull();
    expect(checkCreditCode(zero!)).toMatchObject({ ok: true, regionCode: '310118' });
  });

  it('rejects a wrong check character', () => {
    const body = '91310115MA1K4A2B3';
    const good = creditCodeCheckChar(body);
    const bad = good === '1' ? '2' : '1';
    expect(checkCreditCode(body + bad)).toEqual({ ok: false, regionCode: null, reason: 'check_digit' });
  });

  it('rejects wrong length, letters outside the charset and a non-numeric region', () => {
    expect(checkCreditCode('91310115MA1K4A2B')).toMatchObject({ reason: 'format' });
    expect(checkCreditCode('91310115MA1K4O2B3X')).toMatchObject({ reason: 'format' }); // O not used
    expect(checkCreditCode('91310115MA1K4I2B3X')).toMatchObject({ reason: 'format' }); // I not used
    const body = '9131A115MA1K4A2B3';
    expect(checkCreditCode(body + creditCodeCheckChar(body))).toMatchObject({ reason: 'region' });
  });
});

describe('masking', () => {
  it('maskIdNumber keeps region code and last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('AB123456')).toBe('AB****56');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('maskPhone shows 3 + 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('021-5888')).toBe('****5888');
    expect(maskPhone('110')).toBe('***');
  });

  it('maskName keeps the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });
});
