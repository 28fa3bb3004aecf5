// The visit (综合查一次): one team of two, one subject, every open task the team holds there answered by one form
// (the domain's combineVisit) and closed by one submission scored by scoreVisit — the visit row, the tasks done, the
// subject's timeline (its risk follows), the 责令改正 orders the visit re-inspected, and the audit row, in one
// transaction.
import type { InspectionVisit, SubmitVisitBody, VisitForm } from '@chengguan/contracts';
import {
  combineVisit,
  scoreVisit,
  type ItemResult,
  type SubjectAcknowledgement,
  type SubjectKind,
  type VisitIssue,
  type VisitPlan,
} from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError, type ErrorDetail } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { officersWithCredentials } from '../../cases/index.ts';
import { fileNameFor, findFile, heldBy, readStoredFileOrFail, type ServedFile } from '../../files/index.ts';
import { recordSubjectEvents, subjectBriefs, type SubjectBrief } from '../../subjects/index.ts';
import { notifyVisitSubmitted } from '../duty-reads.ts';
import { mattersAtVersions } from './matters.ts';
import { orderDtoById } from './rectification.ts';
import { actingOnDay } from './tasks.ts';

type OpenTask = {
  id: string;
  org_id: string;
  bureau_id: string;
  origin: string;
  due_on: string;
  inspector_ids: string[];
  matter_codes: string[];
  matter_versions: unknown;
};

const teamKey = (ids: readonly string[]) => [...ids].sort().join(',');

async function subjectInJurisdiction(db: Executor, actor: Actor, subjectId: string, field = 'subjectId'): Promise<SubjectBrief> {
  const [subject] = await subjectBriefs(db, [subjectId]);
  if (!subject || !subject.orgPath.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND', { field });
  return subject;
}

/** The open tasks of the caller's team at the subject: the team of his earliest-due task there, all its tasks. */
async function teamTasks(db: Executor, actor: Actor, subjectId: string, lock: boolean): Promise<OpenTask[]> {
  let q = db
    .selectFrom('inspection_tasks')
    .select(['id', 'org_id', 'bureau_id', 'origin', 'due_on', 'inspector_ids', 'matter_codes', 'matter_versions'])
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'open')
    .where(sql<boolean>`${actor.id}::uuid = ANY(inspector_ids)`)
    .orderBy('due_on')
    .orderBy('id');
  if (lock) q = q.forUpdate();
  const rows = (await q.execute()) as OpenTask[];
  if (rows.length === 0) return [];
  const key = teamKey(rows[0]!.inspector_ids);
  return rows.filter((r) => teamKey(r.inspector_ids) === key);
}

async function planOf(db: Executor, subject: SubjectBrief, tasks: readonly OpenTask[]) {
  const versions: Record<string, number> = {};
  for (const t of tasks) Object.assign(versions, (t.matter_versions as Record<string, number> | null) ?? {});
  const codes = [...new Set(tasks.flatMap((t) => t.matter_codes))];
  const matters = await mattersAtVersions(db, codes, versions);
  const inspectorIds = [...tasks[0]!.inspector_ids].sort();
  const combined = combineVisit({ subjectId: subject.id, subjectKind: subject.kind as SubjectKind, inspectorIds, matters });
  if (!combined.ok) {
    throw new AppError('RULE_VIOLATION', {
      field: 'subjectId',
      message: combined.issues.map((i) => i.messageZh).join('；'),
      messageEn: `subjectId: the tasks' matters cannot form one visit (${combined.issues.map((i) => i.code).join(', ')})`,
    });
  }
  return { plan: combined.plan, matters };
}

function subjectDto(s: SubjectBrief) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    address: s.address,
    creditCode: s.creditCode,
    riskLevel: s.riskLevel,
    pointLon: s.pointLon,
    pointLat: s.pointLat,
  };
}

async function inspectorsOf(db: Executor, ids: readonly string[]) {
  const rows = await db
    .selectFrom('officers')
    .select(['id', 'name', 'employee_no'])
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => ({ id, name: byId.get(id)?.name ?? id, employeeNo: byId.get(id)?.employee_no ?? '' }));
}

