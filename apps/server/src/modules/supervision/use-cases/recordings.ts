// 全过程记录 (处罚法 Art. 47; docs/supervision.md §3): body-camera files registered by their SM3 and linked to a case
// step or an inspection task; problems found in a sampled recording become findings; a case's coverage says which
// steps that must be recorded have no recording.
import type {
  CreateRecordingBody,
  Finding,
  PageOf,
  Recording,
  RecordingCoverage,
  RecordingProblemBody,
  RecordingQuery,
} from '@chengguan/contracts';
import { recordingGaps } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { assertAnyPermission, assertNotAfterToday, dateText, page, pageOf, READ_ANY, scopePath, today } from '../supervision.shared.ts';
import { findingById, insertFindings } from './findings.ts';

function recordingQuery(db: Executor) {
  return db
    .selectFrom('supervision_recordings as r')
    .innerJoin('orgs as g', 'g.id', 'r.org_id')
    .innerJoin('officers as o', 'o.id', 'r.officer_id')
    .leftJoin('cases as c', 'c.id', 'r.case_id')
    .leftJoin('case_events as e', 'e.id', 'r.case_event_id')
    .selectAll('r')
    .select([
      'g.name as org_name',
      'g.path as org_path',
      'o.name as officer_name',
      'c.case_number',
      'e.action as case_action',
      sql<boolean>`EXISTS (SELECT 1 FROM supervision_samples s WHERE s.recording_id = r.id)`.as('sampled'),
      sql<number>`(SELECT count(*) FROM supervision_findings f WHERE f.recording_id = r.id)`.as('problems'),
    ]);
}
type RecordingRow = Awaited<ReturnType<ReturnType<typeof recordingQuery>['executeTakeFirstOrThrow']>>;

function toRecording(r: RecordingRow): Recording {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    officerId: r.officer_id,
    officerName: r.officer_name,
    fileSm3: r.file_sm3,
    recordedOn: dateText(r.recorded_on),
    durationSeconds: r.duration_seconds,
    caseId: r.case_id,
    caseNumber: r.case_number ?? null,
    caseEventId: r.case_event_id,
    caseAction: r.case_action ?? null,
    inspectionTaskId: r.inspection_task_id,
    device: r.device,
    sampled: Boolean(r.sampled),
    problems: Number(r.problems),
  };
}

async function recordingRowOrFail(db: Executor, actor: Actor, id: string): Promise<RecordingRow> {
  const row = await recordingQuery(db).where('r.id', '=', id).executeTakeFirst();
  assertInJurisdiction(actor, row?.org_path);
  return row!;
}

export async function createRecording(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateRecordingBody): Promise<Recording> {
  if (!actor.permissions.has('recording:write')) assertPermission(actor, 'supervision:write');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const officer = await trx
      .selectFrom('officers as o')
      .innerJoin('orgs as g', 'g.id', 'o.org_id')
      .select(['o.id', 'o.org_id', 'g.path', 'g.bureau_id'])
      .where('o.id', '=', body.officerId)
      .executeTakeFirst();
    if (!officer || !officer.path.startsWith(actor.jurisdictionPath))
      throw fieldError('officerId', '执法人员不存在或不在本辖区', 'no such officer in your jurisdiction');
    assertNotAfterToday(deps, 'recordedOn', body.recordedOn);
    if (body.caseId) {
      const c = await getCaseRowOrFail(trx, actor, body.caseId);
      if (body.caseEventId) {
        const e = await trx
          .selectFrom('case_events')
          .select('id')
          .where('id', '=', body.caseEventId)
          .where('case_id', '=', c.id)
          .executeTakeFirst();
        if (!e) throw fieldError('caseEventId', '该办案环节不属于本案', 'the step is not one of this case');
      }
    } else if (body.caseEventId) {
      throw fieldError('caseEventId', '关联办案环节须同时指定案件', 'name the case of the step');
    }
    if (body.inspectionTaskId) {
      const t = await trx
        .selectFrom('inspection_tasks as t')
        .innerJoin('orgs as g', 'g.id', 't.org_id')
        .select(['t.id', 'g.path'])
        .where('t.id', '=', body.inspectionTaskId)
        .executeTakeFirst();
      if (!t || !t.path.startsWith(actor.jurisdictionPath))
        throw fieldError('inspectionTaskId', '检查任务不存在或不在本辖区', 'no such inspection task');
    }
    const dup = await trx.selectFrom('supervision_recordings').select('id').where('file_sm3', '=', body.fileSm3).executeTakeFirst();
    if (dup) throw fieldError('fileSm3', '该录像文件已登记', 'this file is registered already', 'STATE_CONFLICT');
    await trx
      .insertInto('supervision_recordings')
      .values({
        id,
        bureau_id: officer.bureau_id,
        org_id: officer.org_id,
        officer_id: officer.id,
        file_sm3: body.fileSm3,
        recorded_on: body.recordedOn,
        duration_seconds: body.durationSeconds,
        case_id: body.caseId ?? null,
        case_event_id: body.caseEventId ?? null,
        inspection_task_id: body.inspectionTaskId ?? null,
        device: body.device ?? null,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.recording.create',
      entityType: 'supervision_recording',
      entityId: id,
      bureauId: officer.bureau_id,
      data: { fileSm3: body.fileSm3, caseId: body.caseId ?? null, caseEventId: body.caseEventId ?? null },
    });
  });
  return toRecording(await recordingQuery(deps.db).where('r.id', '=', id).executeTakeFirstOrThrow());
}

