// 浦东's objects of every kind, made through the API as officers would, for the tests that check nobody else reaches
// them: a decided and served case with evidence, a 笔录 scan, an issued PDF, an e-service consent the party signed in
// the portal, a direct service with the recipient's signature, a payment order and its sandbox checkout, a deferral
// application, a 复议 record, a scheduled publication, a 当场 ticket with its cash receipt, a reconciliation mismatch, a party
// confirmation, the bureau's seal image — and the ids of each, by the collection that names them in a URL.
import { expect } from 'vitest';
import { creditCodeCheckChar } from '@chengguan/domain';
import type {
  CaseDetail,
  Checkout,
  CreatedPartyConfirmation,
  IssuedDocumentCreated,
  ServiceOverview,
  ServiceRecord,
  SummaryCaseBody,
} from '@chengguan/contracts';
import type { TestContext } from './harness.ts';
import { caseKit, confirmBasis, confirmedSummaryTicket, fine, ID_CARD, notice, signedRecord, type CaseKit } from './cases-support.ts';
import { PNG_1X1, portalLogin } from './portal-support.ts';
import { giveTask, prepare, visitBody } from './inspections-support.ts';
import { sandboxMerchant } from '../src/modules/payments/providers/sandbox-provider.ts';
import { insertMatters, insertSubjects, planCalls, SHOP_MATTER } from './random-inspections-support.ts';
import { signFields } from '../src/modules/payments/providers/signing.ts';

export const PNG = Buffer.from(PNG_1X1, 'base64');

export type PudongObjects = {
  kit: CaseKit;
  caseId: string;
  /** Served decision, in state `served`; its documents, services and payments below. */
  detail: CaseDetail;
  evidenceId: string;
  evidenceSm3: string;
  recordId: string;
  recordSm3: string;
  documentId: string;
  /** `/verify/<id>?c=<code>`: the key printed on the PDF. */
  verifyPath: string;
  documentNumber: string;
  documentSm3: string;
  consentId: string;
  /** The party's drawn signature on his e-service consent (a file of his case). */
  consentSm3: string;
  /** His portal submission: the consent. */
  submissionId: string;
  serviceId: string;
  signatureSm3: string;
  orderId: string;
  checkoutId: string;
  deferralId: string;
  reviewId: string;
  disclosureId: string;
  summaryCaseId: string;
  cashReceiptId: string;
  mismatchId: string;
  overpaymentId: string;
  confirmationId: string;
  confirmationToken: string;
  sealSm3: string;
  officerId: string;
  credentialId: string;
  squadId: string;
  bureauId: string;
  /** A registered subject (执法对象) of 陆家嘴, its public code, a pending risk override and a failed inspection visit. */
  subjectId: string;
  visitId: string;
  visitPhotoSm3: string;
  subjectCode: string;
  overrideId: string;
  /** A 双随机 plan of 陆家嘴, approved and drawn (its public record is reached by its id). */
  planId: string;
  /** A 12345 ticket of 陆家嘴, dispatched, with a pending extension request. */
  ticketId: string;
  ticketExtensionId: string;
  /** An outbound joint order of 陆家嘴 to the city's traffic police, 浦东's own partner unit, and an action with its task. */
  jointOrderId: string;
  partnerUnitId: string;
  jointActionId: string;
  jointTaskId: string;
  /** A 专项 of 浦东 over 陆家嘴 with a problem point, and a partner key of 陆家嘴 for the sharing interfaces. */
  campaignId: string;
  campaignPointId: string;
  sharingKeyId: string;
};

