import { EXEMPTION_CONDITION_ZH, ExemptionItemBody, type ExemptionItem, type ExemptionItemListQuery } from '@chengguan/contracts';
import * as repo from '../../law-library.repository.ts';
import * as guidanceRepo from '../../law-guidance.repository.ts';
import { toExemptionItem } from '../../law.mapper.ts';
import { issue, type Issue } from '../../law.errors.ts';
import { readDate, readEnum, readEnumList, readInt, readList, readText, writeEnumList, writeList } from '../cells.ts';
import { dateIssues, endIssue, overlapIssue } from '../checks.ts';
import { provenanceColumns } from './provenance.ts';
import type { LibraryKind, SheetColumn } from '../kind-spec.ts';

type Filter = Omit<ExemptionItemListQuery, 'page' | 'pageSize'>;
type Sheet = ExemptionItemBody;
const EFFECT_ZH = { must_not_punish: '不予处罚', may_exempt: '可以不予处罚' } as const;

const COLUMNS: SheetColumn<Sheet & { id?: string }>[] = [
  { header: 'ID', field: 'id', required: false, width: 38, write: (r) => r.id ?? null, read: readText },
  { header: '清单名称', field: 'listName', required: true, width: 30, write: (r) => r.listName, read: readText },
  { header: '序号', field: 'itemNo', required: true, width: 8, write: (r) => r.itemNo, read: readInt },
  { header: '违则', field: 'provision', required: true, width: 36, write: (r) => r.provision, read: readText },
  { header: '违则法条ID', field: 'provisionId', required: false, width: 38, write: (r) => r.provisionId ?? null, read: readText },
  { header: '关联案由编码', field: 'offenceCode', required: false, write: (r) => r.offenceCode ?? null, read: readText },
  { header: '违法行为', field: 'behaviour', required: true, width: 36, write: (r) => r.behaviour, read: readText },
  { header: '适用条件', field: 'conditionsText', required: true, width: 30, write: (r) => r.conditionsText, read: readText },
  {
    header: '条件代码',
    field: 'conditions',
    required: false,
    width: 24,
    write: (r) => writeEnumList(r.conditions, EXEMPTION_CONDITION_ZH),
    read: (c) => readEnumList(c, EXEMPTION_CONDITION_ZH),
    empty: () => [],
  },
  {
    header: '处理',
    field: 'effect',
    required: false,
    write: (r) => EFFECT_ZH[r.effect ?? 'must_not_punish'],
    read: (c) => readEnum(c, EFFECT_ZH),
  },
  { header: '关键词', field: 'keywords', required: false, width: 24, write: (r) => writeList(r.keywords), read: (c) => readList(c) },
  { header: '生效日期', field: 'effectiveFrom', required: true, width: 12, write: (r) => r.effectiveFrom, read: readDate },
  { header: '失效日期', field: 'effectiveTo', required: false, width: 12, write: (r) => r.effectiveTo ?? null, read: readDate },
  ...provenanceColumns<Sheet>(),
];

function toBody(e: ExemptionItem): ExemptionItemBody {
  return {
    listName: e.listName,
    itemNo: e.itemNo,
    provision: e.provision,
    provisionId: e.provisionId,
    offenceCode: e.offenceCode,
    behaviour: e.behaviour,
    conditionsText: e.conditionsText,
    conditions: e.conditions,
    effect: e.effect,
    keywords: e.keywords,
    effectiveFrom: e.effectiveFrom,
    effectiveTo: e.effectiveTo,
    verification: e.verification,
    source: e.source,
    note: e.note,
  };
}

function row(b: ExemptionItemBody) {
  return {
    list_name: b.listName.trim(),
    item_no: b.itemNo,
    provision: b.provision.trim(),
    provision_id: b.provisionId ?? null,
    offence_code: b.offenceCode?.trim() || null,
    behaviour: b.behaviour.trim(),
    conditions_text: b.conditionsText.trim(),
    conditions: [...b.conditions],
    effect: b.effect ?? 'must_not_punish',
    keywords: [...new Set((b.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
    effective_from: b.effectiveFrom,
    effective_to: b.effectiveTo ?? null,
    verification: b.verification,
    source: b.source.trim(),
    note: b.note?.trim() || null,
  };
}

export const EXEMPTION_ITEMS: LibraryKind<ExemptionItem, ExemptionItemBody, Sheet, Filter> = {
  kind: 'exemption-items',
  entityType: 'law.exemption_item',
  sheetName: '免罚清单',
  bodySchema: ExemptionItemBody,
  columns: COLUMNS,
  async find(db, id) {
    const r = await guidanceRepo.findExemption(db, id);
    return r && toExemptionItem(r);
  },
  async list(db, filter, limit, offset) {
    const { items, total } = await guidanceRepo.listExemptions(db, filter, limit, offset);
    return { items: items.map(toExemptionItem), total };
  },
  toBody,
  toSheet: toBody,
  async fromSheet(_db, sheet) {
    return { body: sheet, issues: [] };
  },
  lockKeys: (b) => [`law.exemption:${b.listName.trim()}:${b.itemNo}`],
  async check(db, b, selfId) {
    const issues: Issue[] = [
      ...dateIssues({ effectiveFrom: b.effectiveFrom, effectiveTo: b.effectiveTo }),
      ...endIssue('effectiveFrom', b.effectiveFrom, 'effectiveTo', b.effectiveTo),
    ];
    if (b.provisionId && !(await repo.findProvision(db, b.provisionId)))
      issues.push(issue('provisionId', '引用的法条不存在', 'the referenced provision does not exist'));
    if (b.offenceCode && !(await repo.offenceCodeExists(db, b.offenceCode.trim()))) {
      issues.push(issue('offenceCode', `案由编码 ${b.offenceCode} 不存在`, `offence code ${b.offenceCode} does not exist`));
    }
    if (issues.length > 0) return issues;
    const versions = await guidanceRepo.exemptionVersions(db, b.listName.trim(), b.itemNo);
    const spans = versions.map((v) => ({ id: v.id, from: v.effective_from, to: v.effective_to }));
    return overlapIssue({ from: b.effectiveFrom, to: b.effectiveTo ?? null }, spans, selfId, 'effectiveFrom', `清单第${b.itemNo}项`);
  },
  insert: (db, id, b) => guidanceRepo.insertExemption(db, { id, ...row(b) }),
  update: (db, id, b, now) => guidanceRepo.updateExemption(db, id, row(b), now),
  async remove(db, id) {
    await guidanceRepo.deleteExemption(db, id);
    return [];
  },
};