export async function prepareVisit(deps: Deps, actor: Actor, subjectId: string): Promise<VisitForm> {
  assertPermission(actor, 'case:write');
  const subject = await subjectInJurisdiction(deps.db, actor, subjectId);
  const tasks = await teamTasks(deps.db, actor, subject.id, false);
  if (tasks.length === 0) {
    throw new AppError('NOT_FOUND', {
      field: 'subjectId',
      message: '您在该检查对象没有待检查的任务',
      messageEn: 'subjectId: you hold no open task at this subject',
    });
  }
  const { plan, matters } = await planOf(deps.db, subject, tasks);
  return {
    subject: subjectDto(subject),
    tasks: tasks.map((t) => ({
      id: t.id,
      origin: t.origin as VisitForm['tasks'][number]['origin'],
      dueOn: t.due_on,
      matterCodes: t.matter_codes,
    })),
    inspectors: await inspectorsOf(deps.db, plan.inspectorIds),
    matters: matters.map((m) => ({ code: m.code, nameZh: m.nameZh, version: m.version })),
    items: plan.items,
    dueOn: tasks.map((t) => t.due_on).sort()[0]!,
  };
}

/** The field of the request an issue of scoreVisit is about. */
function issueField(issue: VisitIssue, body: SubmitVisitBody): string {
  const at = (code: string | undefined) => body.results.findIndex((r) => r.code === code);
  switch (issue.code) {
    case 'ITEM_RESULT_MISSING':
      return `results[${issue.itemCode}].result`;
    case 'ITEM_UNKNOWN':
    case 'ITEM_DUPLICATE_RESULT':
      return `results[${at(issue.itemCode)}].code`;
    case 'PHOTO_MISSING':
      return `results[${at(issue.itemCode)}].photoIds`;
    case 'INSPECTOR_SIGNATURE_MISSING':
    case 'SIGNATURE_NOT_OF_TEAM':
      return `inspectorSignatures[${issue.inspectorId}]`;
    case 'SUBJECT_SIGNATURE_MISSING':
      return 'acknowledgement.signerName';
    case 'REFUSAL_NOT_RECORDED':
      return 'acknowledgement.witnessName';
  }
}

const ISSUE_EN: Record<VisitIssue['code'], string> = {
  ITEM_RESULT_MISSING: 'no result for the item',
  ITEM_UNKNOWN: 'the item is not on this visit’s form',
  ITEM_DUPLICATE_RESULT: 'the item has two results',
  PHOTO_MISSING: 'the item needs a photo',
  INSPECTOR_SIGNATURE_MISSING: 'an inspector of the team has not signed',
  SIGNATURE_NOT_OF_TEAM: 'the signer is not of the team',
  SUBJECT_SIGNATURE_MISSING: 'the subject has not signed; record a refusal or absence with a witness or a note',
  REFUSAL_NOT_RECORDED: 'a refusal or absence needs a witness or the officers’ note (沪条例 Art. 19)',
};

function incomplete(details: ErrorDetail[]): never {
  throw new AppError('RULE_VIOLATION', {
    field: details[0]!.field,
    rule: 'A3 上海市城市管理行政执法条例第十九条',
    message: `检查记录不完整：${details.map((d) => d.message).join('；')}`,
    messageEn: `The inspection record is incomplete: ${details.map((d) => `${d.field}: ${d.messageEn}`).join('; ')}`,
    details,
  });
}

