import {
  DiscretionStandardBody,
  TIER_LEVEL_ZH,
  type DiscretionStandard,
  type DiscretionStandardListQuery,
  type HarmCode,
  type TierConditions,
} from '@chengguan/contracts';
import { assertTiersWithinRange, yuanText } from '@chengguan/domain';
import * as repo from '../../law-library.repository.ts';
import { toDiscretionStandard } from '../../law.mapper.ts';
import { issue, issueFromDomain, type Issue } from '../../law.errors.ts';
import {
  readBool,
  readDate,
  readEnum,
  readEnumList,
  readInt,
  readList,
  readText,
  readYuan,
  writeBool,
  writeEnumList,
  writeList,
  writeYuan,
} from '../cells.ts';
import { requiresOf } from '../tiers.ts';
import { provenanceColumns } from './provenance.ts';
import type { LibraryKind, SheetColumn } from '../kind-spec.ts';

type Filter = Omit<DiscretionStandardListQuery, 'page' | 'pageSize'>;
/** In a spreadsheet the offence version is named by its code and effective date, not by an id. */
type Sheet = Omit<DiscretionStandardBody, 'offenceId'> & { offenceCode: string; offenceEffectiveFrom: string };

const HARM_ZH: Record<HarmCode, string> = { none: '无', minor: '轻微', serious: '严重' };
const cond = (r: { conditions?: TierConditions | undefined }) => r.conditions ?? {};

const COLUMNS: SheetColumn<Sheet & { id?: string }>[] = [
  { header: 'ID', field: 'id', required: false, width: 38, write: (r) => r.id ?? null, read: readText },
  { header: '案由编码', field: 'offenceCode', required: true, write: (r) => r.offenceCode, read: readText },
  {
    header: '案由版本生效日期',
    field: 'offenceEffectiveFrom',
    required: true,
    width: 14,
    write: (r) => r.offenceEffectiveFrom,
    read: readDate,
  },
  { header: '裁量阶次', field: 'level', required: true, write: (r) => TIER_LEVEL_ZH[r.level], read: (c) => readEnum(c, TIER_LEVEL_ZH) },
  { header: '阶次名称', field: 'label', required: true, width: 24, write: (r) => r.label, read: readText },
  { header: '适用条件', field: 'conditionsText', required: false, width: 40, write: (r) => r.conditionsText ?? null, read: readText },
  {
    header: '条件：首次违法',
    field: 'conditions.firstViolation',
    required: false,
    write: (r) => writeBool(cond(r).firstViolation),
    read: readBool,
  },
  {
    header: '条件：及时改正',
    field: 'conditions.correctedPromptly',
    required: false,
    write: (r) => writeBool(cond(r).correctedPromptly),
    read: readBool,
  },
  {
    header: '条件：危害后果',
    field: 'conditions.harm',
    required: false,
    write: (r) => writeEnumList(cond(r).harm, HARM_ZH),
    read: (c) => readEnumList(c, HARM_ZH),
  },
  {
    header: '条件：从重情节',
    field: 'conditions.aggravatingFactorsAny',
    required: false,
    width: 24,
    write: (r) => writeList(cond(r).aggravatingFactorsAny),
    read: (c) => readList(c),
  },
  {
    header: '条件：法定从轻减轻情节',
    field: 'conditions.mitigation',
    required: false,
    write: (r) => writeBool(cond(r).mitigation),
    read: readBool,
  },
  { header: '罚款下限（元）', field: 'minFen', required: true, write: (r) => writeYuan(r.minFen), read: readYuan },
  { header: '罚款上限（元）', field: 'maxFen', required: true, write: (r) => writeYuan(r.maxFen), read: readYuan },
  { header: '排序', field: 'sortOrder', required: false, width: 8, write: (r) => r.sortOrder ?? null, read: readInt },
  ...provenanceColumns<Sheet>(),
];

function toBody(t: DiscretionStandard): DiscretionStandardBody {
  return {
    offenceId: t.offenceId,
    level: t.level,
    label: t.label,
    conditionsText: t.conditionsText,
    conditions: t.conditions,
    minFen: t.minFen,
    maxFen: t.maxFen,
    sortOrder: t.sortOrder,
    verification: t.verification,
    source: t.source,
    note: t.note,
  };
}

