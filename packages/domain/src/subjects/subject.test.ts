import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, idNumberCheckDigit } from '../party/identity.ts';
import { normalizeAddress, normalizeSubjectName, toHalfWidth } from './address.ts';
import { findDuplicateSubjects, type DuplicateCheckSubject } from './duplicates.ts';
import { SUBJECT_KIND_DEFAULTS, SUBJECT_KINDS, type Subject } from './subject.ts';
import { checkLicence, isValidPlate, licenceState, subjectLicenceState, validateSubject } from './subject-validation.ts';

const TODAY = '2026-12-04';
// Codes in the format printed on business licences that pass the GB 32100-2015 check (华为技术有限公司 and
// 腾讯科技（深圳）有限公司 among them); the domain's checker is party/identity.ts checkCreditCode.
const REAL_FORMAT_CODES = ['914403001922038216', '9144030071526726XG', '91330100716105852F', '91310000132149237G', '91350100M000100Y43'];

function shop(overrides: Partial<Subject> = {}): Subject {
  return {
    id: 'S1',
    kind: 'street_shop',
    name: '老王面馆',
    address: '上海市浦东新区张杨路500号',
    creditCode: '91310000132149237G',
    licences: [],
    ...overrides,
  };
}

describe('subject kinds', () => {
  it('covers the nine kinds of R9 with a Chinese label each', () => {
    expect(SUBJECT_KINDS).toHaveLength(9);
    for (const kind of SUBJECT_KINDS) expect(SUBJECT_KIND_DEFAULTS[kind].labelZh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('validateSubject: identity (统一社会信用代码 GB 32100-2015, 居民身份证号 GB 11643-1999)', () => {
  it('accepts real-format credit codes', () => {
    for (const creditCode of REAL_FORMAT_CODES) expect(validateSubject(shop({ creditCode }), TODAY)).toEqual({ ok: true, issues: [] });
  });

  it('refuses a credit code with one character changed, naming the field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REAL_FORMAT_CODES),
        fc.nat({ max: 16 }),
        fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'),
        (code, pos, ch) => {
          fc.pre(code[pos] !== ch);
          const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
          // A single substitution always changes the weighted sum mod 31 (weights are non-zero mod 31), so the check fails.
          expect(validateSubject(shop({ creditCode: changed }), TODAY).issues).toContainEqual(
            expect.objectContaining({ field: 'creditCode', code: 'CREDIT_CODE_INVALID' }),
          );
        },
      ),
    );
  });

  it('requires a credit code for a company and accepts an ID number for a 个体 shop instead', () => {
    const company: Subject = { ...shop({ kind: 'property_company' }), creditCode: null };
    expect(validateSubject(company, TODAY).issues).toEqual([expect.objectContaining({ field: 'creditCode', code: 'REQUIRED' })]);
    const operator = idNumberCheckDigit('31011519900307123');
    const soleTrader = shop({ creditCode: null, operatorIdNumber: `31011519900307123${operator}` });
    expect(validateSubject(soleTrader, TODAY)).toEqual({ ok: true, issues: [] });
    expect(validateSubject(shop({ creditCode: null, operatorIdNumber: '310115199003071230' }), TODAY).issues[0]).toMatchObject({
      field: 'operatorIdNumber',
      code: 'ID_NUMBER_INVALID',
    });
  });

  it('accepts a computed-valid Shanghai code with a letter in the organisation part', () => {
    const body = '91310115MA1K4A2B3';
    expect(validateSubject(shop({ creditCode: body + creditCodeCheckChar(body) }), TODAY).ok).toBe(true);
  });

  it('requires a valid plate for a waste-transport vehicle', () => {
    const vehicle = shop({ kind: 'waste_transport_vehicle', name: '渣土车', plateNumber: '沪 a·12345', creditCode: null });
    expect(validateSubject(vehicle, TODAY).ok).toBe(true);
    expect(isValidPlate('沪AD12345')).toBe(true); // new-energy plate, six characters
    expect(isValidPlate('沪AO1234')).toBe(false); // letter O is not used
    expect(validateSubject({ ...vehicle, plateNumber: '' }, TODAY).issues[0]).toMatchObject({ field: 'plateNumber', code: 'REQUIRED' });
  });
});

describe('licences', () => {
  const permit = { kind: 'construction_permit', number: '310115202401010101', issuedOn: '2024-01-10', validUntil: '2026-12-20' };

  it('refuses a licence that expires before it is issued, naming validUntil', () => {
    expect(checkLicence({ ...permit, validUntil: '2023-12-31' }, TODAY, 'licences[0]')).toEqual([
      { field: 'licences[0].validUntil', code: 'LICENCE_EXPIRES_BEFORE_ISSUE', messageZh: expect.stringContaining('早于发证日期') },
    ]);
    const site = shop({ kind: 'construction_site', licences: [{ ...permit, validUntil: '2023-12-31' }] });
    expect(validateSubject(site, TODAY).issues.map((i) => i.field)).toEqual(['licences[0].validUntil']);
  });

  it('refuses an issue date after today and dates that do not exist', () => {
    expect(checkLicence({ ...permit, issuedOn: '2027-01-01', validUntil: null }, TODAY)[0]).toMatchObject({
      code: 'LICENCE_ISSUED_IN_FUTURE',
    });
    expect(checkLicence({ ...permit, validUntil: '2026-02-30' }, TODAY)[0]).toMatchObject({
      field: 'licence.validUntil',
      code: 'DATE_INVALID',
    });
  });

  it('reads valid, expiring, expired, revoked and open-ended licences on a date', () => {
    expect(licenceState(permit, '2026-06-01')).toBe('valid');
    expect(licenceState(permit, TODAY)).toBe('expiring');
    expect(licenceState(permit, '2026-12-20')).toBe('expiring');
    expect(licenceState(permit, '2026-12-21')).toBe('expired');
    expect(licenceState(permit, '2024-01-09')).toBe('not_yet_valid');
    expect(licenceState({ ...permit, revoked: true }, '2026-06-01')).toBe('revoked');
    expect(licenceState({ ...permit, validUntil: null }, '2099-01-01')).toBe('valid');
  });

  it('gives the risk rules the best licence of a required kind', () => {
    const site = shop({ kind: 'construction_site', licences: [{ ...permit, validUntil: '2025-01-01' }] });
    expect(subjectLicenceState(site, TODAY)).toBe('expired');
    expect(subjectLicenceState({ ...site, licences: [...site.licences, { ...permit, validUntil: '2028-01-01' }] }, TODAY)).toBe('valid');
    expect(subjectLicenceState({ ...site, licences: [] }, TODAY)).toBe('none');
    expect(subjectLicenceState(shop(), TODAY)).toBe('not_required');
  });
});

describe('normalizeAddress', () => {
  it('treats full-width and half-width, spaces and 號/# variants alike', () => {
    const forms = ['上海市浦东新区张杨路500号', '上海市 浦东新区 张杨路５００號', '浦东新区张杨路500#', '中国上海市浦东新区张杨路　500 号'];
    const keys = forms.map((f) => normalizeAddress(f));
    for (const k of keys) expect(k).toEqual({ key: '张杨路500号', district: '浦东新区' });
  });

  it('unifies 衖 and 弄, dashes and Latin case', () => {
    expect(normalizeAddress('长乐路100衖3号－a').key).toBe(normalizeAddress('长乐路100弄3号-A').key);
  });

  it('strips only a full district name: 黄浦路 is a road, not 黄浦区', () => {
    expect(normalizeAddress('黄浦路99号')).toEqual({ key: '黄浦路99号', district: null });
    expect(normalizeAddress('上海市黄浦区南京东路1号')).toEqual({ key: '南京东路1号', district: '黄浦区' });
  });

  it('maps former districts to the district that absorbed them', () => {
    expect(normalizeAddress('上海市闸北区共和新路1号')).toEqual({ key: '共和新路1号', district: '静安区' });
    expect(normalizeAddress('南汇区惠南镇1号').district).toBe('浦东新区');
  });

  it('character steps are idempotent: a key normalised again (no city or district to strip) is unchanged', () => {
    const noPrefixes = { districts: [], former: {}, cityPrefixes: [] };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'上海市浦东新区张杨路 ５0號#衖弄-－ab（）'.split('')), maxLength: 30 }), (raw) => {
        const once = normalizeAddress(raw);
        expect(normalizeAddress(once.key, noPrefixes)).toEqual({ key: once.key, district: null });
      }),
    );
  });

  it('converts the whole full-width ASCII block', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）＃')).toBe('ABC123()#');
    expect(normalizeSubjectName('老王面馆（张杨路店）')).toBe(normalizeSubjectName('老王面馆 (张杨路店)'));
  });
});

