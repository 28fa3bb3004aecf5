import { PROVISION_LEVEL_ZH, ProvisionBody, type Provision, type ProvisionListQuery } from '@chengguan/contracts';
import { addDays } from '@chengguan/domain';
import * as repo from '../../law-library.repository.ts';
import { toProvision } from '../../law.mapper.ts';
import { issue, type Issue } from '../../law.errors.ts';
import { readDate, readEnum, readInt, readText } from '../cells.ts';
import { dateIssues, overlapIssue, repealIssue } from '../checks.ts';
import { provenanceColumns } from './provenance.ts';
import type { LibraryKind, SheetColumn } from '../kind-spec.ts';

type Filter = Omit<ProvisionListQuery, 'page' | 'pageSize'>;
type Sheet = ProvisionBody;

const COLUMNS: SheetColumn<Sheet & { id?: string }>[] = [
  { header: 'ID', field: 'id', required: false, width: 38, write: (r) => r.id ?? null, read: readText },
  { header: '法规名称', field: 'lawTitle', required: true, width: 36, write: (r) => r.lawTitle, read: readText },
  {
    header: '效力层级',
    field: 'level',
    required: true,
    write: (r) => PROVISION_LEVEL_ZH[r.level],
    read: (c) => readEnum(c, PROVISION_LEVEL_ZH),
  },
  { header: '制定机关', field: 'issuer', required: false, write: (r) => r.issuer ?? null, read: readText },
  { header: '条', field: 'article', required: true, width: 8, write: (r) => r.article, read: readInt },
  { header: '款', field: 'paragraph', required: false, width: 8, write: (r) => r.paragraph ?? null, read: readInt },
  { header: '项', field: 'item', required: false, width: 8, write: (r) => r.item ?? null, read: readInt },
  { header: '条文', field: 'text', required: true, width: 60, write: (r) => r.text, read: readText },
  { header: '施行日期', field: 'effectiveFrom', required: true, width: 12, write: (r) => r.effectiveFrom, read: readDate },
  { header: '废止日期', field: 'repealedOn', required: false, width: 12, write: (r) => r.repealedOn ?? null, read: readDate },
  ...provenanceColumns<Sheet>(),
];

function toBody(p: Provision): ProvisionBody {
  return {
    lawTitle: p.lawTitle,
    level: p.level,
    issuer: p.issuer,
    article: p.article,
    paragraph: p.paragraph,
    item: p.item,
    text: p.text,
    effectiveFrom: p.effectiveFrom,
    repealedOn: p.repealedOn,
    verification: p.verification,
    source: p.source,
    note: p.note,
  };
}

function row(b: ProvisionBody) {
  return {
    law_title: b.lawTitle.trim(),
    level: b.level,
    issuer: b.issuer?.trim() || null,
    article: b.article,
    paragraph: b.paragraph ?? null,
    item: b.item ?? null,
    text: b.text.trim(),
    effective_from: b.effectiveFrom,
    repealed_on: b.repealedOn ?? null,
    verification: b.verification,
    source: b.source.trim(),
    note: b.note?.trim() || null,
  };
}

export const PROVISIONS: LibraryKind<Provision, ProvisionBody, Sheet, Filter> = {
  kind: 'provisions',
  entityType: 'law.provision',
  sheetName: '法条',
  bodySchema: ProvisionBody,
  columns: COLUMNS,
  async find(db, id) {
    const r = await repo.findProvision(db, id);
    return r && toProvision(r);
  },
  async list(db, filter, limit, offset) {
    const { items, total } = await repo.listProvisions(db, filter, limit, offset);
    return { items: items.map(toProvision), total };
  },
  toBody,
  toSheet: toBody,
  async fromSheet(_db, sheet) {
    return { body: sheet, issues: [] };
  },
  lockKeys: (b) => [`law.provision:${b.lawTitle.trim()}:${b.article}:${b.paragraph ?? ''}:${b.item ?? ''}`],
  async check(db, b, selfId) {
    const issues: Issue[] = [
      ...dateIssues({ effectiveFrom: b.effectiveFrom, repealedOn: b.repealedOn }),
      ...repealIssue(b.effectiveFrom, b.repealedOn),
    ];
    if (b.item != null && b.paragraph == null) issues.push(issue('paragraph', '填写了项，必须同时填写款', 'an item needs its paragraph'));
    if (issues.length > 0) return issues;
    const versions = await repo.provisionVersions(db, {
      lawTitle: b.lawTitle.trim(),
      article: b.article,
      paragraph: b.paragraph ?? null,
      item: b.item ?? null,
    });
    // A repeal date is the first day out of force: the last day in force is the day before.
    const spans = versions.map((v) => ({ id: v.id, from: v.effective_from, to: v.repealed_on ? addDays(v.repealed_on, -1) : null }));
    return overlapIssue(
      { from: b.effectiveFrom, to: b.repealedOn ? addDays(b.repealedOn, -1) : null },
      spans,
      selfId,
      'effectiveFrom',
      '该条文',
    );
  },
  insert: (db, id, b) => repo.insertProvision(db, { id, ...row(b) }),
  update: (db, id, b, now) => repo.updateProvision(db, id, row(b), now),
  async remove(db, id) {
    if ((await repo.countProvisionReferences(db, id)) > 0) {
      return [
        issue(
          'id',
          '该法条已被案由或免罚清单引用，不能删除（可填写废止日期）',
          'the provision is cited by an offence or exemption item; set a repeal date instead',
        ),
      ];
    }
    await repo.deleteProvision(db, id);
    return [];
  },
};
