// Every route of the OpenAPI document, walked twice against 浦东's real objects (made through the API first):
//   (a) as each user of 青浦 — the district administrator, the leader, the squad leader and an officer — with 浦东's ids
//       in the path, query and body: a route naming a 浦东 object answers 404 (jurisdiction: the object does not exist
//       for him) or 403 (permission: his role may not do this to any object). Either way the answer must be exactly
//       the answer for an id that does not exist — so it reveals nothing, and a 403 that does not depend on the object
//       can only be the role check. Lists must not contain 浦东's ids; writes naming 浦东 objects in the body are refused.
//   (b) anonymously: every /api/v1 route answers 401; the public routes (/api/auth, /api/portal, /api/public) give
//       nothing without their key — a portal route without its session is 401, a verify link with a wrong code or a
//       party confirmation with a wrong token is 404 like an unknown id — and no answer carries a 浦东 id.
// The routes come from `app.swagger()`, so a new route is walked without a test written for it; a path parameter the
// walk cannot fill with a real id fails the test until its kind is named in ID_BY_PARAM.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, type TestContext } from './harness.ts';
import { PNG, pudongObjects, type PudongObjects } from './access-fixture.ts';
import { deviceEvent, postEvent } from './offsite-device.contract.ts';
import { collectionOf, openApiRoutes, routeUrl, sampleOf, type ApiRoute } from './openapi-routes.ts';

let ctx: TestContext;
let o: PudongObjects;
let routes: ApiRoute[];
/** City-wide reference data (the law library), readable by every officer and changed only by the city bureau. */
let lawIds: Record<string, string>;
/** A list of 浦东's subjects uploaded for import (a batch of its bureau). */
let importId: string;
/** 浦东's Open311 partner key and a request it filed. */
let open311KeyId: string;
let bulletinId: string;
let open311Request: { service_request_id: string; token: string };
/** 浦东's supervision records (docs/supervision.md): a drawn plan, a sample, a finding, a recording, a notice, 督办, a complaint. */
const sup: Record<string, string> = {};
/** 浦东's compound, property report, house annotation, stall point and workroom (issue 17). */
let community: { compoundId: string; reportId: string; annotationId: string; stallId: string; workroomId: string };
/** 浦东's off-site device, a review item of its event and the event's image. */
let offsite: { deviceId: string; reviewId: string; sm3: string };

const QP_USERS = ['qp_admin', 'qp_leader', 'qp_zjj_leader', 'qp_zjj_01'] as const;