async function filtered(deps: Deps, actor: Actor, q: RecordingQuery) {
  assertAnyPermission(actor, [...READ_ANY, 'recording:write']);
  const path = await scopePath(deps.db, actor, q.orgId);
  let query = recordingQuery(deps.db).where('g.path', 'like', `${path}%`);
  if (!actor.permissions.has('supervision:read') && !actor.permissions.has('supervision:answer'))
    query = query.where('r.officer_id', '=', actor.id);
  if (q.officerId) query = query.where('r.officer_id', '=', q.officerId);
  if (q.caseId) query = query.where('r.case_id', '=', q.caseId);
  if (q.from) query = query.where('r.recorded_on', '>=', q.from);
  if (q.to) query = query.where('r.recorded_on', '<=', q.to);
  return query;
}

export async function listRecordings(deps: Deps, actor: Actor, q: RecordingQuery): Promise<PageOf<Recording>> {
  const p = pageOf(q);
  const base = await filtered(deps, actor, q);
  const [rows, count] = await Promise.all([
    base.orderBy('r.recorded_on', 'desc').orderBy('r.id', 'desc').limit(p.pageSize).offset(p.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return page(rows.map(toRecording), Number(count.n), p);
}

export async function exportRecordings(deps: Deps, actor: Actor, q: RecordingQuery): Promise<Buffer> {
  const rows = (await (await filtered(deps, actor, q)).orderBy('r.recorded_on', 'desc').limit(MAX_EXPORT_ROWS).execute()).map(toRecording);
  return toXlsx(
    '执法记录',
    [
      { header: '日期', value: (r: Recording) => r.recordedOn },
      { header: '单位', width: 20, value: (r) => r.orgName },
      { header: '执法人员', value: (r) => r.officerName },
      { header: '时长（秒）', value: (r) => r.durationSeconds },
      { header: '案号', width: 28, value: (r) => r.caseNumber },
      { header: '办案环节', value: (r) => r.caseAction },
      { header: '已抽查', value: (r) => (r.sampled ? '是' : '否') },
      { header: '问题数', value: (r) => r.problems },
      { header: 'SM3', width: 66, value: (r) => r.fileSm3 },
    ],
    rows,
  );
}

export async function reportRecordingProblem(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: RecordingProblemBody,
): Promise<Finding> {
  assertPermission(actor, 'supervision:write');
  const day = today(deps);
  let findingId = '';
  await deps.db.transaction().execute(async (trx) => {
    const r = await recordingRowOrFail(trx, actor, id);
    [findingId] = (await insertFindings(trx, deps, actor, [{ description: body.description, rule: body.rule, dueOn: body.dueOn }], {
      source: 'recording',
      orgId: r.org_id,
      bureauId: r.bureau_id,
      recordingId: r.id,
      caseId: r.case_id,
      officerId: r.officer_id,
      issuedOn: day,
    })) as [string];
    await recordAudit(trx, deps, actor, meta, {
      action: 'supervision.recording.problem',
      entityType: 'supervision_recording',
      entityId: id,
      bureauId: r.bureau_id,
      data: { findingId },
    });
  });
  return findingById(deps, findingId);
}

/** The case's steps that must be recorded (recording-coverage.ts) and those without a linked recording. */
export async function recordingCoverage(deps: Deps, actor: Actor, caseId: string): Promise<RecordingCoverage> {
  assertAnyPermission(actor, ['case:read']);
  await getCaseRowOrFail(deps.db, actor, caseId);
  const [events, recs] = await Promise.all([
    deps.db.selectFrom('case_events').select(['id', 'action', 'legal_date', 'data']).where('case_id', '=', caseId).orderBy('seq').execute(),
    deps.db.selectFrom('supervision_recordings').select('case_event_id').where('case_id', '=', caseId).execute(),
  ]);
  const recorded = new Set(recs.map((r) => r.case_event_id).filter((x): x is string => x !== null));
  const r = recordingGaps(
    events.map((e) => ({ id: e.id, action: e.action, legalDate: dateText(e.legal_date), data: (e.data ?? {}) as Record<string, unknown> })),
    recorded,
  );
  return {
    caseId,
    required: r.required,
    recorded: r.required - r.gaps.length,
    gaps: r.gaps,
    basis: '《中华人民共和国行政处罚法》第四十七条；国办发〔2018〕118号',
  };
}