function row(b: DiscretionStandardBody) {
  return {
    offence_id: b.offenceId,
    level: b.level,
    label: b.label.trim(),
    conditions_text: b.conditionsText?.trim() ?? '',
    conditions: JSON.stringify(requiresOf(b.conditions ?? {})),
    min_fen: b.minFen,
    max_fen: b.maxFen,
    sort_order: b.sortOrder ?? 0,
    verification: b.verification,
    source: b.source.trim(),
    note: b.note?.trim() || null,
  };
}

export const DISCRETION_STANDARDS: LibraryKind<DiscretionStandard, DiscretionStandardBody, Sheet, Filter> = {
  kind: 'discretion-standards',
  entityType: 'law.discretion_standard',
  sheetName: '裁量基准',
  bodySchema: DiscretionStandardBody,
  columns: COLUMNS,
  async find(db, id) {
    const r = await repo.findTier(db, id);
    return r && toDiscretionStandard(r);
  },
  async list(db, filter, limit, offset) {
    const { items, total } = await repo.listTiers(db, filter, limit, offset);
    return { items: items.map(toDiscretionStandard), total };
  },
  toBody,
  toSheet(t) {
    const { offenceId: _id, ...rest } = toBody(t);
    return { ...rest, offenceCode: t.offenceCode, offenceEffectiveFrom: t.offenceEffectiveFrom };
  },
  async fromSheet(db, sheet) {
    const { offenceCode, offenceEffectiveFrom, ...rest } = sheet;
    const offence = await repo.findOffenceVersion(db, offenceCode, offenceEffectiveFrom);
    if (!offence) {
      return {
        body: null,
        issues: [
          issue(
            'offenceCode',
            `案由 ${offenceCode} 没有自 ${offenceEffectiveFrom} 生效的版本`,
            `offence ${offenceCode} has no version effective from ${offenceEffectiveFrom}`,
          ),
        ],
      };
    }
    return { body: { ...rest, offenceId: offence.id }, issues: [] };
  },
  lockKeys: (b) => [`law.tiers:${b.offenceId}`],
  async check(db, b) {
    const offence = await repo.findOffence(db, b.offenceId);
    if (!offence) return [issue('offenceId', '案由版本不存在', 'the offence version does not exist')];
    if (b.minFen > b.maxFen) return [issue('maxFen', '阶次上限低于下限', 'the tier maximum is below its minimum', { rule: 'ART34' })];
    if (offence.min_fine_fen === null || offence.max_fine_fen === null) {
      return [
        issue('minFen', '该案由版本没有法定罚款幅度，不能设置裁量阶次', 'the offence version has no statutory fine range', {
          rule: 'ART34',
        }),
      ];
    }
    const statutory = { minFen: offence.min_fine_fen, maxFen: offence.max_fine_fen };
    try {
      assertTiersWithinRange(
        [{ level: b.level, labelZh: b.label, requires: requiresOf(b.conditions ?? {}), range: { minFen: b.minFen, maxFen: b.maxFen } }],
        statutory,
        'tier',
      );
      return [];
    } catch (err) {
      const found = issueFromDomain(err);
      if (!found) throw err;
      const field = b.level !== 'reduced' && b.minFen < statutory.minFen ? 'minFen' : 'maxFen';
      const rangeText = `${yuanText(statutory.minFen, { decimals: 'whole-as-integer' })}–${yuanText(statutory.maxFen, { decimals: 'whole-as-integer' })} 元`;
      const out: Issue = {
        ...found,
        field,
        message: `阶次幅度 ${yuanText(b.minFen, { decimals: 'whole-as-integer' })}–${yuanText(b.maxFen, { decimals: 'whole-as-integer' })} 元超出法定幅度 ${rangeText}（${b.level === 'reduced' ? '减轻阶次须在法定下限以下' : '处罚法第三十四条'}）`,
      };
      return [out];
    }
  },
  insert: (db, id, b) => repo.insertTier(db, { id, ...row(b) }),
  update: (db, id, b, now) => repo.updateTier(db, id, row(b), now),
  async remove(db, id) {
    await repo.deleteTier(db, id);
    return [];
  },
};