beforeAll(async () => {
  ctx = await createTestContext();
  o = await pudongObjects(ctx);
  for (const u of QP_USERS) o.kit.tokens[u] ??= await ctx.login(u);
  routes = openApiRoutes(ctx.app.swagger());
  const upload = await ctx.api('POST', '/api/v1/subject-imports', {
    token: await ctx.login('pd_admin'),
    body: Buffer.from('名称,类型,地址\n甲商店,沿街商户,上海市浦东新区张杨路1号\n'),
    headers: { 'content-type': 'text/csv' },
  });
  expect(upload.statusCode, upload.body).toBe(202);
  importId = (upload.json() as { id: string }).id;
  lawIds = {};
  const first = async (
    table: 'law_provisions' | 'law_offences' | 'law_discretion_standards' | 'law_exemption_items' | 'law_guidance' | 'law_guiding_cases',
  ) => ((await ctx.deps.db.selectFrom(table).select('id').limit(1).executeTakeFirst()) as { id: string } | undefined)?.id;
  const kinds = {
    provisions: 'law_provisions',
    offences: 'law_offences',
    'discretion-standards': 'law_discretion_standards',
    'exemption-items': 'law_exemption_items',
    guidance: 'law_guidance',
    'guiding-cases': 'law_guiding_cases',
  } as const;
  const cityLegal = await ctx.login('sh_legal');
  for (const [collection, table] of Object.entries(kinds)) {
    let id = await first(table);
    if (!id) {
      // An empty kind of the starter library gets one entry, made from its own schema by the city's legal reviewer.
      const create = routes.find((r) => r.key === `POST /api/v1/law/${collection}`)!;
      const r = await ctx.api('POST', create.path, { token: cityLegal, body: sampleOf(create.body!) });
      expect(r.statusCode, r.body).toBe(201);
      id = (r.json() as { id: string }).id;
    }
    lawIds[collection] = id;
  }
  // Open311: a partner key of 浦东 and a request it filed (GeoReport paths name the request and its token).
  const key = await ctx.api('POST', '/api/v1/open311-keys', {
    token: await ctx.login('pd_admin'),
    body: { name: '浦东合作方', bureauId: o.bureauId },
  });
  expect(key.statusCode, key.body).toBe(201);
  open311KeyId = (key.json() as { id: string }).id;
  const filed = await ctx.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: (key.json() as { apiKey: string }).apiKey,
      service_code: 'QT01',
      address_string: '上海市浦东新区张杨路1号',
      description: '咨询',
    }).toString(),
  });
  expect(filed.statusCode, filed.body).toBe(201);
  open311Request = (JSON.parse(filed.body) as { service_request_id: string; token: string }[])[0]!;
  // 执法监督: 浦东's supervisor makes one of each record.
  const superToken = await ctx.login('pd_super');
  const made = async <T>(method: string, url: string, body: unknown, status = 201): Promise<T> => {
    const r = await ctx.api(method, url, { token: superToken, body });
    expect(r.statusCode, r.body).toBe(status);
    return r.json() as T;
  };
  const S = '/api/v1/supervision';
  const plan = await made<{ id: string }>('POST', `${S}/plans`, {
    kind: 'case_file',
    orgId: o.bureauId,
    name: '访问测试评查',
    periodFrom: '2025-01-01',
    periodTo: '2026-12-31',
    defaultBasisPoints: 10_000,
    dueOn: '2026-12-31',
  });
  sup.plan = plan.id;
  await made('POST', `${S}/plans/${plan.id}/draw`, undefined, 200);
  const samples = await made<{ items: { id: string }[] }>('GET', `${S}/samples?planId=${plan.id}`, undefined, 200);
  sup.sample = samples.items[0]!.id;
  const rec = await made<{ id: string }>('POST', `${S}/recordings`, {
    fileSm3: 'c'.repeat(64),
    officerId: o.officerId,
    recordedOn: '2026-01-05',
    durationSeconds: 60,
    caseId: o.caseId,
  });
  sup.recording = rec.id;
  sup.finding = (
    await made<{ id: string }>('POST', `${S}/recordings/${rec.id}/problems`, { description: '未全程记录', dueOn: '2026-12-31' })
  ).id;
  sup.notice = (
    await made<{ id: string }>('POST', `${S}/notices`, {
      kind: 'inspection_notice',
      orgId: o.squadId,
      recipient: '中队',
      subject: '督察',
      body: '请回复',
      issuedOn: '2026-01-20',
      answerDue: '2026-02-20',
    })
  ).id;
  sup.major = (
    await made<{ id: string }>('POST', `${S}/major-cases`, {
      caseId: o.caseId,
      reason: '督办',
      openedOn: '2026-01-20',
      dueOn: '2026-02-20',
    })
  ).id;
  sup.complaint = (
    await made<{ id: string }>('POST', `${S}/officer-complaints`, {
      orgId: o.squadId,
      channel: '12345',
      complainant: '市民',
      content: '态度',
      receivedOn: '2026-01-20',
    })
  ).id;
  // 住宅小区, 上海摊, 城管进社区: one object of each in 陆家嘴 (a report as the portal writes it).
  {
    const officer = await ctx.login('pd_ljz_01');
    const leader = await ctx.login('pd_ljz_leader');
    const made = async (token: string, method: string, url: string, body: unknown, status = 201) => {
      const r = await ctx.api(method, url, { token, body });
      expect(r.statusCode, r.body).toBe(status);
      return r.json() as { id: string; subjectId?: string };
    };
    const point = { lon: 121.51, lat: 31.236, crs: 'wgs84' };
    const compoundId = (
      await made(officer, 'POST', '/api/v1/subjects', {
        kind: 'residential_compound',
        name: '访问检查用小区',
        address: '上海市浦东新区银城中路2号',
        point,
      })
    ).id;
    const stallId = (
      await made(officer, 'POST', '/api/v1/subjects', {
        kind: 'stall_point',
        name: '访问检查用点位',
        address: '上海市浦东新区银城中路3号',
        point,
      })
    ).id;
    await made(
      officer,
      'PUT',
      '/api/v1/stall-points',
      { subjectId: stallId, pointType: 'guided', opensAt: '17:00', closesAt: '22:00', capacity: 10, rules: '定时定点' },
      200,
    );
    const annotationId = (await made(officer, 'POST', '/api/v1/house-annotations', { compoundId, room: '1-101', reason: '访问检查' })).id;
    const me = await ctx.api('GET', '/api/v1/me', { token: leader });
    const workroomId = (
      await made(leader, 'POST', '/api/v1/workrooms', {
        orgId: (me.json() as { orgId: string }).orgId,
        name: '访问检查用工作室',
        community: '访问检查居委',
        address: '上海市浦东新区银城中路4号',
        openingHours: '周二上午',
        officerIds: [],
      })
    ).id;
    const reportId = ctx.deps.newId();
    const subject = await ctx.deps.db
      .selectFrom('subjects')
      .select(['bureau_id', 'org_id'])
      .where('id', '=', compoundId)
      .executeTakeFirstOrThrow();
    await ctx.deps.db
      .insertInto('property_reports')
      .values({
        id: reportId,
        number: 'WY-ACCESS-1',
        bureau_id: subject.bureau_id,
        org_id: subject.org_id,
        compound_id: compoundId,
        reporter_name: '物业',
        problem: 'other',
        description: '访问检查用报告',
      })
      .execute();
    community = { compoundId, reportId, annotationId, stallId, workroomId };
  }
  // 信用, 复议/诉讼, 教育培训 (docs/credit.md, docs/reviews.md, docs/training.md): one 浦东 object of each.
  const pdLegal = await ctx.login('pd_legal');
  const pdAdmin = await ctx.login('pd_admin');
  const record = await ctx.deps.db.selectFrom('credit_records').selectAll().where('case_id', '=', o.caseId).executeTakeFirstOrThrow();
  mine.creditRecord = record.id;
  mine.repair = randomUUID();
  await ctx.deps.db
    .insertInto('credit_repairs')
    .values({
      id: mine.repair,
      record_id: record.id,
      bureau_id: record.bureau_id,
      org_id: record.org_id,
      applicant: '当事人',
      corrected: '已改正',
      commitment: '承诺',
      applied_at: ctx.clock.now(),
    })
    .execute();
  const madeId = async (token: string, url: string, body: unknown) => {
    const r = await ctx.api('POST', url, { token, body });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { id: string }).id;
  };
  const today = ctx.clock.now().toISOString().slice(0, 10);
  mine.report = await madeId(pdLegal, '/api/v1/credit/reports', {
    bureauId: o.bureauId,
    subjectCode: '91310115MA1FL00001',
    subjectName: '某公司',
    periodFrom: '2025-01-01',
    periodTo: today,
  });
  mine.review = await madeId(pdLegal, '/api/v1/case-reviews', {
    caseId: o.caseId,
    kind: 'review',
    filedOn: today,
    forum: '浦东新区人民政府',
  });
  mine.course = await madeId(pdAdmin, '/api/v1/training/courses', {
    bureauId: o.bureauId,
    title: '课程',
    category: '法律',
    hours: 1,
    credits: 1,
  });
  await madeId(pdAdmin, '/api/v1/training/questions', {
    bureauId: o.bureauId,
    bank: '题库',
    kind: 'judge',
    stem: '判断题',
    options: ['正确', '错误'],
    answer: ['A'],
  });
  mine.exam = await madeId(pdAdmin, '/api/v1/training/exams', {
    bureauId: o.bureauId,
    title: '考试',
    kind: 'regular',
    bank: '题库',
    questionCount: 1,
    durationMinutes: 10,
    passScore: 60,
    maxAttempts: 1,
    opensOn: '2026-01-01',
    closesOn: '2026-12-31',
  });
  mine.attempt = await madeId(await ctx.login('pd_ljz_01'), `/api/v1/training/exams/${mine.exam}/attempts`, {});
  // 统计通报: a draft bulletin of 浦东.
  const bulletin = await ctx.api('POST', '/api/v1/cockpit/bulletins', {
    token: await ctx.login('pd_leader'),
    body: { periodKind: 'month', period: '2020-01', orgId: o.bureauId },
  });
  expect(bulletin.statusCode, bulletin.body).toBe(201);
  bulletinId = (bulletin.json() as { id: string }).id;
  // 非现场执法: a camera of 浦东 and an event it delivered through the signed intake.
  const device = await ctx.api('POST', '/api/v1/offsite/devices', {
    token: await ctx.login('pd_admin'),
    body: {
      code: 'PD-ACCESS-CAM',
      kind: 'camera',
      name: '访问测试摄像头',
      orgId: o.squadId,
      lon: 121.51,
      lat: 31.235,
      scenes: ['car_wash'],
      ownSecret: true,
      legalReviewOn: '2026-01-10',
      publishedOn: '2026-01-10',
      certOn: '2026-01-10',
      certUntil: '2027-01-10',
    },
  });
  expect(device.statusCode, device.body).toBe(201);
  const cam = device.json() as { id: string; code: string; secretHex: string };
  const event = deviceEvent(cam.code, 'car_wash', { plate: '沪A00001' }, ctx.clock.now());
  const delivered = await postEvent(ctx, cam.secretHex, event);
  expect(delivered.statusCode, delivered.body).toBe(200);
  offsite = { deviceId: cam.id, reviewId: (delivered.json() as { reviewId: string }).reviewId, sm3: event.media[0]!.sm3 };
  // The city's 检查事项清单 is reference data of the same kind.
  lawIds['inspection-matters'] = (await ctx.deps.db.selectFrom('inspection_matters').select('id').limit(1).executeTakeFirstOrThrow()).id;
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

