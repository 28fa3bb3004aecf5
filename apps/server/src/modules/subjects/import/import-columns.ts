// The columns of the city's lists as the bureau's spreadsheets name them, and how a row's text becomes a subject.
import { isValidLegalDate, type LegalDate, SUBJECT_KIND_DEFAULTS, SUBJECT_KINDS, type SubjectKind } from '@chengguan/domain';

/** Field → the header text in the file (Chinese, as the lists are kept). */
export const IMPORT_COLUMNS = {
  name: '名称',
  kind: '类型',
  creditCode: '统一社会信用代码',
  idNumber: '身份证号',
  plate: '车牌',
  address: '地址',
  lon: '经度',
  lat: '纬度',
  contact: '联系人',
  phone: '电话',
  licenceKind: '证照类型',
  licenceNumber: '证照编号',
  issuedOn: '发证日期',
  validUntil: '有效期至',
  tags: '标签',
} as const;
export type ImportField = keyof typeof IMPORT_COLUMNS;
export const REQUIRED_COLUMNS: readonly ImportField[] = ['name', 'kind', 'address'];

/** The domain's field names (validateSubject issues) → the column the user sees. */
export const ISSUE_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  name: IMPORT_COLUMNS.name,
  address: IMPORT_COLUMNS.address,
  creditCode: IMPORT_COLUMNS.creditCode,
  operatorIdNumber: IMPORT_COLUMNS.idNumber,
  plateNumber: IMPORT_COLUMNS.plate,
  'licences[0].number': IMPORT_COLUMNS.licenceNumber,
  'licences[0].issuedOn': IMPORT_COLUMNS.issuedOn,
  'licences[0].validUntil': IMPORT_COLUMNS.validUntil,
};

/** The kind written in the 类型 column: the label, a short form used in the lists, or the code. */
const KIND_ALIASES: Readonly<Record<string, SubjectKind>> = {
  沿街商户: 'street_shop',
  商户: 'street_shop',
  餐饮油烟: 'restaurant_fume',
  餐饮: 'restaurant_fume',
  工地: 'construction_site',
  建设工地: 'construction_site',
  历史建筑: 'historic_building',
  设摊点位: 'stall_point',
  设摊: 'stall_point',
  运输企业: 'waste_transport_company',
  渣土运输企业: 'waste_transport_company',
  运输车辆: 'waste_transport_vehicle',
  车辆: 'waste_transport_vehicle',
  渣土车: 'waste_transport_vehicle',
  小区: 'residential_compound',
  物业: 'property_company',
  物业公司: 'property_company',
};

export function parseKind(text: string): SubjectKind | null {
  const t = text.trim();
  if ((SUBJECT_KINDS as readonly string[]).includes(t)) return t as SubjectKind;
  for (const k of SUBJECT_KINDS) if (SUBJECT_KIND_DEFAULTS[k].labelZh === t) return k;
  return KIND_ALIASES[t] ?? null;
}

const LICENCE_KINDS: Readonly<Record<string, string>> = {
  食品经营许可证: 'food_business_licence',
  施工许可证: 'construction_permit',
  建筑工程施工许可证: 'construction_permit',
  建筑垃圾运输许可证: 'construction_waste_transport_permit',
  建筑垃圾处置核准: 'construction_waste_transport_permit',
  车辆运输证: 'vehicle_transport_certificate',
  营业执照: 'business_licence',
};

/** The licence kind code: a known label, a code as such, else the kind's required licence. */
export function parseLicenceKind(text: string, kind: SubjectKind | null): string {
  const t = text.trim();
  if (t !== '') return LICENCE_KINDS[t] ?? t;
  return (kind && SUBJECT_KIND_DEFAULTS[kind].requiredLicenceKinds[0]) || 'business_licence';
}

/** A date as the lists write it (2026-01-31, 2026/1/31, 2026.1.31, 2026年1月31日) → YYYY-MM-DD, or null. */
export function parseDate(text: string): LegalDate | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidLegalDate(d) ? d : null;
}