const ok = async (r: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
  const res = await r;
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

/** Builds 浦东's objects; the clock is left on 2026-01-22 (the decision served the day before).
 * The decision's party is 王小明 (13812345678); his e-service consent was signed in the portal. */
export async function pudongObjects(ctx: TestContext): Promise<PudongObjects> {
  ctx.clock.set('2026-01-22T02:00:00.000Z');
  const kit = await caseKit(ctx);
  for (const u of ['pd_admin', 'qp_admin', 'qp_leader', 'qp_zjj_02']) kit.tokens[u] = await ctx.login(u);
  const api = (user: string, method: string, url: string, body?: unknown) =>
    ctx.api(method, url, { token: kit.tokens[user]!, ...(body !== undefined ? { body } : {}) });

  // The case: 笔录 with its scan, evidence, notice, decision; the decision's PDF issued and served by hand.
  const c = await kit.register();
  const recordSm3 = await kit.upload('pd_ljz_01', `笔录扫描件 ${c.id}`);
  await kit.ok('pd_ljz_01', c.id, 'recordInspection', { ...signedRecord(kit, '2026-01-05'), fileSm3: recordSm3 });
  await kit.ok('pd_ljz_01', c.id, 'submitFiling', { date: '2026-01-05' });
  await kit.ok('pd_ljz_leader', c.id, 'approveFiling', { date: '2026-01-06' });
  await confirmBasis(kit, c.id, '2026-01-06');
  const evidenceSm3 = await kit.upload('pd_ljz_01', `现场照片 ${c.id}`);
  await kit.ok('pd_ljz_01', c.id, 'addEvidence', {
    date: '2026-01-07',
    evidenceType: 'audio_visual',
    title: '现场照片',
    fileSm3: evidenceSm3,
  });
  await kit.ok('pd_ljz_01', c.id, 'concludeInvestigation', { date: '2026-01-12' });
  await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(1_000) });
  await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(1_000, false, '2026-01-14'));
  await kit.ok('pd_leader', c.id, 'decide', {
    date: '2026-01-20',
    outcome: 'penalty',
    penalty: fine(1_000),
    citesHearingRecord: false,
    educationRecorded: false,
  });
  const issued = (await ok(
    api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/documents`, { kind: 'decision' }),
    201,
  )) as IssuedDocumentCreated;
  // The party signs the 电子送达地址确认书 in the portal (his drawn signature becomes a file of his case).
  const party = await portalLogin(ctx, c.id, issued.document.number!);
  await ok(
    party.call('POST', '/api/portal/service-consent', {
      channel: 'sms',
      address: '13812345678',
      signerName: '王小明',
      signaturePngBase64: PNG_1X1,
      agreed: true,
    }),
  );
  const consent = await ctx.deps.db
    .selectFrom('case_service_consents')
    .select(['id', 'signature_sm3'])
    .where('case_id', '=', c.id)
    .executeTakeFirstOrThrow();
  const submission = await ctx.deps.db.selectFrom('portal_submissions').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow();
  const overview = (await ok(api('pd_ljz_01', 'GET', `/api/v1/cases/${c.id}/services`))) as ServiceOverview;
  const decisionDoc = overview.documents.find((d) => d.kind === 'decision')!;
  const signatureSm3 = await kit.upload('pd_ljz_01', `签收签名 ${c.id}`);
  const service = (await ok(
    api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/services`, {
      documentId: decisionDoc.id,
      method: 'direct',
      servedOn: '2026-01-21',
      recipientName: '王小明',
      signatureSm3,
    }),
    201,
  )) as ServiceRecord;
  const detail = await kit.get('pd_ljz_01', c.id);
  const evidence = detail.evidence[0]!;
  const record = detail.records.find((r) => r.fileSm3 === recordSm3)!;

  // Payment: the order made at the decision, a sandbox checkout, a deferral application; a 复议 on file.
  const order = await ctx.deps.db.selectFrom('payment_orders').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow();
  const co = (await ok(api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/checkout`))) as Checkout;
  const deferral = (await ok(
    api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, { kind: 'deferral', reason: '经营困难', until: '2026-03-31' }),
    201,
  )) as { id: string };
  const enforcement = (await ok(
    api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/review-litigations`, {
      kind: 'review',
      filedOn: '2026-01-22',
      body: '浦东新区人民政府',
    }),
  )) as { reviewOrLitigations: { id: string }[] };
  const review = enforcement.reviewOrLitigations[0]!;
  const disclosure = await ctx.deps.db.selectFrom('disclosures').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow();

  // A 当场 ticket collected in cash (B4).
  await ok(
    api('pd_ljz_leader', 'POST', '/api/v1/summary-ticket-ranges', {
      orgId: kit.orgId('pd-ljz'),
      prefix: '沪浦城管当罚〔2026〕W',
      firstNumber: 1,
      lastNumber: 9,
      digits: 4,
    }),
    201,
  );
  const ticketBody: SummaryCaseBody = {
    date: '2026-01-22',
    offenceCode: 'SH-LJ-57-2',
    party: { type: 'natural_person', name: '赵六', idType: 'id_card', idNumber: ID_CARD },
    location: '陆家嘴东路 88 号',
    facts: '经责令改正后仍混合投放。',
    photos: [await kit.upload('pd_ljz_01', `当场照片 ${c.id}`)],
    officerIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_03')],
    penalty: { penalties: ['fine'], fineFen: 5_000 },
    flags: { correctionOrdered: true, refusedToCorrect: true },
    partySigned: true,
    collectOnSpot: { receiptNumber: 'PJ-W-0001', hardToEnforceLater: false, remoteArea: false, partyRequested: false },
  };
  // E12: the starter library's 违则 is marked 未核实 — drafted, confirmed by the legal reviewer, then decided.
  const ticket = (await ok(
    confirmedSummaryTicket(ctx, { officer: kit.tokens.pd_ljz_01!, legal: kit.tokens.pd_legal! }, ticketBody),
    200,
  )) as CaseDetail;
  const receipt = await ctx.deps.db.selectFrom('cash_receipts').select('id').where('case_id', '=', ticket.id).executeTakeFirstOrThrow();

  // A mismatch: paid at the sandbox, the notification never delivered, then reconciled by the bureau's leader.
  const second = await kit.register({ act: { actId: `mismatch-${c.id}`, actDate: '2026-01-04' } });
  await kit.ok('pd_ljz_01', second.id, 'submitFiling', { date: '2026-01-05' });
  await kit.ok('pd_ljz_leader', second.id, 'approveFiling', { date: '2026-01-06' });
  await confirmBasis(kit, second.id, '2026-01-06');
  await kit.ok('pd_ljz_01', second.id, 'addEvidence', {
    date: '2026-01-07',
    evidenceType: 'audio_visual',
    title: '现场照片',
    fileSm3: await kit.upload('pd_ljz_01', `second ${second.id}`),
  });
  await kit.ok('pd_ljz_01', second.id, 'recordQuestioning', { ...signedRecord(kit, '2026-01-08'), interviewee: '王小明' });
  await kit.ok('pd_ljz_01', second.id, 'concludeInvestigation', { date: '2026-01-12' });
  await kit.ok('pd_ljz_leader', second.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(500) });
  await kit.ok('pd_ljz_01', second.id, 'issuePriorNotice', notice(500, false, '2026-01-14'));
  await kit.ok('pd_leader', second.id, 'decide', {
    date: '2026-01-20',
    outcome: 'penalty',
    penalty: fine(500),
    citesHearingRecord: false,
    educationRecorded: false,
  });
  await kit.ok('pd_ljz_01', second.id, 'serveDecision', { date: '2026-01-21', method: 'direct' });
  const co2 = (await ok(api('pd_ljz_01', 'POST', `/api/v1/cases/${second.id}/payments/checkout`))) as Checkout;
  await ok(ctx.api('POST', `/api/public/sandbox-pay/${co2.checkoutUrl.split('/').at(-1)!}/pay`));
  await ctx.deps.db.deleteFrom('jobs').where('kind', '=', 'payments.sandbox.deliver').where('status', '=', 'pending').execute();
  await ok(api('pd_leader', 'POST', '/api/v1/payments/reconciliation-runs', { date: '2026-01-22' }));
  const mismatch = await ctx.deps.db
    .selectFrom('payment_mismatches')
    .select('id')
    .where('case_id', '=', second.id)
    .executeTakeFirstOrThrow();
  // An over-payment: the provider notifies two signed payments of the same checkout; the second is not booked.
  const merchant = await sandboxMerchant(ctx.deps.db);
  const notify = async (n: number) => {
    const fields = {
      merchantId: merchant.merchant_id,
      event: 'payment.succeeded',
      txnId: `SBXTWICE${n}${second.id.slice(0, 8)}`,
      outTradeNo: co2.checkoutId,
      amountFen: co2.amountFen,
      paidAt: ctx.clock.now().toISOString(),
      nonce: `n-twice-${n}-${second.id}`,
      signType: 'HMAC-SM3',
    };
    const r = await ctx.api('POST', '/api/public/payments/sandbox/callback', {
      body: { ...fields, sign: signFields(merchant.secret, fields) },
    });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { result: string }).result;
  };
  expect([await notify(1), await notify(2)]).toEqual(['accepted', 'flagged']);
  const overpayment = await ctx.deps.db
    .selectFrom('payment_overpayments')
    .select('id')
    .where('case_id', '=', second.id)
    .executeTakeFirstOrThrow();

  // A party confirmation link, and the bureau's seal.
  const confirmation = (await ok(api('pd_ljz_01', 'POST', '/api/v1/party-confirmations', {}), 201)) as CreatedPartyConfirmation;
  const seal = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/document-settings/images',
    headers: { authorization: `Bearer ${kit.tokens.pd_admin!}`, 'content-type': 'image/png' },
    payload: PNG,
  });
  expect(seal.statusCode, seal.body).toBe(201);
  const sealSm3 = (seal.json() as { sm3: string }).sm3;
  await ok(api('pd_admin', 'PUT', '/api/v1/document-settings', { agencyName: '上海市浦东新区城市管理行政执法局', sealSm3 }));

  // A 双随机 plan of 陆家嘴 over three shops, approved and drawn by the bureau's leader.
  await insertMatters(ctx);
  await insertSubjects(ctx, 'pd-ljz', 3, 'green');
  const plans = planCalls(ctx, kit.tokens);
  let plan = await plans.create('pd_ljz_leader', {
    title: '陆家嘴街道沿街商户双随机抽查',
    periodFrom: '2026-01-22',
    periodTo: '2026-03-31',
    matterCodes: [SHOP_MATTER],
    subjectKinds: ['street_shop'],
    orgIds: [kit.orgId('pd-ljz')],
    riskLevels: [],
  });
  plan = await plans.submit('pd_ljz_leader', plan);
  plan = await plans.approve('pd_leader', plan);
  plan = await plans.draw('pd_leader', plan);

  const officerId = kit.officerId('pd_ljz_01');
  const credential = await ctx.deps.db.selectFrom('credentials').select('id').where('officer_id', '=', officerId).executeTakeFirstOrThrow();
  const documentRow = await ctx.deps.db
    .selectFrom('documents')
    .select(['pdf_sm3', 'number'])
    .where('id', '=', issued.document.id)
    .executeTakeFirstOrThrow();
  // A 执法对象 of 陆家嘴 with a pending override request.
  const subject = (await ok(
    api('pd_ljz_01', 'POST', '/api/v1/subjects', {
      kind: 'street_shop',
      name: '访问检查用商户',
      address: '上海市浦东新区银城中路1号',
      creditCode: '91310115MA1K00001X'.slice(0, 17) + creditCodeCheckChar('91310115MA1K00001'),
      point: { lon: 121.51, lat: 31.236, crs: 'wgs84' },
    }),
    201,
  )) as { id: string; code: string };
  const overridden = (await ok(
    api('pd_ljz_01', 'POST', `/api/v1/subjects/${subject.id}/risk-override`, { level: 'yellow', reasonZh: '访问检查' }),
    201,
  )) as { risk: { overrides: { id: string }[] } };
  const subjectId = subject.id;
  await giveTask(kit, {
    subjectId,
    squad: 'pd-ljz',
    bureau: 'pd',
    inspectors: ['pd_ljz_01', 'pd_ljz_03'],
    matters: ['SR-ZDJY'],
    dueOn: '2026-12-31',
  });
  const visitForm = await prepare(kit, 'pd_ljz_01', subjectId);
  const visit = await ok(
    api('pd_ljz_01', 'POST', '/api/v1/inspection-visits', await visitBody(kit, visitForm, 'pd_ljz_01', 'pd_ljz_03', ['ZDJY-01'])),
    201,
  );

  kit.tokens.pd_command ??= await ctx.login('pd_command');
  const hotlineTicket = (await ok(
    api('pd_command', 'POST', '/api/v1/tickets', {
      channel: 'hotline_12345',
      externalNo: 'ACCESS-0001',
      categoryCode: 'SR04',
      content: '饭店油烟直排扰民',
      address: '上海市浦东新区陆家嘴环路1000号',
      point: { lon: 121.51, lat: 31.236, crs: 'wgs84' },
      reporterPhone: '13800009999',
    }),
    201,
  )) as { id: string };
  await ok(api('pd_command', 'POST', `/api/v1/tickets/${hotlineTicket.id}/accept`, {}));
  await ok(api('pd_command', 'POST', `/api/v1/tickets/${hotlineTicket.id}/dispatch`, { orgId: kit.orgId('pd-ljz') }));
  const extended = (await ok(
    api('pd_ljz_01', 'POST', `/api/v1/tickets/${hotlineTicket.id}/extensions`, { kind: 'complex', reason: '需要联合处置' }),
  )) as { extensions: { id: string }[] };

  const jointOrder = (await ok(
    api('pd_command', 'POST', '/api/v1/joint-orders', {
      partnerId: '0190a000-0000-7000-8000-000000000441',
      orgId: kit.orgId('pd-ljz'),
      category: 'muck_truck',
      title: '请协查渣土车',
      content: '渣土车撒漏，请协查',
      ticketId: hotlineTicket.id,
    }),
    201,
  )) as { id: string };
  kit.tokens.pd_admin ??= await ctx.login('pd_admin');
  const partnerUnit = (await ok(
    api('pd_admin', 'POST', '/api/v1/partner-units', { code: 'PD-ACCESS', name: '浦东新区协作部门', kind: 'other' }),
    201,
  )) as { id: string };
  const jointAction = (await ok(
    api('pd_command', 'POST', '/api/v1/joint-actions', {
      title: '联合整治',
      objective: '整治设摊',
      area: '陆家嘴',
      startsAt: '2026-03-02T12:00:00.000Z',
      endsAt: '2026-03-02T16:00:00.000Z',
      tasks: [{ orgId: kit.orgId('pd-ljz'), task: '巡查' }],
    }),
    201,
  )) as { id: string; tasks: { id: string }[] };

  kit.tokens.pd_leader ??= await ctx.login('pd_leader');
  const campaign = (await ok(
    api('pd_leader', 'POST', '/api/v1/campaigns', {
      orgId: kit.orgId('pd'),
      title: '雷霆专项',
      periodFrom: '2026-03-01',
      periodTo: '2026-12-31',
      areaOrgIds: [kit.orgId('pd-ljz')],
      targetPoints: 1,
      targetRounds: 8,
    }),
    201,
  )) as { id: string };
  const campaignPoint = (await ok(
    api('pd_ljz_01', 'POST', `/api/v1/campaigns/${campaign.id}/points`, {
      orgId: kit.orgId('pd-ljz'),
      title: '跨门营业',
      address: '陆家嘴环路',
      lon: 121.5,
      lat: 31.24,
    }),
    201,
  )) as { id: string };
  const sharingKey = (await ok(
    api('pd_admin', 'POST', '/api/v1/sharing-keys', {
      partnerName: '浦东网格化中心',
      scopeOrgId: kit.orgId('pd-ljz'),
      assetCodes: ['campaign_points'],
    }),
    201,
  )) as { id: string };

  return {
    kit,
    campaignId: campaign.id,
    campaignPointId: campaignPoint.id,
    sharingKeyId: sharingKey.id,
    jointOrderId: jointOrder.id,
    partnerUnitId: partnerUnit.id,
    jointActionId: jointAction.id,
    jointTaskId: jointAction.tasks[0]!.id,
    ticketId: hotlineTicket.id,
    ticketExtensionId: extended.extensions[0]!.id,
    visitId: (visit as { id: string }).id,
    visitPhotoSm3: (visit as { items: { photoIds: string[] }[] }).items.flatMap((i) => i.photoIds)[0]!,
    caseId: c.id,
    detail,
    evidenceId: evidence.id,
    evidenceSm3,
    recordId: record.id,
    recordSm3,
    documentId: issued.document.id,
    verifyPath: issued.verifyPath,
    documentNumber: documentRow.number ?? '',
    documentSm3: documentRow.pdf_sm3,
    consentId: consent.id,
    consentSm3: consent.signature_sm3!,
    submissionId: submission.id,
    serviceId: service.id,
    signatureSm3,
    orderId: order.id,
    checkoutId: co.checkoutUrl.split('/').at(-1)!,
    deferralId: deferral.id,
    reviewId: review.id,
    disclosureId: disclosure.id,
    summaryCaseId: ticket.id,
    cashReceiptId: receipt.id,
    mismatchId: mismatch.id,
    overpaymentId: overpayment.id,
    confirmationId: confirmation.id,
    confirmationToken: confirmation.token,
    sealSm3,
    officerId,
    credentialId: credential.id,
    squadId: kit.orgId('pd-ljz'),
    bureauId: kit.orgId('pd'),
    subjectId: subject.id,
    subjectCode: subject.code,
    overrideId: overridden.risk.overrides[0]!.id,
    planId: plan.id,
  };
}