export async function submitVisit(deps: Deps, actor: Actor, meta: RequestMeta, body: SubmitVisitBody): Promise<InspectionVisit> {
  assertPermission(actor, 'case:write');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const visitedAt = new Date(body.visitedAt);
  if (visitedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw fieldError('visitedAt', '检查时间不能晚于当前时间', 'visitedAt: the visit time is in the future');
  }
  const visitedOn = shanghaiDate(visitedAt);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const subject = await subjectInJurisdiction(trx, actor, body.subjectId);
    const tasks = await teamTasks(trx, actor, subject.id, true);
    const asked = new Set(body.taskIds);
    if (tasks.length === 0 || tasks.length !== asked.size || tasks.some((t) => !asked.has(t.id))) {
      throw new AppError('STATE_CONFLICT', {
        field: 'taskIds',
        message: '待检查任务已变化（已由他人完成或有新任务），请重新打开检查表',
        messageEn: 'taskIds: the open tasks changed meanwhile; open the form again',
      });
    }
    // The period: a task's due date (a drawn task's is its plan's period end).
    const dueOn = tasks.map((t) => t.due_on).sort()[0]!;
    if (today > dueOn || visitedOn > dueOn) {
      throw new AppError('RULE_VIOLATION', {
        field: 'taskIds',
        rule: 'INSP1 检查任务须在期限内完成',
        message: `检查任务的完成期限为${dueOn}，已过期限，不能再提交检查结果；请由中队长重新布置检查`,
        messageEn: `taskIds: the tasks were due on ${dueOn}; a result after the period is refused — the squad leader sets a new inspection`,
      });
    }
    const { plan, matters } = await planOf(trx, subject, tasks);
    const details: ErrorDetail[] = [];
    // Both inspectors act with a valid credential on the day (A1, 处罚法 Art. 42; 沪条例 Art. 16).
    const officers = await officersWithCredentials(trx, plan.inspectorIds);
    for (const oid of plan.inspectorIds) {
      const o = officers.get(oid);
      if (!o || !o.active || !actingOnDay(o.credentials, visitedOn)) {
        details.push({
          field: `inspectorSignatures[${oid}]`,
          message: `${o?.name ?? oid}在检查当日没有有效的行政执法证件（《中华人民共和国行政处罚法》第四十二条）`,
          messageEn: `inspectorSignatures[${oid}]: no valid enforcement credential on the day of the visit (Art. 42)`,
        });
      }
    }
    // The other inspector confirms his signature with his own 工号.
    const employeeNos = new Map(
      (
        await trx
          .selectFrom('officers')
          .select(['id', 'employee_no'])
          .where('id', 'in', [...plan.inspectorIds])
          .execute()
      ).map((r) => [r.id, r.employee_no]),
    );
    body.inspectorSignatures.forEach((s, i) => {
      if (s.officerId === actor.id || !plan.inspectorIds.includes(s.officerId)) return;
      if ((s.employeeNo ?? '').trim() !== employeeNos.get(s.officerId)) {
        details.push({
          field: `inspectorSignatures[${i}].employeeNo`,
          message: '另一名检查人员须输入本人工号确认签名，工号不符',
          messageEn: `inspectorSignatures[${i}].employeeNo: the second inspector confirms with his own employee number; it does not match`,
        });
      }
    });
    // Every photo and signature is a file uploaded (and hashed) by this bureau.
    const files = [
      ...body.results.flatMap((r) => r.photoIds),
      ...body.inspectorSignatures.map((s) => s.signatureSm3),
      ...(body.acknowledgement.signatureSm3 ? [body.acknowledgement.signatureSm3] : []),
      ...(body.acknowledgement.witnessSignatureSm3 ? [body.acknowledgement.witnessSignatureSm3] : []),
    ];
    const held = await heldBy(trx, files, 'bureau', subject.bureauId);
    body.results.forEach((r, i) =>
      r.photoIds.forEach((p, j) => {
        if (!held.has(p)) {
          details.push({
            field: `results[${i}].photoIds[${j}]`,
            message: '照片未上传',
            messageEn: `results[${i}].photoIds[${j}]: no such uploaded photo`,
          });
        }
      }),
    );
    body.inspectorSignatures.forEach((s, i) => {
      if (!held.has(s.signatureSm3)) {
        details.push({
          field: `inspectorSignatures[${i}].signatureSm3`,
          message: '签名图片未上传',
          messageEn: `inspectorSignatures[${i}].signatureSm3: not uploaded`,
        });
      }
    });
    const ack = body.acknowledgement;
    if (ack.kind === 'signed' && !ack.signatureSm3) {
      details.push({
        field: 'acknowledgement.signatureSm3',
        message: '当事人尚未签名',
        messageEn: 'acknowledgement.signatureSm3: the subject has not signed',
      });
    }
    for (const f of ['signatureSm3', 'witnessSignatureSm3'] as const) {
      const v = ack[f];
      if (v && !held.has(v))
        details.push({ field: `acknowledgement.${f}`, message: '签名图片未上传', messageEn: `acknowledgement.${f}: not uploaded` });
    }
    if (ack.kind !== 'signed' && ack.witnessName && !ack.witnessSignatureSm3) {
      details.push({
        field: 'acknowledgement.witnessSignatureSm3',
        message: '见证人尚未签名',
        messageEn: 'acknowledgement.witnessSignatureSm3: the witness has not signed',
      });
    }
    const acknowledgement: SubjectAcknowledgement =
      ack.kind === 'signed'
        ? { kind: 'signed', signerName: ack.signerName ?? '' }
        : { kind: ack.kind, witnessName: ack.witnessName ?? null, noteZh: ack.note ?? null };
    const results: ItemResult[] = body.results.map((r) => ({
      code: r.code,
      result: r.result,
      photoIds: r.photoIds,
      ...(r.note ? { noteZh: r.note } : {}),
    }));
    const score = scoreVisit({
      plan,
      results,
      inspectorSignatures: body.inspectorSignatures.map((s) => s.officerId),
      subject: acknowledgement,
    });
    for (const issue of score.issues) {
      details.push({
        field: issueField(issue, body),
        message: issue.messageZh,
        messageEn: `${issueField(issue, body)}: ${ISSUE_EN[issue.code]}`,
      });
    }
    if (details.length > 0 || score.outcome === 'incomplete') incomplete(details);
    const outcome = score.outcome as 'passed' | 'failed';
    const task0 = tasks[0]!;
    await trx
      .insertInto('inspection_visits')
      .values({
        id,
        bureau_id: task0.bureau_id,
        org_id: task0.org_id,
        subject_id: subject.id,
        inspector_ids: [...plan.inspectorIds],
        task_ids: tasks.map((t) => t.id),
        plan: JSON.stringify(plan),
        results: JSON.stringify(results),
        outcome,
        failed_items: JSON.stringify(score.failedItems),
        counts: JSON.stringify(score.counts),
        visited_at: visitedAt,
        visited_on: visitedOn,
        point_lon: body.point.lon,
        point_lat: body.point.lat,
        signatures: JSON.stringify({
          inspectors: body.inspectorSignatures.map((s) => ({
            officerId: s.officerId,
            signatureSm3: s.signatureSm3,
            confirmedBy: s.officerId === actor.id ? 'session' : 'employee_no',
          })),
        }),
        acknowledgement: JSON.stringify({
          kind: ack.kind,
          signerName: ack.signerName ?? null,
          signatureSm3: ack.signatureSm3 ?? null,
          witnessName: ack.witnessName ?? null,
          witnessSignatureSm3: ack.witnessSignatureSm3 ?? null,
          note: ack.note ?? null,
        }),
        photo_sm3s: [...new Set(body.results.flatMap((r) => r.photoIds))],
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await notifyVisitSubmitted(trx, {
      id,
      bureauId: task0.bureau_id,
      orgId: task0.org_id,
      subjectName: subject.name,
      inspectorIds: [...plan.inspectorIds],
      origins: [...new Set(tasks.map((t) => t.origin))],
      outcome,
      visitedAt,
      visitedOn,
    });
    await trx
      .updateTable('inspection_tasks')
      .set({ status: 'done', visit_id: id, updated_at: now })
      .where(
        'id',
        'in',
        tasks.map((t) => t.id),
      )
      .execute();
    // A re-inspection closes the 责令改正 order it was set for: rectified unless one of its items failed again.
    const failedCodes = new Set(score.failedItems.map((f) => f.code));
    const orders = await trx
      .selectFrom('rectification_orders')
      .select(['id', 'items'])
      .where(
        'reinspection_task_id',
        'in',
        tasks.map((t) => t.id),
      )
      .where('status', '=', 'open')
      .execute();
    const closures = [];
    for (const o of orders) {
      const items = o.items as { code: string; textZh: string }[];
      const rectified = !items.some((i) => failedCodes.has(i.code));
      await trx
        .updateTable('rectification_orders')
        .set({ status: rectified ? 'rectified' : 'not_rectified', closed_by_visit_id: id, closed_on: visitedOn, updated_at: now })
        .where('id', '=', o.id)
        .execute();
      closures.push({ id: o.id, rectified });
    }
    const matterNames = plan.matterCodes.map((c) => ({ code: c, nameZh: matters.find((m) => m.code === c)?.nameZh ?? c }));
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: subject.id,
        kind: outcome === 'passed' ? 'passed_inspection' : 'failed_inspection',
        occurredOn: visitedOn,
        refType: 'inspection_visit',
        refId: id,
        summaryZh:
          outcome === 'passed'
            ? `综合检查合格（${matterNames.map((m) => m.nameZh).join('、')}）`
            : `综合检查发现${score.failedItems.length}项问题：${score.failedItems.map((f) => f.textZh).join('；')}`,
        data: {
          visitId: id,
          outcome,
          publishedOn: today,
          published: true,
          matters: matterNames,
          failedItems: score.failedItems.map((f) => ({ textZh: f.textZh })),
        },
        actorId: actor.id,
      },
      ...closures.map((c) => ({
        id: deps.newId(),
        subjectId: subject.id,
        kind: 'rectification' as const,
        occurredOn: visitedOn,
        refType: 'rectification_close',
        refId: c.id,
        summaryZh: c.rectified ? '复查：已按责令改正要求整改' : '复查：未按责令改正要求整改',
        data: { orderId: c.id, visitId: id, rectified: c.rectified },
        actorId: actor.id,
      })),
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'inspection.visit',
      entityType: 'inspection_visit',
      entityId: id,
      bureauId: task0.bureau_id,
      data: { subjectId: subject.id, taskIds: tasks.map((t) => t.id), outcome, counts: score.counts, rectificationOrders: closures },
    });
  });
  return getVisit(deps, actor, id);
}

