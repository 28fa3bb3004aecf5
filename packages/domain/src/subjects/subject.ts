// 执法对象 (regulated subjects): one record per shop, site, compound, building, stall point, company or vehicle —
// 「一店一档」「一店一码」 (REQUIREMENTS.md R9; seeds 003 虹口区局推行“一店一码”, 000 执法对象监管系统 and 优秀历史保护建筑
// 分级分类监管子系统). Which identity a kind must carry and which licence it needs is local data modelling, not law
// (LEGAL-RULES.md §0 mark U): it sits in SUBJECT_KIND_DEFAULTS, replaceable by configuration.
import type { LegalDate } from '../calendar/legal-date.ts';

export const SUBJECT_KINDS = [
  'street_shop',
  'construction_site',
  'restaurant_fume',
  'historic_building',
  'stall_point',
  'waste_transport_company',
  'waste_transport_vehicle',
  'residential_compound',
  'property_company',
] as const;

export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * The identity a record of the kind must carry:
 * - credit_code: the 统一社会信用代码 of the organisation (GB 32100-2015);
 * - credit_code_or_id_number: a 个体 operator may be recorded by 居民身份证号 (GB 11643-1999) instead;
 * - plate: the vehicle's number plate (the owner's credit code is recorded too when known);
 * - none: a place or building identified by name and address.
 */
export type SubjectIdentityRule = 'credit_code' | 'credit_code_or_id_number' | 'plate' | 'none';

export type SubjectKindRule = {
  labelZh: string;
  identity: SubjectIdentityRule;
  /** Licence kinds of which the subject should hold a valid one; empty when none is required. */
  requiredLicenceKinds: readonly string[];
};

/**
 * Local default (U — not from a statute that was read): labels follow the seeds (沿街商户, 建筑工地, 餐饮油烟商户,
 * 优秀历史保护建筑, 新业态经营点位, 建设工程垃圾运输企业, 住宅小区, 物业); licence kinds are the usual permits of each
 * trade and are configuration.
 */
export const SUBJECT_KIND_DEFAULTS: Readonly<Record<SubjectKind, SubjectKindRule>> = {
  street_shop: { labelZh: '沿街商户', identity: 'credit_code_or_id_number', requiredLicenceKinds: [] },
  construction_site: { labelZh: '建筑工地', identity: 'credit_code', requiredLicenceKinds: ['construction_permit'] },
  restaurant_fume: { labelZh: '餐饮油烟商户', identity: 'credit_code_or_id_number', requiredLicenceKinds: ['food_business_licence'] },
  historic_building: { labelZh: '优秀历史保护建筑', identity: 'none', requiredLicenceKinds: [] },
  stall_point: { labelZh: '设摊经营点位', identity: 'none', requiredLicenceKinds: [] },
  waste_transport_company: {
    labelZh: '建筑垃圾运输企业',
    identity: 'credit_code',
    requiredLicenceKinds: ['construction_waste_transport_permit'],
  },
  waste_transport_vehicle: { labelZh: '建筑垃圾运输车辆', identity: 'plate', requiredLicenceKinds: ['vehicle_transport_certificate'] },
  residential_compound: { labelZh: '住宅小区', identity: 'none', requiredLicenceKinds: [] },
  property_company: { labelZh: '物业服务企业', identity: 'credit_code', requiredLicenceKinds: [] },
};

/** A licence or permit held by the subject. */
export type SubjectLicence = {
  /** e.g. 'construction_permit', 'food_business_licence' (see SUBJECT_KIND_DEFAULTS). */
  kind: string;
  number: string;
  issuedOn: LegalDate;
  /** Last valid day (inclusive); null for a licence without an end date (长期). */
  validUntil: LegalDate | null;
  /** Revoked or cancelled (吊销、注销) — no longer counts whatever its dates. */
  revoked?: boolean;
};

export type Subject = {
  id: string;
  kind: SubjectKind;
  name: string;
  address: string;
  /** 统一社会信用代码 of the subject (for a vehicle: of its owner). */
  creditCode?: string | null;
  /** 居民身份证号 of a 个体 operator without a credit code. */
  operatorIdNumber?: string | null;
  /** Number plate (vehicles only). */
  plateNumber?: string | null;
  licences: readonly SubjectLicence[];
};
