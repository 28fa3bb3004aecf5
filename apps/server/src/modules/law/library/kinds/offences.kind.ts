import {
  ENFORCEMENT_DOMAIN_ZH,
  EVENT_CATEGORIES,
  OffenceBody,
  PENALTY_TYPE_ZH,
  type EventCategory,
  type Offence,
  type OffenceListQuery,
} from '@chengguan/contracts';
import { assertTiersWithinRange } from '@chengguan/domain';
import * as repo from '../../law-library.repository.ts';
import { toOffence } from '../../law.mapper.ts';
import { issue, issueFromDomain, type Issue } from '../../law.errors.ts';
import {
  readBool,
  readDate,
  readEnum,
  readEnumList,
  readList,
  readText,
  readYuan,
  writeBool,
  writeEnumList,
  writeList,
  writeYuan,
} from '../cells.ts';
import { dateIssues, endIssue, overlapIssue } from '../checks.ts';
import { tierFromRow } from '../tiers.ts';
import { provenanceColumns } from './provenance.ts';
import type { LibraryKind, SheetColumn } from '../kind-spec.ts';
import { isForeignKeyViolation } from '../../../../shared/pg-errors.ts';

type Filter = Omit<OffenceListQuery, 'page' | 'pageSize'>;
type Sheet = OffenceBody;
const EVENT_LABELS = Object.fromEntries(EVENT_CATEGORIES.map((c) => [c, c])) as Record<EventCategory, string>;

const COLUMNS: SheetColumn<Sheet & { id?: string }>[] = [
  { header: 'ID', field: 'id', required: false, width: 38, write: (r) => r.id ?? null, read: readText },
  { header: '案由编码', field: 'code', required: true, write: (r) => r.code, read: readText },
  { header: '案由名称', field: 'name', required: true, width: 36, write: (r) => r.name, read: readText },
  {
    header: '执法领域',
    field: 'domain',
    required: true,
    write: (r) => ENFORCEMENT_DOMAIN_ZH[r.domain],
    read: (c) => readEnum(c, ENFORCEMENT_DOMAIN_ZH),
  },
  { header: '违则', field: 'violatedProvision', required: true, width: 36, write: (r) => r.violatedProvision, read: readText },
  {
    header: '违则法条ID',
    field: 'violatedProvisionId',
    required: false,
    width: 38,
    write: (r) => r.violatedProvisionId ?? null,
    read: readText,
  },
  { header: '罚则', field: 'penaltyProvision', required: true, width: 36, write: (r) => r.penaltyProvision, read: readText },
  {
    header: '罚则法条ID',
    field: 'penaltyProvisionId',
    required: false,
    width: 38,
    write: (r) => r.penaltyProvisionId ?? null,
    read: readText,
  },
  {
    header: '处罚种类',
    field: 'penaltyTypes',
    required: true,
    width: 20,
    write: (r) => writeEnumList(r.penaltyTypes, PENALTY_TYPE_ZH),
    read: (c) => readEnumList(c, PENALTY_TYPE_ZH),
    empty: () => [],
  },
  { header: '罚款下限（元）', field: 'minFineFen', required: true, write: (r) => writeYuan(r.minFineFen ?? null), read: readYuan },
  { header: '罚款上限（元）', field: 'maxFineFen', required: true, write: (r) => writeYuan(r.maxFineFen ?? null), read: readYuan },
  {
    header: '拒不改正方可罚款',
    field: 'finesOnlyAfterRefusal',
    required: false,
    write: (r) => writeBool(r.finesOnlyAfterRefusal),
    read: readBool,
  },
  { header: '仍属违法', field: 'illegal', required: false, write: (r) => writeBool(r.illegal), read: readBool },
  { header: '可非现场执法', field: 'offsiteEligible', required: false, write: (r) => writeBool(r.offsiteEligible), read: readBool },
  {
    header: '数字城管事件类别',
    field: 'eventCategory',
    required: false,
    write: (r) => r.eventCategory ?? null,
    read: (c) => readEnum(c, EVENT_LABELS),
  },
  { header: '关键词', field: 'keywords', required: false, width: 24, write: (r) => writeList(r.keywords), read: (c) => readList(c) },
  { header: '生效日期', field: 'effectiveFrom', required: true, width: 12, write: (r) => r.effectiveFrom, read: readDate },
  { header: '失效日期', field: 'effectiveTo', required: false, width: 12, write: (r) => r.effectiveTo ?? null, read: readDate },
  ...provenanceColumns<Sheet>(),
];

function toBody(o: Offence): OffenceBody {
  return {
    code: o.code,
    name: o.name,
    domain: o.domain,
    violatedProvision: o.violatedProvision,
    violatedProvisionId: o.violatedProvisionId,
    penaltyProvision: o.penaltyProvision,
    penaltyProvisionId: o.penaltyProvisionId,
    penaltyTypes: o.penaltyTypes,
    minFineFen: o.minFineFen,
    maxFineFen: o.maxFineFen,
    finesOnlyAfterRefusal: o.finesOnlyAfterRefusal,
    illegal: o.illegal,
    offsiteEligible: o.offsiteEligible,
    eventCategory: o.eventCategory,
    keywords: o.keywords,
    effectiveFrom: o.effectiveFrom,
    effectiveTo: o.effectiveTo,
    verification: o.verification,
    source: o.source,
    note: o.note,
  };
}

