// Redaction of what the bureau publishes (行政执法公示): personal data of natural persons is not published
// (个人信息保护法 Art. 28 sensitive data; 政府信息公开条例 Art. 15; ARCHITECTURE.md "Trust": personal data is redacted in
// anything published). Legal persons and other organisations are published with their name and 统一社会信用代码,
// which identify the business (沪营商 Art. 65 publishes penalty information about business entities).
import type { PartyType } from '../law/types.ts';

/** 王** — the surname (first character) and one star per remaining character. */
export function redactPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0]! + '*'.repeat(Math.max(1, chars.length - 1));
}

// 18-digit 居民身份证 (GB 11643, last character may be X) and the old 15-digit form; mobile and landline numbers.
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
// Landlines with their area code (021-12345678), or any 7–8 digits right after 电话 / 联系方式.
const LANDLINE = /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g;
const LABELLED_NUMBER = /((?:电话|手机|联系方式)[:：]?\s*)\d{7,8}(?!\d)/g;
const REMOVED = '［已隐去］';

/** Removes ID numbers and phone numbers from free text (facts, reasons). */
export function removeIdentifiers(text: string): string {
  return text.replace(ID_NUMBER, REMOVED).replace(MOBILE, REMOVED).replace(LANDLINE, REMOVED).replace(LABELLED_NUMBER, `$1${REMOVED}`);
}

// The first street-level segment after the district: a 街道 / 镇 / 乡 or a road, without house numbers.
const STREET = /^[^\d０-９#＃\s]+?(?:街道|镇|乡|大道|路|街|道|巷|村)/;

/**
 * An address cut to the district and street: 「上海市浦东新区世纪大道100号」 → 「上海市浦东新区世纪大道」. Without a
 * recognisable district, only a leading street segment is kept; with neither, nothing.
 */
export function redactAddress(address: string): string {
  const a = address.replace(/\s+/g, '');
  const district = /^([^\d０-９]*?(?:新区|区|县))/.exec(a);
  const head = district?.[1] ?? '';
  const rest = a.slice(head.length);
  const street = STREET.exec(rest)?.[0] ?? '';
  return head + street;
}

export type DisclosureParty = {
  type: PartyType;
  name: string;
  /** USCC for organisations; an ID card number for persons (never published). */
  idNumber?: string | null;
};

export type RedactedParty = { type: PartyType; name: string; creditCode: string | null };

export function redactParty(p: DisclosureParty): RedactedParty {
  if (p.type === 'natural_person') return { type: p.type, name: redactPersonName(p.name), creditCode: null };
  return { type: p.type, name: p.name.trim(), creditCode: p.idNumber?.trim() || null };
}

export type DisclosureSource = {
  documentNumber: string;
  party: DisclosureParty;
  facts: string;
  location: string;
  legalBasis: string;
  penaltyText: string;
  agencyName: string;
  decidedOn: string;
};

export type DisclosureContent = {
  documentNumber: string;
  partyType: PartyType;
  partyName: string;
  creditCode: string | null;
  facts: string;
  location: string;
  legalBasis: string;
  penalty: string;
  agencyName: string;
  decidedOn: string;
};

/**
 * The published content of a decision: a natural person's name (also where the facts repeat it) becomes 王**,
 * ID and phone numbers are removed, addresses are cut to the district and street.
 */
export function redactDecisionForDisclosure(src: DisclosureSource): DisclosureContent {
  const party = redactParty(src.party);
  let facts = removeIdentifiers(src.facts);
  if (src.party.type === 'natural_person' && src.party.name.trim().length > 0) {
    facts = facts.split(src.party.name.trim()).join(party.name);
  }
  return {
    documentNumber: src.documentNumber,
    partyType: party.type,
    partyName: party.name,
    creditCode: party.creditCode,
    facts,
    location: redactAddress(src.location) || '（已隐去）',
    legalBasis: removeIdentifiers(src.legalBasis),
    penalty: removeIdentifiers(src.penaltyText),
    agencyName: src.agencyName,
    decidedOn: src.decidedOn,
  };
}