type VisitRow = {
  id: string;
  bureau_id: string;
  org_id: string;
  subject_id: string;
  inspector_ids: string[];
  task_ids: string[];
  plan: unknown;
  results: unknown;
  outcome: string;
  failed_items: unknown;
  counts: unknown;
  visited_at: Date;
  visited_on: string;
  point_lon: number;
  point_lat: number;
  acknowledgement: unknown;
  photo_sm3s: string[];
  case_id: string | null;
};

/** A visit in the actor's jurisdiction (its squad inside his subtree), else 404. */
export async function visitRowOrFail(db: Executor, actor: Actor, id: string, lock = false): Promise<VisitRow> {
  let q = db
    .selectFrom('inspection_visits as v')
    .innerJoin('orgs as g', 'g.id', 'v.org_id')
    .selectAll('v')
    .where('v.id', '=', id)
    .where('g.path', 'like', `${actor.jurisdictionPath}%`);
  if (lock) q = q.forUpdate('v');
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row as VisitRow;
}

export function caseFacts(subjectName: string, visitedOn: string, failed: readonly { textZh: string; noteZh: string | null }[]): string {
  return `${visitedOn}，执法人员对${subjectName}进行检查，发现以下问题：${failed
    .map((f, i) => `${i + 1}. 不符合“${f.textZh}”${f.noteZh ? `（${f.noteZh}）` : ''}`)
    .join('；')}。`;
}