function row(b: OffenceBody) {
  return {
    code: b.code.trim(),
    name: b.name.trim(),
    domain: b.domain,
    violated_provision: b.violatedProvision.trim(),
    violated_provision_id: b.violatedProvisionId ?? null,
    penalty_provision: b.penaltyProvision.trim(),
    penalty_provision_id: b.penaltyProvisionId ?? null,
    penalty_types: [...b.penaltyTypes],
    min_fine_fen: b.minFineFen ?? null,
    max_fine_fen: b.maxFineFen ?? null,
    fines_only_after_refusal: b.finesOnlyAfterRefusal ?? false,
    illegal: b.illegal ?? true,
    offsite_eligible: b.offsiteEligible ?? false,
    event_category: b.eventCategory ?? null,
    keywords: [...new Set((b.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
    effective_from: b.effectiveFrom,
    effective_to: b.effectiveTo ?? null,
    verification: b.verification,
    source: b.source.trim(),
    note: b.note?.trim() || null,
  };
}

async function rangeIssues(db: Parameters<typeof repo.findProvision>[0], b: OffenceBody, selfId: string | null): Promise<Issue[]> {
  const min = b.minFineFen ?? null;
  const max = b.maxFineFen ?? null;
  if ((min === null) !== (max === null)) {
    const field = min === null ? 'minFineFen' : 'maxFineFen';
    return [issue(field, '罚款下限和上限须同时填写或同时留空', 'give both ends of the fine range or neither')];
  }
  if (min !== null && max !== null && min > max) {
    return [
      issue(
        'maxFineFen',
        `罚款上限 ${max / 100} 元低于下限 ${min / 100} 元`,
        `the maximum ${max / 100} yuan is below the minimum ${min / 100} yuan`,
        { rule: 'ART34' },
      ),
    ];
  }
  if (min !== null && !b.penaltyTypes.includes('fine')) {
    return [issue('penaltyTypes', '填写了罚款幅度，处罚种类须包含罚款', 'a fine range needs the penalty type fine')];
  }
  if (!selfId) return [];
  const tiers = await repo.tiersOfOffences(db, [selfId]);
  if (tiers.length === 0) return [];
  if (min === null || max === null) {
    return [
      issue(
        'minFineFen',
        '该版本已有裁量阶次，不能删除法定罚款幅度',
        'the version has discretion tiers; its fine range cannot be removed',
        { rule: 'ART34' },
      ),
    ];
  }
  try {
    assertTiersWithinRange(tiers.map(tierFromRow), { minFen: min, maxFen: max }, 'tiers');
    return [];
  } catch (err) {
    const found = issueFromDomain(err);
    if (!found) throw err;
    return [{ ...found, field: 'minFineFen', message: `已有裁量阶次超出新的法定幅度：${found.message}` }];
  }
}

export const OFFENCES: LibraryKind<Offence, OffenceBody, Sheet, Filter> = {
  kind: 'offences',
  entityType: 'law.offence',
  sheetName: '案由',
  bodySchema: OffenceBody,
  columns: COLUMNS,
  async find(db, id) {
    const r = await repo.findOffence(db, id);
    return r && toOffence(r);
  },
  async list(db, filter, limit, offset) {
    const { items, total } = await repo.listOffences(db, filter, limit, offset);
    return { items: items.map(toOffence), total };
  },
  toBody,
  toSheet: toBody,
  async fromSheet(_db, sheet) {
    return { body: sheet, issues: [] };
  },
  lockKeys: (b) => [`law.offence:${b.code.trim()}`],
  async check(db, b, selfId) {
    const issues: Issue[] = [
      ...dateIssues({ effectiveFrom: b.effectiveFrom, effectiveTo: b.effectiveTo }),
      ...endIssue('effectiveFrom', b.effectiveFrom, 'effectiveTo', b.effectiveTo),
    ];
    for (const field of ['violatedProvisionId', 'penaltyProvisionId'] as const) {
      const id = b[field];
      if (id && !(await repo.findProvision(db, id)))
        issues.push(issue(field, '引用的法条不存在', 'the referenced provision does not exist'));
    }
    issues.push(...(await rangeIssues(db, b, selfId)));
    if (issues.length > 0) return issues;
    const versions = await repo.offenceVersionsByCode(db, b.code.trim());
    const spans = versions.map((v) => ({ id: v.id, from: v.effective_from, to: v.effective_to }));
    return overlapIssue({ from: b.effectiveFrom, to: b.effectiveTo ?? null }, spans, selfId, 'effectiveFrom', `案由 ${b.code}`);
  },
  insert: (db, id, b) => repo.insertOffence(db, { id, ...row(b) }),
  update: (db, id, b, now) => repo.updateOffence(db, id, row(b), now),
  async remove(db, id) {
    try {
      await repo.deleteOffence(db, id);
    } catch (err) {
      // A case records the offence version it was judged by; that version stays (it can be ended instead).
      if (!isForeignKeyViolation(err, 'cases_offence_id_fkey')) throw err;
      return [
        issue('id', '该案由已被案件引用，不能删除（可填写失效日期）', 'cases were judged by this offence version; set an end date instead'),
      ];
    }
    return [];
  },
};
