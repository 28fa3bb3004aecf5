// The review queue (issue 14 §2, 「技术与法律二审合一」): one reviewer sees an item — the grouped repeat events of one
// party and scene with their images and video, each event's device state under A5 / E11, the scene's law matter —
// and confirms or dismisses it with a reason. Confirming registers one off-site case (source offsite) for the subject
// or the vehicle's owner with every image as evidence (through the cases module), sends E11's warning with an order to
// correct where it applies (浦东), and tells the party: electronically where he consented (F2), otherwise by post — a
// 邮寄送达 record of the notice in the service module (pending until the return card). Repeats within the window stay one item, so one act is not fined twice (处罚法 Art. 29).
import type {
  ConfirmOffsiteBody,
  DismissOffsiteBody,
  DeviceFitnessIssue,
  OffsiteEvent,
  OffsiteReviewDetail,
  OffsiteReviewListQuery,
  OffsiteReviewSummary,
  PageOf,
  RegisterCaseBody,
} from '@chengguan/contracts';
import { deviceEvidenceInput, formatCitationZh } from '@chengguan/domain';
import type { Selectable } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../shared/access.ts';
import { shanghaiDate, shanghaiInstant, endOfShanghaiDay } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { addEvidenceIn, registerCaseIn } from '../cases/index.ts';
import { issueCaseDocument } from '../documents/index.ts';
import { fileNameFor, findFile, readStoredFileOrFail, type ServedFile } from '../files/index.ts';
import { sendMessage } from '../messaging/index.ts';
import { recordPostedNoticeIn } from '../service/index.ts';
import { deviceRecord, fitnessIssues, pudongBureaus, scenesOf, type DeviceRow, type SceneRow } from './devices.ts';
import type { OffsiteEventsTable, OffsiteReviewsTable } from './offsite.tables.ts';

type ReviewRow = Selectable<OffsiteReviewsTable>;
type EventRow = Selectable<OffsiteEventsTable>;
type Media = { kind: string; sm3: string; mime: string };

async function eventsOf(db: Executor, reviewIds: string[]): Promise<EventRow[]> {
  if (reviewIds.length === 0) return [];
  return db.selectFrom('offsite_events').selectAll().where('review_id', 'in', reviewIds).orderBy('occurred_at').orderBy('id').execute();
}

async function devicesOf(db: Executor, ids: string[]): Promise<Map<string, DeviceRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('offsite_devices')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

type Context = { scenes: SceneRow[]; pudong: Set<string>; devices: Map<string, DeviceRow> };

function eventIssues(e: EventRow, c: Context): DeviceFitnessIssue[] {
  const d = c.devices.get(e.device_id)!;
  return fitnessIssues(d, shanghaiDate(new Date(e.occurred_at)), e.scene, c.scenes, c.pudong.has(d.bureau_id));
}

function toEvent(e: EventRow, c: Context): OffsiteEvent {
  const d = c.devices.get(e.device_id)!;
  return {
    id: e.id,
    eventId: e.event_ref,
    deviceId: d.id,
    deviceCode: d.code,
    occurredAt: new Date(e.occurred_at).toISOString(),
    scene: e.scene,
    lon: e.point_lon,
    lat: e.point_lat,
    address: e.address,
    plate: e.plate,
    subjectCode: e.subject_code,
    media: e.media as Media[],
    issues: eventIssues(e, c),
  };
}

function toSummary(r: ReviewRow, events: EventRow[], c: Context): OffsiteReviewSummary {
  return {
    id: r.id,
    number: r.number,
    scene: r.scene,
    sceneName: c.scenes.find((s) => s.code === r.scene)?.name ?? r.scene,
    partyKey: r.party_key,
    firstAt: new Date(r.first_at).toISOString(),
    lastAt: new Date(r.last_at).toISOString(),
    eventCount: r.event_count,
    state: r.state as OffsiteReviewSummary['state'],
    caseId: r.case_id,
    blocked: events.some((e) => eventIssues(e, c).length > 0),
  };
}

