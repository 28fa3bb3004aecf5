// 风险等级规则 versions and 人工调整 (overrides): requested with a reason, decided by a leader of the jurisdiction
// who is not the requester (the domain's checkRiskOverride); an approved override sets the level until validUntil.
import type { PublishRiskRulesBody, RiskRuleSetVersions, SubjectDetail } from '@chengguan/contracts';
import { checkRiskOverride, checkRiskRuleSet, type RiskRuleSet } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { findSubjectRow } from '../subjects.repository.ts';
import { recordSubjectEvents } from '../subjects.shared.ts';
import { ruleSetVersions, versionInForce } from './grading.ts';
import { subjectDetail, liveSubjectOrFail, subjectOrFail } from './read-subjects.ts';

export const JOB_SUBJECTS_REGRADE = 'subjects.regrade';

async function bureauOf(deps: Deps, actor: Actor, bureauId: string | undefined): Promise<string> {
  const id = bureauId ?? actor.bureauId;
  if (!id) throw fieldError('bureauId', '请选择区局', 'is required for a city-wide user');
  const org = await getOrgRowOrFail(deps.db, actor, id).catch((e: unknown) => {
    // A district user names his own bureau, whose path lies above his jurisdiction when he belongs to a squad.
    if (id === actor.bureauId) return null;
    throw e;
  });
  if (org && org.bureau_id !== org.id) throw new AppError('NOT_FOUND', { field: 'bureauId' });
  return id;
}

export async function getRiskRules(deps: Deps, actor: Actor, bureauId?: string): Promise<RiskRuleSetVersions> {
  assertPermission(actor, 'subject:read');
  const id = await bureauOf(deps, actor, bureauId);
  const versions = await ruleSetVersions(deps.db, id);
  const inForce = versionInForce(versions, shanghaiDate(deps.clock.now())).version;
  const creators = versions.map((v) => v.createdBy).filter((x): x is string => x !== null);
  const names = new Map(
    creators.length
      ? (await deps.db.selectFrom('officers').select(['id', 'name']).where('id', 'in', creators).execute()).map((o) => [o.id, o.name])
      : [],
  );
  return {
    bureauId: id,
    items: versions.map((v) => ({
      version: v.version,
      builtIn: v.version === 0,
      inForce: v.version === inForce,
      effectiveFrom: v.effectiveFrom,
      note: v.note,
      createdAt: v.createdAt ? new Date(v.createdAt).toISOString() : null,
      createdByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null,
      ruleSet: v.set,
    })),
  };
}

/** A new version (checkRiskRuleSet: every issue 422 naming its field); the bureau is regraded by a job at once. */
export async function publishRiskRules(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: PublishRiskRulesBody,
  bureauId?: string,
): Promise<RiskRuleSetVersions> {
  assertPermission(actor, 'subject:admin');
  const id = await bureauOf(deps, actor, bureauId);
  const set = body.ruleSet as unknown as RiskRuleSet;
  const issues = checkRiskRuleSet(set);
  if (issues.length > 0) {
    const details = issues.map((i) => ({
      field: `ruleSet.${i.field}`,
      message: i.messageZh,
      messageEn: `ruleSet.${i.field} is not acceptable`,
    }));
    throw new AppError('SUBJECT_INVALID', {
      field: details[0]!.field,
      message: `风险等级规则有误：${details.map((d) => d.message).join('；')}`,
      messageEn: `The rule set is not acceptable: ${details.map((d) => d.field).join(', ')}`,
      details,
    });
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('subject_risk_rule_sets')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('bureau_id', '=', id)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const rowId = deps.newId();
    await trx
      .insertInto('subject_risk_rule_sets')
      .values({
        id: rowId,
        bureau_id: id,
        version,
        effective_from: set.effectiveFrom,
        rule_set: JSON.stringify(set),
        note: body.note ?? null,
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await enqueueJob(trx, { id: deps.newId(), kind: JOB_SUBJECTS_REGRADE, runAt: now, payload: { bureauId: id }, bureauId: id });
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject.risk_rules',
      entityType: 'subject_risk_rule_set',
      entityId: rowId,
      bureauId: id,
      data: { version, effectiveFrom: set.effectiveFrom, rules: set.rules.length, note: body.note ?? null },
    });
  });
  return getRiskRules(deps, actor, id);
}

