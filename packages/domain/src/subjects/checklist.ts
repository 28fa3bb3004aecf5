// Standard checklists (标准化检查表单, seed 000) per inspection matter (随机抽查事项清单: basis, content, method —
// 国办发〔2015〕58号, LEGAL-RULES.md 7.15, P) and 「综合查一次」 (seed 004: 一支队伍一次上门全量体检): the matters one team
// holds for one subject become one visit whose shared items are checked once.
// Signatures: 沪条例 Art. 19 (LEGAL-RULES.md 5.1.6, V) — 「城管执法人员、当事人、证人应当在笔录上签名或者盖章。当事人拒绝
// 签名、盖章或者不在现场的，应当由无利害关系的见证人签名或者盖章；无见证人的，城管执法人员应当注明情况。」
import type { SubjectKind } from './subject.ts';

/** Photo evidence an item needs: always, only when the item fails, or never. */
export type PhotoRequirement = 'always' | 'when_failed' | 'never';

export type ChecklistItem = {
  /** Stable code; the same code in two matters means the same check, made once in a combined visit. */
  code: string;
  textZh: string;
  /** The legal basis of the check, as text (法律依据). */
  legalBasisZh: string;
  photo: PhotoRequirement;
};

export type InspectionMatter = {
  code: string;
  nameZh: string;
  legalBasisZh: string;
  /** Kinds of subject the matter applies to. */
  subjectKinds: readonly SubjectKind[];
  items: readonly ChecklistItem[];
};

export type VisitItem = {
  code: string;
  textZh: string;
  /** Every distinct basis of the matters that share the item, in matter order. */
  legalBasesZh: string[];
  photo: PhotoRequirement;
  matterCodes: string[];
};

export type VisitPlan = {
  subjectId: string;
  subjectKind: SubjectKind;
  inspectorIds: readonly [string, string];
  matterCodes: string[];
  items: VisitItem[];
};

export type VisitPlanIssue =
  | { code: 'NO_MATTER'; messageZh: string }
  | { code: 'MATTER_NOT_FOR_KIND'; matterCode: string; messageZh: string }
  | { code: 'ITEM_TEXT_CONFLICT'; itemCode: string; matterCodes: string[]; messageZh: string }
  | { code: 'TEAM_NOT_TWO'; messageZh: string };

export type ItemResult = { code: string; result: 'pass' | 'fail' | 'not_applicable'; photoIds: readonly string[]; noteZh?: string };

/** The subject's side of the record: signed, or refused / absent with a witness or the officers' note (Art. 19). */
export type SubjectAcknowledgement =
  { kind: 'signed'; signerName: string } | { kind: 'refused' | 'absent'; witnessName: string | null; noteZh: string | null };

export type VisitRecord = {
  plan: VisitPlan;
  results: readonly ItemResult[];
  /** Ids of the inspectors who signed. */
  inspectorSignatures: readonly string[];
  subject: SubjectAcknowledgement | null;
};

export type VisitIssueCode =
  | 'ITEM_RESULT_MISSING'
  | 'ITEM_UNKNOWN'
  | 'ITEM_DUPLICATE_RESULT'
  | 'PHOTO_MISSING'
  | 'INSPECTOR_SIGNATURE_MISSING'
  | 'SIGNATURE_NOT_OF_TEAM'
  | 'SUBJECT_SIGNATURE_MISSING'
  | 'REFUSAL_NOT_RECORDED';

export type VisitIssue = { code: VisitIssueCode; itemCode?: string; inspectorId?: string; messageZh: string };

export type FailedItem = { code: string; textZh: string; legalBasesZh: string[]; matterCodes: string[]; noteZh: string | null };

export type VisitScore = {
  /** incomplete: the record cannot be closed yet (issues say why); failed: complete with at least one failed item. */
  outcome: 'passed' | 'failed' | 'incomplete';
  failedItems: FailedItem[];
  issues: VisitIssue[];
  counts: { pass: number; fail: number; notApplicable: number; missing: number };
};

const PHOTO_STRICTNESS: readonly PhotoRequirement[] = ['never', 'when_failed', 'always'];

function stricter(a: PhotoRequirement, b: PhotoRequirement): PhotoRequirement {
  return PHOTO_STRICTNESS.indexOf(a) >= PHOTO_STRICTNESS.indexOf(b) ? a : b;
}

/**
 * One visit for all the matters a team holds at one subject (综合查一次). Matters are taken in code order (duplicates
 * once); items are merged by code — a shared item keeps its text, collects every basis and matter, and takes the
 * strictest photo requirement. Items sharing a code must have the same text, else the library is inconsistent.
 */
