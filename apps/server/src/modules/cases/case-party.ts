// 当事人 from the request: 居民身份证号 checked per GB 11643 (birth date and gender derived), 统一社会信用代码 per
// GB 32100. A failed check is a 400 naming the field.
import type { PartyBody } from '@chengguan/contracts';
import { checkCreditCode, checkIdNumber, type CaseParty } from '@chengguan/domain';
import type { Insertable } from 'kysely';
import { AppError } from '../../errors/app-error.ts';
import type { PartiesTable } from './cases.tables.ts';

function partyError(field: string, zh: string, en: string, rule: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    field,
    rule,
    message: `${field}：${zh}`,
    messageEn: `${field}: ${en}`,
    details: [{ field, message: zh, messageEn: en }],
  });
}

export type ValidParty = { row: Omit<Insertable<PartiesTable>, 'id' | 'bureau_id'>; caseParty: CaseParty };

export function validParty(body: PartyBody, today: string, prefix = 'party'): ValidParty {
  let birthDate = body.birthDate ?? null;
  let gender = body.gender ?? null;
  let idNumber = body.idNumber.trim();
  if (body.idType === 'id_card') {
    if (body.type !== 'natural_person') {
      throw partyError(`${prefix}.idType`, '居民身份证仅适用于自然人', 'an ID card identifies a natural person', 'GB 11643');
    }
    const check = checkIdNumber(idNumber, { onDate: today });
    if (!check.ok) {
      throw partyError(
        `${prefix}.idNumber`,
        `居民身份证号码校验失败（${check.reason}，GB 11643-1999）`,
        `the ID card number fails the GB 11643-1999 check (${check.reason})`,
        'GB 11643-1999',
      );
    }
    idNumber = idNumber.toUpperCase();
    birthDate = check.birthDate;
    gender = check.gender;
  } else if (body.idType === 'uscc') {
    if (body.type === 'natural_person') {
      throw partyError(`${prefix}.idType`, '统一社会信用代码仅适用于法人和其他组织', 'a USCC identifies an organisation', 'GB 32100-2015');
    }
    const check = checkCreditCode(idNumber);
    if (!check.ok) {
      throw partyError(
        `${prefix}.idNumber`,
        `统一社会信用代码校验失败（${check.reason}，GB 32100-2015）`,
        `the unified social credit code fails the GB 32100-2015 check (${check.reason})`,
        'GB 32100-2015',
      );
    }
    idNumber = idNumber.toUpperCase();
  }
  if (body.type !== 'natural_person') {
    birthDate = null;
    gender = null;
  }
  const caseParty: CaseParty = {
    type: body.type,
    ...(birthDate ? { birthDate } : {}),
    ...(body.electronicServiceConsentOn ? { electronicServiceConsentOn: body.electronicServiceConsentOn } : {}),
  };
  return {
    row: {
      type: body.type,
      name: body.name.trim(),
      id_type: body.idType,
      id_number: idNumber,
      birth_date: birthDate,
      gender,
      phone: body.phone ?? null,
      address: body.address ?? null,
      legal_representative: body.legalRepresentative ?? null,
    },
    caseParty,
  };
}