describe('findDuplicateSubjects', () => {
  const existing: DuplicateCheckSubject[] = [
    { id: 'S2', kind: 'street_shop', name: '老王面馆', address: '浦东新区张杨路５００号', creditCode: null },
    { id: 'S3', kind: 'street_shop', name: '老王面馆', address: '徐汇区张杨路500号', creditCode: null },
    { id: 'S4', kind: 'street_shop', name: '另一家店', address: '张杨路501号', creditCode: '91310000132149237g' },
    { id: 'S5', kind: 'property_company', name: '某物业', address: '张杨路1号', creditCode: '91310000132149237G' },
    { id: 'V1', kind: 'waste_transport_vehicle', name: '渣土车1', address: '', creditCode: '91350100M000100Y43', plateNumber: '沪A12345' },
    { id: 'V2', kind: 'waste_transport_vehicle', name: '渣土车2', address: '', creditCode: '91350100M000100Y43', plateNumber: '沪B54321' },
  ];

  it('finds the same credit code within the kind and the same name at the same normalised address, with reasons', () => {
    expect(findDuplicateSubjects(shop(), existing)).toEqual([
      { id: 'S2', reasons: ['same_address_and_name'] },
      { id: 'S4', reasons: ['same_credit_code'] },
    ]);
  });

  it('compares vehicles by plate, not by the owner’s credit code', () => {
    const vehicle: DuplicateCheckSubject = { ...existing[4]!, id: 'V9', plateNumber: '沪 a12345', name: '新登记' };
    expect(findDuplicateSubjects(vehicle, existing)).toEqual([{ id: 'V1', reasons: ['same_plate'] }]);
  });

  it('does not find the record being edited', () => {
    expect(findDuplicateSubjects(existing[0]!, existing).map((c) => c.id)).not.toContain('S2');
  });
});