export async function requestOverride(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: { level: string; reasonZh: string; validUntil?: string | null },
): Promise<SubjectDetail> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const row = await liveSubjectOrFail(deps, trx, actor, id);
    const set = versionInForce(await ruleSetVersions(trx, row.bureau_id), today).set;
    const level = set.scale.levels.find((l) => l.code === body.level);
    if (!level)
      throw fieldError(
        'level',
        `等级${body.level}不在现行等级表中`,
        `${body.level} is not a level of the rule set in force`,
        'SUBJECT_INVALID',
      );
    if (body.reasonZh.trim() === '') throw fieldError('reasonZh', '人工调整风险等级须说明理由', 'is required', 'SUBJECT_INVALID');
    if (body.validUntil && body.validUntil < today)
      throw fieldError('validUntil', '有效期不能早于今天', 'is before today', 'SUBJECT_INVALID');
    await trx
      .updateTable('subject_risk_overrides')
      .set({ status: 'superseded' })
      .where('subject_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    const oid = deps.newId();
    await trx
      .insertInto('subject_risk_overrides')
      .values({
        id: oid,
        subject_id: id,
        level: body.level,
        reason_zh: body.reasonZh.trim(),
        valid_until: body.validUntil ?? null,
        requested_by: actor.id,
        requested_at: now,
      })
      .execute();
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: id,
        kind: 'risk_override',
        occurredOn: today,
        refType: 'risk_override',
        refId: oid,
        summaryZh: `申请人工调整风险等级为${level.labelZh}：${body.reasonZh.trim()}`,
        data: { level: body.level, validUntil: body.validUntil ?? null, status: 'pending' },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject.risk_override.request',
      entityType: 'subject',
      entityId: id,
      bureauId: row.bureau_id,
      data: { overrideId: oid, level: body.level },
    });
    return subjectDetail(deps, trx, (await findSubjectRow(trx, id, today))!);
  });
}

export async function decideOverride(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  oid: string,
  decision: 'approve' | 'reject',
  note: string | undefined,
): Promise<SubjectDetail> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const row = await subjectOrFail(deps, trx, actor, id);
    assertPermission(actor, 'subject:approve');
    const o = await trx
      .selectFrom('subject_risk_overrides')
      .selectAll()
      .where('id', '=', oid)
      .where('subject_id', '=', id)
      .executeTakeFirst();
    if (!o) throw new AppError('NOT_FOUND');
    if (o.status !== 'pending')
      throw new AppError('STATE_CONFLICT', { message: '该申请已处理', messageEn: 'The request was decided already' });
    const set = versionInForce(await ruleSetVersions(trx, row.bureau_id), today).set;
    const issues = checkRiskOverride(
      {
        level: o.level,
        reasonZh: o.reason_zh,
        requestedBy: o.requested_by,
        approvedBy: actor.id,
        approvedAt: now.toISOString(),
        validUntil: o.valid_until === null ? null : String(o.valid_until).slice(0, 10),
      },
      set.scale,
    );
    if (decision === 'approve' && issues.length > 0) {
      const i = issues[0]!;
      throw fieldError(
        i.field,
        i.messageZh,
        i.field === 'approvedBy' ? 'the requester may not approve his own request' : 'is not acceptable',
        'SUBJECT_INVALID',
      );
    }
    if (decision === 'reject' && o.requested_by === actor.id) {
      throw fieldError('approvedBy', '审批人不能是申请人本人', 'the requester may not decide his own request', 'SUBJECT_INVALID');
    }
    if (decision === 'approve') {
      await trx
        .updateTable('subject_risk_overrides')
        .set({ status: 'superseded' })
        .where('subject_id', '=', id)
        .where('status', '=', 'approved')
        .execute();
    }
    await trx
      .updateTable('subject_risk_overrides')
      .set({ status: decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.id, decided_at: now, decision_note: note ?? null })
      .where('id', '=', oid)
      .execute();
    const label = set.scale.levels.find((l) => l.code === o.level)?.labelZh ?? o.level;
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: id,
        kind: 'risk_override',
        occurredOn: today,
        refType: `risk_override_${decision}`,
        refId: oid,
        summaryZh:
          decision === 'approve'
            ? `批准人工调整风险等级为${label}${note ? `：${note}` : ''}`
            : `不予批准人工调整风险等级${note ? `：${note}` : ''}`,
        data: { level: o.level, status: decision === 'approve' ? 'approved' : 'rejected' },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: `subject.risk_override.${decision}`,
      entityType: 'subject',
      entityId: id,
      bureauId: row.bureau_id,
      data: { overrideId: oid, level: o.level, note: note ?? null },
    });
    return subjectDetail(deps, trx, (await findSubjectRow(trx, id, today))!);
  });
}