const mine: Record<'creditRecord' | 'repair' | 'report' | 'review' | 'course' | 'exam' | 'attempt', string> = {
  creditRecord: '',
  repair: '',
  report: '',
  review: '',
  course: '',
  exam: '',
  attempt: '',
};

type Owner = 'pudong' | 'reference' | 'key' | 'neutral';
type Fill = { value: string; owner: Owner; random: () => string };

const uuid = () => randomUUID();
const hex64 = () => randomBytes(32).toString('hex');

/**
 * What each path parameter names, by the collection before it: a 浦东 object (its real id), the city's reference
 * data, a public key (token, checkout link), or a value that names no object (a template kind, a provider).
 */
function fillParam(route: ApiRoute, name: string): Fill | null {
  const col = collectionOf(route, name);
  const pd = (value: string, random: () => string = uuid): Fill => ({ value, owner: 'pudong', random });
  const table: Record<string, Fill | undefined> = {
    'cases/id': pd(o.caseId),
    'subject-imports/id': pd(importId),
    'evidence/evidenceId': pd(o.evidenceId),
    // The party's off-site evidence in the portal (his session names the case).
    'evidence/id': pd(o.evidenceId),
    'records/recordId': pd(o.recordId),
    'services/serviceId': pd(o.serviceId),
    'service-consents/consentId': pd(o.consentId),
    'review-litigations/reviewId': pd(o.reviewId),
    'documents/id': pd(o.documentId),
    'disclosures/id': pd(o.disclosureId),
    'payment-deferrals/id': pd(o.deferralId),
    'mismatches/id': pd(o.mismatchId),
    'overpayments/id': pd(o.overpaymentId),
    'cash-receipts/id': pd(o.cashReceiptId),
    'party-confirmations/id': pd(o.confirmationId),
    'orgs/id': pd(o.squadId),
    'subjects/id': pd(o.subjectId),
    'risk-override/oid': pd(o.overrideId),
    // 一店一码: the public code is the key printed on the subject's card.
    'subjects/code': { value: o.subjectCode, owner: 'key', random: () => 'AAAAAAAAAAAAAAAA' },
    'officers/id': pd(o.officerId),
    'credentials/id': pd(o.credentialId),
    'records/id': pd(mine.creditRecord),
    'repairs/id': pd(mine.repair),
    'reports/id': pd(mine.report),
    'case-reviews/id': pd(mine.review),
    'courses/id': pd(mine.course),
    'exams/id': pd(mine.exam),
    'attempts/id': pd(mine.attempt),
    'inspection-visits/id': pd(o.visitId),
    'photos/sm3': pd(o.visitPhotoSm3, hex64),
    'inspection-plans/id': pd(o.planId),
    'tickets/id': pd(o.ticketId),
    'joint-orders/id': pd(o.jointOrderId),
    'campaigns/id': pd(o.campaignId),
    'campaign-points/id': pd(o.campaignPointId),
    'sharing-keys/id': pd(o.sharingKeyId),
    // The data catalogue is the city's reference data; its assets are named by their table.
    'data-assets/code': { value: 'orgs', owner: 'reference', random: () => 'orgs' },
    // A partner names an asset with its key in the header (no key: 401); a day's digest is public.
    'assets/code': { value: 'orgs', owner: 'reference', random: () => 'orgs' },
    'digests/day': { value: '2026-03-01', owner: 'reference', random: () => '2026-03-01' },
    'joint-actions/id': pd(o.jointActionId),
    'tasks/taskId': pd(o.jointTaskId),
    'partner-units/id': pd(o.partnerUnitId),
    'extensions/extensionId': pd(o.ticketExtensionId),
    // 建筑垃圾 clues come from the day's analysis of GPS points; the fixture has none: any id must answer as a missing one.
    'clues/id': pd(randomUUID()),
    // The public record of a draw is reached by the plan's id, published with the plan.
    'draws/planId': { value: o.planId, owner: 'key', random: uuid },
    'images/sm3': pd(o.sealSm3, hex64),
    'portal-submissions/submissionId': pd(o.submissionId),
    'files/sm3': pd(o.consentSm3, hex64),
    'files/part': { value: 'signature', owner: 'neutral', random: () => 'signature' },
    'sandbox-pay/id': { value: o.checkoutId, owner: 'key', random: uuid },
    'party-confirmations/token': { value: o.confirmationToken, owner: 'key', random: () => randomBytes(24).toString('base64url') },
    'document-templates/kind': { value: 'decision', owner: 'neutral', random: () => 'decision' },
    'payments/provider': { value: 'sandbox', owner: 'neutral', random: () => 'sandbox' },
    // The exchange's channel names no object: its messages carry their own key (the signature).
    'ticket-exchange/channel': { value: 'hotline_12345', owner: 'neutral', random: () => 'hotline_12345' },
    'overrides/date': { value: '2026-05-06', owner: 'reference', random: () => '2026-05-06' },
    'import/kind': { value: 'provisions', owner: 'reference', random: () => 'provisions' },
    'open311-keys/id': pd(open311KeyId),
    'bulletins/id': pd(bulletinId),
    // A cockpit theme names no object (the org is the query's); a KPI's target is the city's reference data.
    'themes/theme': { value: 'cases', owner: 'neutral', random: () => 'cases' },
    'targets/kpi': { value: 'tickets.satisfaction', owner: 'reference', random: () => 'tickets.satisfaction' },
    'devices/id': pd(offsite.deviceId),
    'reviews/id': pd(offsite.reviewId),
    'media/sm3': pd(offsite.sm3, hex64),
    // The scenes are the city's reference data, configured by the city's administrator only.
    'scenes/code': { value: 'stall', owner: 'reference', random: () => 'zz_none' },
    // Categories are the city's reference data, written by the city's administrator only.
    'ticket-categories/code': { value: 'SR04', owner: 'reference', random: () => 'ZZ' },
    // An in-console message is its recipient's own: nobody else's id opens it.
    'inbox/id': { value: randomUUID(), owner: 'neutral', random: uuid },
    // GeoReport paths put the format after a dot ({service_code}.{format}): no collection before them.
    '/format': { value: 'json', owner: 'neutral', random: () => 'json' },
    '/service_code': { value: 'SR04', owner: 'reference', random: () => 'SR04' },
    '/service_request_id': pd(open311Request.service_request_id, () => `T20260302${randomBytes(4).toString('hex').toUpperCase()}`),
    '/token': pd(open311Request.token),
    // 执法监督 (docs/supervision.md): 浦东's records.
    'plans/id': pd(sup.plan!),
    'samples/id': pd(sup.sample!),
    'findings/id': pd(sup.finding!),
    'recordings/id': pd(sup.recording!),
    'notices/id': pd(sup.notice!),
    'major-cases/id': pd(sup.major!),
    'officer-complaints/id': pd(sup.complaint!),
    'compounds/id': pd(community.compoundId),
    'property-reports/id': pd(community.reportId),
    'house-annotations/id': pd(community.annotationId),
    'stall-points/id': pd(community.stallId),
    'workrooms/id': pd(community.workroomId),
    // The workbench's sets are the caller's own lists (no 浦东 object in the path).
    'workbench/set': { value: 'myTasks', owner: 'neutral', random: () => 'myTasks' },
  };
  const found = table[`${col}/${name}`];
  if (found) return found;
  if (name === 'id' && lawIds[col]) return { value: lawIds[col]!, owner: 'reference', random: uuid };
  return null;
}

