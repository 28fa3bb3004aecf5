import { GuidanceBody, type Guidance, type GuidanceListQuery } from '@chengguan/contracts';
import * as repo from '../../law-library.repository.ts';
import * as guidanceRepo from '../../law-guidance.repository.ts';
import { toGuidance } from '../../law.mapper.ts';
import { issue, type Issue } from '../../law.errors.ts';
import { readDate, readList, readText, writeList } from '../cells.ts';
import { dateIssues, endIssue, overlapIssue } from '../checks.ts';
import { provenanceColumns } from './provenance.ts';
import type { LibraryKind, SheetColumn } from '../kind-spec.ts';

type Filter = Omit<GuidanceListQuery, 'page' | 'pageSize'>;
type Sheet = GuidanceBody;
// Steps and checklist items may contain 、 and commas: one item per line in the cell.
const lines = (c: Parameters<typeof readList>[0]) => readList(c, true);

const COLUMNS: SheetColumn<Sheet & { id?: string }>[] = [
  { header: 'ID', field: 'id', required: false, width: 38, write: (r) => r.id ?? null, read: readText },
  { header: '关联案由编码', field: 'offenceCode', required: false, write: (r) => r.offenceCode ?? null, read: readText },
  { header: '标题', field: 'title', required: true, width: 30, write: (r) => r.title, read: readText },
  { header: '执法步骤', field: 'steps', required: true, width: 50, write: (r) => writeList(r.steps, true), read: lines, empty: () => [] },
  { header: '应收集证据', field: 'evidence', required: false, width: 40, write: (r) => writeList(r.evidence, true), read: lines },
  { header: '文书', field: 'documents', required: false, width: 30, write: (r) => writeList(r.documents, true), read: lines },
  { header: '检查清单', field: 'checklist', required: false, width: 40, write: (r) => writeList(r.checklist, true), read: lines },
  { header: '生效日期', field: 'effectiveFrom', required: true, width: 12, write: (r) => r.effectiveFrom, read: readDate },
  { header: '失效日期', field: 'effectiveTo', required: false, width: 12, write: (r) => r.effectiveTo ?? null, read: readDate },
  ...provenanceColumns<Sheet>(),
];

function toBody(g: Guidance): GuidanceBody {
  return {
    offenceCode: g.offenceCode,
    title: g.title,
    steps: g.steps,
    evidence: g.evidence,
    documents: g.documents,
    checklist: g.checklist,
    effectiveFrom: g.effectiveFrom,
    effectiveTo: g.effectiveTo,
    verification: g.verification,
    source: g.source,
    note: g.note,
  };
}

function row(b: GuidanceBody) {
  return {
    offence_code: b.offenceCode?.trim() || null,
    title: b.title.trim(),
    steps: JSON.stringify(b.steps),
    evidence: JSON.stringify(b.evidence ?? []),
    documents: JSON.stringify(b.documents ?? []),
    checklist: JSON.stringify(b.checklist ?? []),
    effective_from: b.effectiveFrom,
    effective_to: b.effectiveTo ?? null,
    verification: b.verification,
    source: b.source.trim(),
    note: b.note?.trim() || null,
  };
}

export const GUIDANCE: LibraryKind<Guidance, GuidanceBody, Sheet, Filter> = {
  kind: 'guidance',
  entityType: 'law.guidance',
  sheetName: '执法指引',
  bodySchema: GuidanceBody,
  columns: COLUMNS,
  async find(db, id) {
    const r = await guidanceRepo.findGuidance(db, id);
    return r && toGuidance(r);
  },
  async list(db, filter, limit, offset) {
    const { items, total } = await guidanceRepo.listGuidance(db, filter, limit, offset);
    return { items: items.map(toGuidance), total };
  },
  toBody,
  toSheet: toBody,
  async fromSheet(_db, sheet) {
    return { body: sheet, issues: [] };
  },
  lockKeys: (b) => [`law.guidance:${b.offenceCode ?? ''}:${b.title.trim()}`],
  async check(db, b, selfId) {
    const issues: Issue[] = [
      ...dateIssues({ effectiveFrom: b.effectiveFrom, effectiveTo: b.effectiveTo }),
      ...endIssue('effectiveFrom', b.effectiveFrom, 'effectiveTo', b.effectiveTo),
    ];
    if (b.offenceCode && !(await repo.offenceCodeExists(db, b.offenceCode.trim()))) {
      issues.push(issue('offenceCode', `案由编码 ${b.offenceCode} 不存在`, `offence code ${b.offenceCode} does not exist`));
    }
    if (issues.length > 0) return issues;
    const versions = await guidanceRepo.guidanceVersions(db, b.offenceCode?.trim() || null, b.title.trim());
    const spans = versions.map((v) => ({ id: v.id, from: v.effective_from, to: v.effective_to }));
    return overlapIssue({ from: b.effectiveFrom, to: b.effectiveTo ?? null }, spans, selfId, 'effectiveFrom', `指引「${b.title}」`);
  },
  insert: (db, id, b) => guidanceRepo.insertGuidance(db, { id, ...row(b) }),
  update: (db, id, b, now) => guidanceRepo.updateGuidance(db, id, row(b), now),
  async remove(db, id) {
    await guidanceRepo.deleteGuidance(db, id);
    return [];
  },
};