export async function getVisit(deps: Deps, actor: Actor, id: string): Promise<InspectionVisit> {
  assertPermission(actor, 'case:read');
  const v = await visitRowOrFail(deps.db, actor, id);
  const [subject] = await subjectBriefs(deps.db, [v.subject_id]);
  const plan = v.plan as VisitPlan;
  const results = new Map((v.results as ItemResult[]).map((r) => [r.code, r]));
  const failed = v.failed_items as { code: string; textZh: string; noteZh: string | null }[];
  const counts = v.counts as { pass: number; fail: number; notApplicable: number };
  const order = await deps.db.selectFrom('rectification_orders').select('id').where('visit_id', '=', id).executeTakeFirst();
  const ack = v.acknowledgement as { kind: string; signerName: string | null; witnessName: string | null; note: string | null };
  return {
    id: v.id,
    subject: subjectDto(subject!),
    orgId: v.org_id,
    inspectors: await inspectorsOf(deps.db, v.inspector_ids),
    taskIds: v.task_ids,
    outcome: v.outcome as InspectionVisit['outcome'],
    items: plan.items.map((i) => {
      const r = results.get(i.code);
      return {
        code: i.code,
        textZh: i.textZh,
        legalBasesZh: i.legalBasesZh,
        result: r?.result ?? 'not_applicable',
        note: r?.noteZh ?? null,
        photoIds: [...(r?.photoIds ?? [])],
      };
    }),
    counts: { pass: counts.pass, fail: counts.fail, notApplicable: counts.notApplicable },
    visitedAt: new Date(v.visited_at).toISOString(),
    visitedOn: v.visited_on,
    point: { lon: v.point_lon, lat: v.point_lat },
    acknowledgement: { kind: ack.kind, signerName: ack.signerName, witnessName: ack.witnessName, note: ack.note },
    caseId: v.case_id,
    rectification: order ? await orderDtoById(deps.db, order.id) : null,
    caseDraft: {
      facts: caseFacts(subject!.name, v.visited_on, failed),
      location: subject!.address ?? subject!.name,
      partyName: subject!.name,
      creditCode: subject!.creditCode,
    },
  };
}

/** A photo of the visit, read through the visit (its jurisdiction) and checked against its SM3. */
export async function getVisitPhoto(deps: Deps, actor: Actor, meta: RequestMeta, id: string, sm3: string): Promise<ServedFile> {
  assertPermission(actor, 'case:read');
  const v = await visitRowOrFail(deps.db, actor, id);
  if (!v.photo_sm3s.includes(sm3)) throw new AppError('NOT_FOUND');
  const file = await findFile(deps.db, sm3);
  if (!file) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, sm3, { actor, meta, objectType: 'inspection_visit', objectId: v.id });
  return { bytes, mime: file.mime, sm3, filename: fileNameFor(`检查照片-${v.visited_on}`, file.mime) };
}