/** Query parameters and body fields that name an org, a bureau, a case, an officer or a document get 浦东's. */
function pudongRef(name: string): unknown {
  const refs: Record<string, unknown> = {
    bureauId: o.bureauId,
    orgId: o.squadId,
    parentId: o.squadId,
    caseId: o.caseId,
    documentId: o.documentId,
    officerIds: [o.officerId],
    collectedById: o.officerId,
    chairOfficerId: o.officerId,
    officerId: o.officerId,
    subjectId: o.subjectId,
    orgIds: [o.squadId],
    compoundId: community.compoundId,
    reportId: community.reportId,
  };
  return refs[name];
}

type Request = { method: string; url: string; body?: unknown; headers: Record<string, string>; pudongRefs: string[] };

const RAW_BODIES: Record<string, { type: string; bytes: Buffer }> = {
  'POST /api/v1/files': { type: 'image/png', bytes: PNG },
  'POST /api/v1/document-settings/images': { type: 'image/png', bytes: PNG },
  'POST /api/portal/files': { type: 'image/png', bytes: PNG },
  'POST /api/portal/citizen/files': { type: 'image/png', bytes: PNG },
  'POST /api/public/documents/{id}/verify': { type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
  'POST /api/v1/law/import/{kind}': { type: 'text/csv', bytes: Buffer.from('条文,内容\n') },
  'POST /api/v1/subject-imports': { type: 'text/csv', bytes: Buffer.from('名称,类型,地址\n') },
};

/** The request of a route with its parameters filled: real (浦东's) values, or random ones of the same kind. */
function buildRequest(route: ApiRoute, which: 'real' | 'random'): Request | { unfilled: string } {
  const params: Record<string, string> = {};
  const pudongRefs: string[] = [];
  for (const p of route.pathParams) {
    const f = fillParam(route, p.name);
    if (!f) return { unfilled: p.name };
    params[p.name] = which === 'real' ? f.value : f.random();
    if (f.owner === 'pudong') pudongRefs.push(`path:${p.name}`);
  }
  const query: Record<string, string> = {};
  for (const q of route.query) {
    const ref = pudongRef(q.name);
    if (typeof ref === 'string') {
      query[q.name] = which === 'real' ? ref : uuid();
      pudongRefs.push(`query:${q.name}`);
    } else if (q.required) {
      // A public key in the query (the verify code) is never the real one: the walk has no key.
      query[q.name] = q.name === 'c' ? 'WRONGCODE0' : String(sampleOf(q.schema));
    }
  }
  const headers: Record<string, string> = {};
  let body: unknown;
  const raw = RAW_BODIES[route.key];
  if (raw) {
    headers['content-type'] = raw.type;
    body = raw.bytes;
  } else if (route.body) {
    const sample = sampleOf(route.body) as Record<string, unknown>;
    for (const name of Object.keys(route.body.properties ?? {})) {
      const ref = pudongRef(name);
      if (ref === undefined) continue;
      sample[name] = which === 'real' ? ref : Array.isArray(ref) ? [uuid()] : uuid();
      pudongRefs.push(`body:${name}`);
    }
    body = sample;
  } else if (route.method !== 'GET' && route.method !== 'DELETE') body = {};
  return { method: route.method, url: routeUrl(route, params, query), body, headers, pudongRefs };
}

function send(req: Request, auth: { token?: string }): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: { ...req.headers, ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}) },
    ...(req.body !== undefined ? { payload: req.body as object } : {}),
  });
}