export function combineVisit(options: {
  subjectId: string;
  subjectKind: SubjectKind;
  inspectorIds: readonly string[];
  matters: readonly InspectionMatter[];
}): { ok: true; plan: VisitPlan } | { ok: false; issues: VisitPlanIssue[] } {
  const issues: VisitPlanIssue[] = [];
  const team = options.inspectorIds;
  if (team.length !== 2 || team[0] === team[1]) {
    issues.push({ code: 'TEAM_NOT_TWO', messageZh: '检查组须由两名不同的执法人员组成（《中华人民共和国行政处罚法》第四十二条）' });
  }
  const byCode = new Map<string, InspectionMatter>();
  for (const m of options.matters) if (!byCode.has(m.code)) byCode.set(m.code, m);
  const matters = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (matters.length === 0) issues.push({ code: 'NO_MATTER', messageZh: '未选择检查事项' });
  const items = new Map<string, VisitItem>();
  for (const matter of matters) {
    if (!matter.subjectKinds.includes(options.subjectKind)) {
      issues.push({ code: 'MATTER_NOT_FOR_KIND', matterCode: matter.code, messageZh: `检查事项“${matter.nameZh}”不适用于该类检查对象` });
    }
    for (const item of matter.items) {
      const seen = items.get(item.code);
      if (seen === undefined) {
        items.set(item.code, {
          code: item.code,
          textZh: item.textZh,
          legalBasesZh: [item.legalBasisZh],
          photo: item.photo,
          matterCodes: [matter.code],
        });
        continue;
      }
      if (seen.textZh !== item.textZh) {
        issues.push({
          code: 'ITEM_TEXT_CONFLICT',
          itemCode: item.code,
          matterCodes: [...seen.matterCodes, matter.code],
          messageZh: `检查项${item.code}在不同事项中的内容不一致，请先统一检查表单`,
        });
        continue;
      }
      if (!seen.legalBasesZh.includes(item.legalBasisZh)) seen.legalBasesZh.push(item.legalBasisZh);
      if (!seen.matterCodes.includes(matter.code)) seen.matterCodes.push(matter.code);
      seen.photo = stricter(seen.photo, item.photo);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    plan: {
      subjectId: options.subjectId,
      subjectKind: options.subjectKind,
      inspectorIds: [team[0]!, team[1]!],
      matterCodes: matters.map((m) => m.code),
      items: [...items.values()],
    },
  };
}

function itemName(item: VisitItem): string {
  return `检查项“${item.textZh}”（${item.code}）`;
}

/**
 * Scores a completed visit: every item has one result; required photos are there (always, or when the item failed);
 * both inspectors signed; the subject signed, or the refusal or absence is recorded with a witness or the officers'
 * note (沪条例 Art. 19). Any issue makes the visit incomplete; otherwise it failed when an item failed.
 */
export function scoreVisit(record: VisitRecord): VisitScore {
  const issues: VisitIssue[] = [];
  const planItems = new Map(record.plan.items.map((i) => [i.code, i]));
  const results = new Map<string, ItemResult>();
  for (const r of record.results) {
    if (!planItems.has(r.code)) {
      issues.push({ code: 'ITEM_UNKNOWN', itemCode: r.code, messageZh: `检查项${r.code}不在本次检查表单中` });
    } else if (results.has(r.code)) {
      issues.push({ code: 'ITEM_DUPLICATE_RESULT', itemCode: r.code, messageZh: `${itemName(planItems.get(r.code)!)}填写了两次结果` });
    } else {
      results.set(r.code, r);
    }
  }
  const counts = { pass: 0, fail: 0, notApplicable: 0, missing: 0 };
  const failedItems: FailedItem[] = [];
  for (const item of record.plan.items) {
    const r = results.get(item.code);
    if (r === undefined) {
      counts.missing++;
      issues.push({ code: 'ITEM_RESULT_MISSING', itemCode: item.code, messageZh: `${itemName(item)}未填写检查结果` });
      continue;
    }
    if (r.result === 'pass') counts.pass++;
    else if (r.result === 'not_applicable') counts.notApplicable++;
    else {
      counts.fail++;
      failedItems.push({
        code: item.code,
        textZh: item.textZh,
        legalBasesZh: item.legalBasesZh,
        matterCodes: item.matterCodes,
        noteZh: r.noteZh ?? null,
      });
    }
    const photoNeeded = r.result !== 'not_applicable' && (item.photo === 'always' || (item.photo === 'when_failed' && r.result === 'fail'));
    if (photoNeeded && r.photoIds.length === 0) {
      issues.push({ code: 'PHOTO_MISSING', itemCode: item.code, messageZh: `${itemName(item)}须拍照取证，尚无照片` });
    }
  }
  for (const id of record.plan.inspectorIds) {
    if (!record.inspectorSignatures.includes(id)) {
      issues.push({ code: 'INSPECTOR_SIGNATURE_MISSING', inspectorId: id, messageZh: `执法人员${id}尚未签名` });
    }
  }
  for (const id of record.inspectorSignatures) {
    if (!record.plan.inspectorIds.includes(id)) {
      issues.push({ code: 'SIGNATURE_NOT_OF_TEAM', inspectorId: id, messageZh: `${id}不是本检查组成员，其签名无效` });
    }
  }
  const subject = record.subject;
  if (subject === null || (subject.kind === 'signed' && subject.signerName.trim() === '')) {
    issues.push({ code: 'SUBJECT_SIGNATURE_MISSING', messageZh: '当事人尚未签名；拒绝签名或不在现场的，请记录见证人或注明情况' });
  } else if (subject.kind !== 'signed' && (subject.witnessName ?? '').trim() === '' && (subject.noteZh ?? '').trim() === '') {
    issues.push({
      code: 'REFUSAL_NOT_RECORDED',
      messageZh: `当事人${subject.kind === 'refused' ? '拒绝签名' : '不在现场'}，须由无利害关系的见证人签名；无见证人的，由执法人员注明情况`,
    });
  }
  const outcome = issues.length > 0 ? 'incomplete' : counts.fail > 0 ? 'failed' : 'passed';
  return { outcome, failedItems, issues, counts };
}