async function contextFor(db: Executor, events: EventRow[]): Promise<Context> {
  const [scenes, pudong, devices] = await Promise.all([
    scenesOf(db),
    pudongBureaus(db),
    devicesOf(
      db,
      events.map((e) => e.device_id),
    ),
  ]);
  return { scenes, pudong, devices };
}

export async function listReviews(deps: Deps, actor: Actor, q: OffsiteReviewListQuery, cap = 200): Promise<PageOf<OffsiteReviewSummary>> {
  assertPermission(actor, 'offsite:read');
  let base = deps.db.selectFrom('offsite_reviews').where('org_path', 'like', `${actor.jurisdictionPath}%`);
  if (q.state) base = base.where('state', '=', q.state);
  if (q.scene) base = base.where('scene', '=', q.scene);
  if (q.q) base = base.where((eb) => eb.or([eb('number', 'like', `%${q.q}%`), eb('party_key', 'like', `%${q.q!.toUpperCase()}%`)]));
  if (q.from) base = base.where('first_at', '>=', shanghaiInstant(q.from));
  if (q.to) base = base.where('first_at', '<=', endOfShanghaiDay(q.to));
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy('first_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const total = Number(n);
  // The page's events, their devices, the scenes and 浦东's bureaus together (one round of statements).
  const ids = rows.map((r) => r.id);
  const [events, scenes, pudong, devices] = await Promise.all([
    eventsOf(deps.db, ids),
    scenesOf(deps.db),
    pudongBureaus(deps.db),
    ids.length === 0
      ? Promise.resolve([])
      : deps.db
          .selectFrom('offsite_devices')
          .selectAll()
          .where('id', 'in', (eb) => eb.selectFrom('offsite_events').select('device_id').where('review_id', 'in', ids))
          .execute(),
  ]);
  const c: Context = { scenes, pudong, devices: new Map(devices.map((d) => [d.id, d])) };
  const byReview = new Map<string, EventRow[]>();
  for (const e of events) byReview.set(e.review_id, [...(byReview.get(e.review_id) ?? []), e]);
  return {
    items: rows.map((r) => toSummary(r, byReview.get(r.id) ?? [], c)),
    total,
    page,
    pageSize,
  };
}

const STATE_ZH: Record<OffsiteReviewSummary['state'], string> = { pending: '待审核', confirmed: '已确认立案', dismissed: '不予立案' };
const EXPORT_COLUMNS: XlsxColumn<OffsiteReviewSummary>[] = [
  { header: '审核编号', value: (r) => r.number, width: 22 },
  { header: '场景', value: (r) => r.sceneName },
  { header: '当事人/车牌', value: (r) => r.partyKey, width: 24 },
  { header: '首次发现', value: (r) => new Date(r.firstAt), width: 18 },
  { header: '最近发现', value: (r) => new Date(r.lastAt), width: 18 },
  { header: '事件数', value: (r) => r.eventCount },
  { header: '设备不符合A5', value: (r) => (r.blocked ? '是' : '否') },
  { header: '状态', value: (r) => STATE_ZH[r.state] },
];

export async function exportReviews(deps: Deps, actor: Actor, q: OffsiteReviewListQuery): Promise<Buffer> {
  const page = await listReviews(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('非现场执法审核', EXPORT_COLUMNS, page.items);
}

async function reviewRowOrFail(db: Executor, actor: Actor, id: string, lock = false): Promise<ReviewRow> {
  let query = db.selectFrom('offsite_reviews').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  assertInJurisdiction(actor, row?.org_path);
  return row!;
}

export async function getReview(deps: Deps, actor: Actor, id: string): Promise<OffsiteReviewDetail> {
  assertPermission(actor, 'offsite:read');
  const r = await reviewRowOrFail(deps.db, actor, id);
  const events = await eventsOf(deps.db, [r.id]);
  const c = await contextFor(deps.db, events);
  const scene = c.scenes.find((s) => s.code === r.scene);
  const offence = scene?.offence_code
    ? await deps.db
        .selectFrom('law_offences')
        .select(['code', 'name'])
        .where('code', '=', scene.offence_code)
        .orderBy('effective_from', 'desc')
        .executeTakeFirst()
    : undefined;
  const reviewer = r.reviewer_id
    ? await deps.db.selectFrom('officers').select('name').where('id', '=', r.reviewer_id).executeTakeFirst()
    : undefined;
  return {
    ...toSummary(r, events, c),
    offenceCode: scene?.offence_code ?? null,
    offenceName: offence?.name ?? null,
    pudongListed: scene?.pudong_listed ?? false,
    windowHours: scene?.window_hours ?? 24,
    reviewerName: reviewer?.name ?? null,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    dismissReason: r.dismiss_reason,
    noticeMethod: (r.notice_method as OffsiteReviewDetail['noticeMethod']) ?? null,
    warningSent: r.warning_message_id !== null,
    events: events.map((e) => toEvent(e, c)),
  };
}

function pending(r: ReviewRow): void {
  if (r.state !== 'pending') {
    throw new AppError('STATE_CONFLICT', {
      message:
        r.state === 'confirmed'
          ? `该事件已确认立案，同一违法行为不得给予两次以上罚款（依据${formatCitationZh('行政处罚法 Art. 29')}）`
          : '该事件已不予立案',
      messageEn: r.state === 'confirmed' ? 'Already confirmed: one act is not fined twice (Art. 29)' : 'Already dismissed',
    });
  }
}

/** The off-site notice (处罚法 Art. 41: the party is told of the recorded facts): a document of the documents module. */
export const OFFSITE_NOTICE_KIND = 'offsite_notice';

/** F2: electronic where the party consented and gave a mobile number; otherwise by post. */
function electronicNotice(party: ConfirmOffsiteBody['party']): boolean {
  const phone = party.phone?.replace(/[\s-]/g, '');
  return Boolean(party.electronicServiceConsentOn && phone && /^1[0-9]{10}$/.test(phone));
}

function local(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export async function confirmReview(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: ConfirmOffsiteBody,
): Promise<OffsiteReviewDetail> {
  assertPermission(actor, 'offsite:review');
  assertPermission(actor, 'case:write');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  await deps.db.transaction().execute(async (trx) => {
    const r = await reviewRowOrFail(trx, actor, id, true);
    pending(r);
    const events = await eventsOf(trx, [r.id]);
    const c = await contextFor(trx, events);
    // A5: evidence from a device that fails the register's conditions cannot found a case.
    const blocked = events.flatMap((e) => eventIssues(e, c).map((i) => ({ e, i })));
    if (blocked.length > 0) {
      const { e, i } = blocked[0]!;
      throw new AppError('RULE_VIOLATION', {
        field: 'events',
        rule: `${i.ruleId} ${i.basis}`,
        message: `设备 ${c.devices.get(e.device_id)!.code} 的证据不能作为处罚依据：${i.message}（依据${formatCitationZh(i.basis)}）`,
        messageEn: `Evidence of device ${c.devices.get(e.device_id)!.code} cannot found a case: ${i.messageEn}`,
        details: blocked.map(({ e: ev, i: is }) => ({
          field: 'events',
          message: `${ev.event_ref}：${is.message}`,
          messageEn: `${ev.event_ref}: ${is.messageEn}`,
        })),
      });
    }
    const scene = c.scenes.find((s) => s.code === r.scene)!;
    if (!electronicNotice(body.party) && !body.party.address?.trim()) {
      throw new AppError('RULE_VIOLATION', {
        field: 'party.address',
        rule: 'F3 民事诉讼法 Art. 91',
        message: `party.address：当事人未同意电子送达，告知书须邮寄送达，请填写送达地址（依据${formatCitationZh('民事诉讼法 Art. 91')}）`,
        messageEn: 'party.address: without consent to electronic service the notice goes by post; give the address',
      });
    }
    const offenceCode = body.offenceCode ?? scene.offence_code;
    if (!offenceCode)
      throw fieldError('offenceCode', `场景「${scene.name}」未配置对应的违法行为，请选择违法行为`, 'offenceCode: choose the offence');
    const first = events[0]!;
    const firstAt = new Date(first.occurred_at);
    const actDate = shanghaiDate(firstAt);
    const lastDate = shanghaiDate(new Date(events.at(-1)!.occurred_at));
    const devicesText = [...new Set(events.map((e) => c.devices.get(e.device_id)!.code))].join('、');
    const registration: RegisterCaseBody = {
      date: today,
      discoveredOn: actDate,
      source: 'offsite',
      sourceRef: `非现场执法 ${r.number}`,
      ...(body.orgId ? { orgId: body.orgId } : {}),
      offenceCode,
      party: body.party,
      act: { actId: `offsite:${r.id}`, actDate, ...(lastDate > actDate ? { continuingUntil: lastDate } : {}) },
      location: (first.address ?? `设备 ${devicesText} 所在地点`).slice(0, 300),
      ...(first.point_lon !== null && first.point_lat !== null
        ? { point: { lon: first.point_lon, lat: first.point_lat, crs: 'wgs84' as const } }
        : {}),
      facts:
        body.facts ??
        `${local(firstAt)} 起，非现场执法设备（${devicesText}）在「${scene.name}」场景记录到${first.plate ? `车辆 ${first.plate} ` : ''}违法行为，共 ${events.length} 次（同一行为合并为一案，${r.number}），经技术与法律审核确认。`,
      officerIds: [actor.id],
    };
    const caseId = (await registerCaseIn(trx, deps, actor, meta, registration)).row.id;
    const seen = new Set<string>();
    for (const e of events) {
      const d = c.devices.get(e.device_id)!;
      const input = deviceEvidenceInput(deviceRecord(d), shanghaiDate(new Date(e.occurred_at)), e.scene, 'pass');
      for (const [i, m] of (e.media as Media[]).entries()) {
        if (seen.has(m.sm3)) continue;
        seen.add(m.sm3);
        await addEvidenceIn(trx, deps, actor, meta, {
          caseId,
          body: {
            date: today,
            evidenceType: 'audio_visual',
            title: `${m.kind === 'video' ? '视频' : '图像'} ${i + 1}（设备 ${d.code}，${local(new Date(e.occurred_at))}）`.slice(0, 200),
            fileSm3: m.sm3,
            device: { deviceName: d.name.slice(0, 100), deviceId: d.code, ...input },
          },
        });
      }
    }
    // E11 (浦东 Art. 15): a warning with an order to correct before any penalty; the notice: electronic where the party
    // consented to electronic service (F2) and gave a number, otherwise by post.
    const pudong = c.pudong.has(r.bureau_id) && scene.pudong_listed;
    const phone = body.party.phone?.replace(/[\s-]/g, '');
    let warningId: string | null = null;
    if (pudong && phone && /^1[0-9]{10}$/.test(phone)) {
      const sent = await sendMessage(trx, deps, {
        to: phone,
        purpose: 'notice',
        caseId,
        text: `【城管执法】您于 ${local(firstAt)} 在${registration.location}的「${scene.name}」行为经非现场执法设备记录，请立即改正。可登录当事人服务查看证据、陈述申辩。`,
      });
      warningId = sent.id;
    }
    const electronic = electronicNotice(body.party);
    // The notice itself: a numbered 非现场执法告知书 (PDF, SM3, SM2 seal, verify code) of the case's 文书, in this
    // transaction; the review item is its source (a replay returns the same document).
    const portal = `${deps.config.publicBaseUrl}/portal`;
    const notice = await issueCaseDocument(trx, deps, actor, meta, {
      caseId,
      kind: 'offsite_notice',
      sourceId: r.id,
      issuedOn: today,
      extra: {
        offsite: {
          reviewNumber: r.number,
          devices: [...new Set(events.map((e) => c.devices.get(e.device_id)!))].map((d) => `${d.name}，编号 ${d.code}`).join('；'),
          events: String(events.length),
          access: `你（单位）可登录当事人服务（${portal}，以本告知书文号和短信验证码登录）查看设备记录的图像和视频，并在线陈述、申辩；也可携带本告知书到本机关查阅证据。你（单位）依法享有陈述权和申辩权，本机关不因你（单位）申辩而加重处罚。`,
          ...(pudong
            ? {
                correction:
                  '依据《上海市浦东新区城市管理领域非现场执法规定》第十五条，请立即改正上述行为；首次违法且及时改正的，依法可以不予行政处罚。',
              }
            : {}),
        },
      },
    });
    let noticeId: string | null = null;
    let serviceId: string | null = null;
    if (!electronic) {
      // 邮寄送达 through the service module: a pending record of the notice (the address, the posting day), served
      // on the return card's day (民诉法 Art. 91) like any served document.
      serviceId = await recordPostedNoticeIn(trx, deps, actor, meta, {
        caseId,
        bureauId: r.bureau_id,
        documentId: notice.id,
        documentKind: OFFSITE_NOTICE_KIND,
        documentTitle: notice.title,
        documentNumber: notice.number,
        address: body.party.address ?? '',
        postedOn: today,
      });
    }
    if (electronic) {
      const sent = await sendMessage(trx, deps, {
        to: phone!,
        purpose: 'notice',
        caseId,
        text: `【城管执法】非现场执法告知书 ${notice.number ?? r.number}：${r.number} 已立案（${scene.name}）。您可登录当事人服务查看告知书、图像和视频，在线陈述申辩和缴纳罚款。`,
      });
      noticeId = sent.id;
    }
    const res = await trx
      .updateTable('offsite_reviews')
      .set({
        state: 'confirmed',
        reviewer_id: actor.id,
        reviewed_at: now,
        case_id: caseId,
        notice_method: electronic ? 'electronic' : 'post',
        notice_message_id: noticeId,
        warning_message_id: warningId,
      })
      .where('id', '=', r.id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await recordAudit(trx, deps, actor, meta, {
      action: 'offsite.review.confirm',
      entityType: 'offsite_review',
      entityId: r.id,
      bureauId: r.bureau_id,
      data: {
        caseId,
        offenceCode,
        events: events.length,
        evidence: seen.size,
        notice: electronic ? 'electronic' : 'post',
        noticeDocumentId: notice.id,
        ...(serviceId ? { serviceId } : {}),
        warning: warningId !== null,
      },
    });
  });
  return getReview(deps, actor, id);
}

export async function dismissReview(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: DismissOffsiteBody,
): Promise<OffsiteReviewDetail> {
  assertPermission(actor, 'offsite:review');
  await deps.db.transaction().execute(async (trx) => {
    const r = await reviewRowOrFail(trx, actor, id, true);
    pending(r);
    await trx
      .updateTable('offsite_reviews')
      .set({ state: 'dismissed', reviewer_id: actor.id, reviewed_at: deps.clock.now(), dismiss_reason: body.reason })
      .where('id', '=', r.id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'offsite.review.dismiss',
      entityType: 'offsite_review',
      entityId: r.id,
      bureauId: r.bureau_id,
      data: { reason: body.reason },
    });
  });
  return getReview(deps, actor, id);
}

/** An image or video of an event of the item, checked against its SM3 as it is read. */
export async function getReviewMedia(deps: Deps, actor: Actor, meta: RequestMeta, id: string, sm3: string): Promise<ServedFile> {
  assertPermission(actor, 'offsite:read');
  const r = await reviewRowOrFail(deps.db, actor, id);
  const events = await eventsOf(deps.db, [r.id]);
  if (!events.some((e) => (e.media as Media[]).some((m) => m.sm3 === sm3))) throw new AppError('NOT_FOUND');
  const file = await findFile(deps.db, sm3);
  if (!file) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, sm3, { actor, meta, objectType: 'offsite_review', objectId: r.id });
  return { bytes, mime: file.mime, sm3, filename: fileNameFor(`非现场执法-${r.number}`, file.mime) };
}