/** 浦东's ids and hashes that no answer to anyone else may carry. Org ids are not secret (the org tree is public). */
function markers(): string[] {
  return [
    ...Object.values(sup),
    o.caseId,
    o.campaignId,
    o.campaignPointId,
    o.sharingKeyId,
    o.evidenceId,
    o.evidenceSm3,
    o.recordId,
    o.recordSm3,
    o.documentId,
    o.documentSm3,
    o.consentId,
    o.consentSm3,
    o.submissionId,
    o.serviceId,
    o.signatureSm3,
    o.orderId,
    o.checkoutId,
    o.deferralId,
    o.reviewId,
    o.disclosureId,
    o.summaryCaseId,
    o.cashReceiptId,
    o.mismatchId,
    o.overpaymentId,
    o.confirmationId,
    o.sealSm3,
    o.officerId,
    o.credentialId,
    o.subjectId,
    o.overrideId,
    o.planId,
    o.ticketId,
    o.ticketExtensionId,
    open311Request.token,
    community.compoundId,
    community.reportId,
    community.annotationId,
    community.stallId,
    community.workroomId,
    offsite.deviceId,
    offsite.reviewId,
    offsite.sm3,
  ];
}

function leaked(r: LightMyRequestResponse): string[] {
  if (r.statusCode < 200 || r.statusCode >= 300) return [];
  const text = r.rawPayload.toString('latin1') + r.body;
  return markers().filter((m) => text.includes(m));
}

