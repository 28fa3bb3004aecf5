import { GuidingCaseBody, type GuidingCase, type GuidingCaseListQuery } from '@chengguan/contracts';
import { repealedOnIsValid } from '@chengguan/domain';
import * as repo from '../../law-library.repository.ts';
import * as guidanceRepo from '../../law-guidance.repository.ts';
import { toGuidingCase } from '../../law.mapper.ts';
import { issue, type Issue } from '../../law.errors.ts';
import { readDate, readText } from '../cells.ts';
import { dateIssues } from '../checks.ts';
import { provenanceColumns } from './provenance.ts';
import type { LibraryKind, SheetColumn } from '../kind-spec.ts';

type Filter = Omit<GuidingCaseListQuery, 'page' | 'pageSize'>;
type Sheet = GuidingCaseBody;

const COLUMNS: SheetColumn<Sheet & { id?: string }>[] = [
  { header: 'ID', field: 'id', required: false, width: 38, write: (r) => r.id ?? null, read: readText },
  { header: '标题', field: 'title', required: true, width: 30, write: (r) => r.title, read: readText },
  { header: '关联案由编码', field: 'offenceCode', required: false, write: (r) => r.offenceCode ?? null, read: readText },
  { header: '案号', field: 'caseNumber', required: false, write: (r) => r.caseNumber ?? null, read: readText },
  { header: '发布日期', field: 'publishedOn', required: true, width: 12, write: (r) => r.publishedOn, read: readDate },
  { header: '撤回日期', field: 'withdrawnOn', required: false, width: 12, write: (r) => r.withdrawnOn ?? null, read: readDate },
  { header: '基本案情', field: 'facts', required: true, width: 50, write: (r) => r.facts, read: readText },
  { header: '处理结果', field: 'outcome', required: false, width: 40, write: (r) => r.outcome || null, read: readText, empty: () => '' },
  { header: '要旨', field: 'keyPoints', required: false, width: 40, write: (r) => r.keyPoints || null, read: readText, empty: () => '' },
  ...provenanceColumns<Sheet>(),
];

function toBody(g: GuidingCase): GuidingCaseBody {
  return {
    title: g.title,
    offenceCode: g.offenceCode,
    caseNumber: g.caseNumber,
    publishedOn: g.publishedOn,
    withdrawnOn: g.withdrawnOn,
    facts: g.facts,
    outcome: g.outcome,
    keyPoints: g.keyPoints,
    verification: g.verification,
    source: g.source,
    note: g.note,
  };
}

function row(b: GuidingCaseBody) {
  return {
    title: b.title.trim(),
    offence_code: b.offenceCode?.trim() || null,
    case_number: b.caseNumber?.trim() || null,
    published_on: b.publishedOn,
    withdrawn_on: b.withdrawnOn ?? null,
    facts: b.facts.trim(),
    outcome: b.outcome.trim(),
    key_points: b.keyPoints.trim(),
    verification: b.verification,
    source: b.source.trim(),
    note: b.note?.trim() || null,
  };
}

export const GUIDING_CASES: LibraryKind<GuidingCase, GuidingCaseBody, Sheet, Filter> = {
  kind: 'guiding-cases',
  entityType: 'law.guiding_case',
  sheetName: '指导案例',
  bodySchema: GuidingCaseBody,
  columns: COLUMNS,
  async find(db, id) {
    const r = await guidanceRepo.findGuidingCase(db, id);
    return r && toGuidingCase(r);
  },
  async list(db, filter, limit, offset) {
    const { items, total } = await guidanceRepo.listGuidingCases(db, filter, limit, offset);
    return { items: items.map(toGuidingCase), total };
  },
  toBody,
  toSheet: toBody,
  async fromSheet(_db, sheet) {
    return { body: sheet, issues: [] };
  },
  lockKeys: () => [],
  async check(db, b) {
    const issues: Issue[] = dateIssues({ publishedOn: b.publishedOn, withdrawnOn: b.withdrawnOn });
    if (issues.length === 0 && b.withdrawnOn && !repealedOnIsValid(b.publishedOn, b.withdrawnOn)) {
      issues.push(
        issue('withdrawnOn', '撤回日期须晚于发布日期', 'the withdrawal date must be after the publication date', {
          code: 'VERSION_DATES_INVALID',
        }),
      );
    }
    if (b.offenceCode && !(await repo.offenceCodeExists(db, b.offenceCode.trim()))) {
      issues.push(issue('offenceCode', `案由编码 ${b.offenceCode} 不存在`, `offence code ${b.offenceCode} does not exist`));
    }
    return issues;
  },
  insert: (db, id, b) => guidanceRepo.insertGuidingCase(db, { id, ...row(b) }),
  update: (db, id, b, now) => guidanceRepo.updateGuidingCase(db, id, row(b), now),
  async remove(db, id) {
    await guidanceRepo.deleteGuidingCase(db, id);
    return [];
  },
};