const codeOf = (r: LightMyRequestResponse) => {
  try {
    return (r.json() as { code?: string }).code ?? '';
  } catch {
    return '';
  }
};

type Row = { route: string; who: string; expected: string; got: number; ok: boolean; note: string };

function summarize(title: string, rows: Row[], skipped: { route: string; reason: string }[]) {
  const by = new Map<string, number>();
  for (const r of rows) by.set(`${r.expected} → ${r.got}`, (by.get(`${r.expected} → ${r.got}`) ?? 0) + 1);
  const lines = [
    `${title}: ${new Set(rows.map((r) => r.route)).size} routes walked, ${rows.length} requests`,
    ...[...by.entries()].sort().map(([k, n]) => `  ${k}: ${n}`),
    `  skipped: ${skipped.length}`,
    ...skipped.map((s) => `    ${s.route} — ${s.reason}`),
  ];
  console.log(lines.join('\n'));
}

describe('every route, walked with 浦东 objects', () => {
  it('(a) 青浦 users: 404 (jurisdiction) or 403 (permission) on 浦东 objects, the same as for a missing one; no list leaks', async () => {
    const rows: Row[] = [];
    const skipped: { route: string; reason: string }[] = [];
    const unfilled: string[] = [];
    for (const route of routes.filter((r) => r.area === 'v1')) {
      const real = buildRequest(route, 'real');
      if ('unfilled' in real) {
        unfilled.push(`${route.key} {${real.unfilled}}`);
        continue;
      }
      const owners = route.pathParams.map((p) => fillParam(route, p.name)!.owner);
      const isWrite = route.method !== 'GET';
      if (!owners.includes('pudong') && !owners.includes('reference') && real.pudongRefs.length === 0 && isWrite) {
        skipped.push({ route: route.key, reason: 'names no 浦东 object (a write on the caller’s own records)' });
        continue;
      }
      for (const who of QP_USERS) {
        const token = o.kit.tokens[who]!;
        const r = await send(real, { token });
        const leaks = leaked(r);
        if (owners.includes('pudong')) {
          const random = buildRequest(route, 'random') as Request;
          const r2 = await send(random, { token });
          const same = r.statusCode === r2.statusCode && codeOf(r) === codeOf(r2);
          const ok = (r.statusCode === 404 || r.statusCode === 403) && same && leaks.length === 0;
          rows.push({
            route: route.key,
            who,
            expected: '404 jurisdiction | 403 permission',
            got: r.statusCode,
            ok,
            note: ok
              ? ''
              : `${r.body.slice(0, 200)}; missing id → ${r2.statusCode} ${codeOf(r2)}${leaks.length ? `; leaks ${leaks.join(',')}` : ''}`,
          });
        } else if (owners.includes('reference')) {
          const ok = (isWrite ? r.statusCode === 403 : r.statusCode >= 200 && r.statusCode < 300) && leaks.length === 0;
          rows.push({
            route: route.key,
            who,
            expected: isWrite ? '403 city reference data' : '2xx city reference data',
            got: r.statusCode,
            ok,
            note: ok ? '' : r.body.slice(0, 200),
          });
        } else if (real.pudongRefs.length > 0) {
          // 浦东 named in the query or body only: a write is refused; a read answers nothing of 浦东's.
          const ok = (isWrite ? r.statusCode >= 400 && r.statusCode < 500 : true) && leaks.length === 0;
          rows.push({
            route: route.key,
            who,
            expected: isWrite ? '4xx (浦东 named in the body)' : 'no 浦东 ids (浦东 named in the query)',
            got: r.statusCode,
            ok,
            note: ok ? '' : `${real.pudongRefs.join(',')} ${r.body.slice(0, 200)}${leaks.length ? `; leaks ${leaks.join(',')}` : ''}`,
          });
        } else {
          rows.push({
            route: route.key,
            who,
            expected: 'no 浦东 ids (own list)',
            got: r.statusCode,
            ok: leaks.length === 0 && r.statusCode < 500,
            note: leaks.length ? `leaks ${leaks.join(',')}` : r.statusCode >= 500 ? r.body.slice(0, 200) : '',
          });
        }
      }
    }
    summarize('(a) 青浦 users', rows, skipped);
    const onlyForbidden = [...new Set(rows.filter((r) => r.expected.startsWith('404')).map((r) => r.route))].filter((route) =>
      rows.filter((r) => r.route === route).every((r) => r.got === 403),
    );
    console.log(
      `  routes on 浦东 objects that no 青浦 role may call at all (403 for all four): ${onlyForbidden.length}\n    ${onlyForbidden.join('\n    ')}`,
    );
    expect(unfilled, 'path parameters the walk cannot fill with a real id').toEqual([]);
    expect(rows.filter((r) => !r.ok).map((r) => `${r.who} ${r.route}: ${r.got} ${r.note}`)).toEqual([]);
  }, 300_000);

  it('(b) anonymous: 401 on /api/v1; public routes give nothing without their key', async () => {
    const rows: Row[] = [];
    const skipped: { route: string; reason: string }[] = [];
    for (const route of routes) {
      const real = buildRequest(route, 'real');
      if ('unfilled' in real) throw new Error(`${route.key}: cannot fill {${real.unfilled}}`);
      const r = await send(real, {});
      const leaks = leaked(r);
      const push = (expected: string, ok: boolean) =>
        rows.push({
          route: route.key,
          who: 'anonymous',
          expected,
          got: r.statusCode,
          ok: ok && leaks.length === 0,
          note: ok ? '' : r.body.slice(0, 200),
        });
      if (route.area === 'v1') {
        push('401 login required', r.statusCode === 401);
        continue;
      }
      if (
        route.area === 'portal' &&
        ![
          'POST /api/portal/code',
          'POST /api/portal/session',
          'DELETE /api/portal/session',
          'POST /api/portal/citizen/code',
          'POST /api/portal/citizen/session',
          'DELETE /api/portal/citizen/session',
        ].includes(route.key)
      ) {
        push('401 portal session required', r.statusCode === 401);
        continue;
      }
      const keyed = route.pathParams.some((p) => fillParam(route, p.name)!.owner === 'key');
      if (keyed) {
        skipped.push({ route: route.key, reason: 'the path parameter is itself the key (a link given to the party)' });
        const random = buildRequest(route, 'random') as Request;
        const r2 = await send(random, {});
        rows.push({
          route: route.key,
          who: 'anonymous (wrong key)',
          expected: '404 wrong key',
          got: r2.statusCode,
          ok: r2.statusCode === 404,
          note: r2.body.slice(0, 200),
        });
        continue;
      }
      const namesPudong = real.pudongRefs.length > 0;
      if (namesPudong) {
        const random = buildRequest(route, 'random') as Request;
        const r2 = await send(random, {});
        const same = r.statusCode === r2.statusCode && codeOf(r) === codeOf(r2);
        push('same as a missing id (no key)', same && (r.statusCode === 404 || r.statusCode === 400 || r.statusCode === 401));
        continue;
      }
      push('no 浦东 ids', r.statusCode < 500);
    }
    summarize('(b) anonymous', rows, skipped);
    expect(rows.filter((r) => !r.ok).map((r) => `${r.who} ${r.route}: ${r.got} ${r.note}`)).toEqual([]);
  }, 300_000);
});
