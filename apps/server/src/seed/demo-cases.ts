// Demo cases for a fresh start: a few 陆家嘴 cases taken through the real API (the same guards, numbers, hooks and
// audit rows as an officer's clicks), dated back from today in working days so that their windows are open now:
//   A — 事先告知 served yesterday: the party can still state his case and ask for a hearing in the portal;
//   B — a company's 2,000 元 decision served a week ago: the fine is due, payable through the sandbox;
//   C — a decision served 5 weeks ago and not paid: overdue, surcharge accruing, 催告 due;
//   D — a 100 元 当场处罚 ticket issued today.
// Each holds the PDF of its notice or decision, as the party would. The starter library marks the 违则 of its offences
// 未核实, so the demo's legal reviewer confirms the article for each case before it is decided (E12), as the rule asks;
// the demo prints the library's own wording without its 「未核实」 note, never an article number nobody checked.
import type { FastifyInstance } from 'fastify';
import { creditCodeCheckChar, idNumberCheckDigit, subtractWorkingDays, withoutUnverifiedNote, type LegalDate } from '@chengguan/domain';
import { CASE_ACTION_ROUTES, type RoutedCaseAction } from '@chengguan/contracts';
import type { Deps } from '../context.ts';
import { shanghaiDate } from '../shared/time.ts';
import { loadWorkCalendar } from '../modules/law/index.ts';
import { buildDemoData, DEMO_PASSWORD } from './demo-data.ts';

/** A 1×1 PNG: the demo's photo evidence (content-addressed like any upload). */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export type DemoCase = { key: 'A' | 'B' | 'C' | 'D'; id: string; partyName: string; phone: string; documentNumber: string | null };

type Json = Record<string, unknown>;

export async function seedDemoCases(app: FastifyInstance, deps: Deps, officerIds: ReadonlyMap<string, string>): Promise<DemoCase[]> {
  // officerIds: demo officer key → id, as returned by seedDemo.
  const calendar = await loadWorkCalendar(deps.db);
  const today = shanghaiDate(deps.clock.now());
  const d = (workingDaysBack: number): LegalDate => (workingDaysBack === 0 ? today : subtractWorkingDays(calendar, today, workingDaysBack));
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    let t = tokens.get(username);
    if (!t) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (r.statusCode !== 200) throw new Error(`demo login ${username}: ${r.statusCode} ${r.body}`);
      t = (r.json() as { token: string }).token;
      tokens.set(username, t);
    }
    return t;
  };
  const call = async (user: string, method: 'POST' | 'GET', url: string, payload?: Json | Buffer, contentType?: string) => {
    const r = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await token(user)}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload !== undefined ? { payload } : {}),
    });
    if (r.statusCode >= 300) throw new Error(`demo case ${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as Json;
  };
  const step = (user: string, caseId: string, action: RoutedCaseAction, body: Json) =>
    call(user, 'POST', `/api/v1/cases/${caseId}/${CASE_ACTION_ROUTES[action].path}`, body);
  const demo = buildDemoData();
  const officer = (username: string) => {
    const key = demo.officers.find((o) => o.username === username)?.key;
    const id = key ? officerIds.get(key) : undefined;
    if (!id) throw new Error(`demo officer ${username} missing`);
    return id;
  };
  const team = [officer('pd_ljz_01'), officer('pd_ljz_03')];
  const signed = (date: LegalDate) => ({
    date,
    officerIds: team,
    credentialsShown: true,
    officersSigned: true,
    partySigned: true,
    content: '执法人员出示执法证件，对现场进行检查并拍照取证。',
  });
  const fine = (yuan: number) => ({ penalties: ['fine'], fineFen: yuan * 100 });
  const person = (name: string, first17: string, phone: string, address: string) => ({
    type: 'natural_person',
    name,
    idType: 'id_card',
    idNumber: first17 + idNumberCheckDigit(first17),
    phone,
    address,
  });

  /** Registered → filed → evidence and 笔录 → concluded → reviewed (penalty proposed), starting `start` working days back. */
  const investigated = async (party: Json, start: number, fineYuan: number, facts: string) => {
    const c = await call('pd_ljz_01', 'POST', '/api/v1/cases', {
      date: d(start),
      discoveredOn: d(start),
      source: 'patrol',
      offenceCode: 'SH-LJ-57-4',
      party,
      act: { actDate: d(start + 1) },
      location: '浦东新区陆家嘴环路 1000 号',
      facts,
      officerIds: team,
    });
    const id = c.id as string;
    await step('pd_ljz_01', id, 'recordInspection', signed(d(start)));
    await step('pd_ljz_01', id, 'submitFiling', { date: d(start) });
    await step('pd_ljz_leader', id, 'approveFiling', { date: d(start - 1) });
    const photo = (await call('pd_ljz_01', 'POST', '/api/v1/files', PHOTO, 'image/png')).sm3 as string;
    await step('pd_ljz_01', id, 'addEvidence', { date: d(start - 1), evidenceType: 'audio_visual', title: '现场照片', fileSm3: photo });
    await step('pd_ljz_01', id, 'recordQuestioning', { ...signed(d(start - 2)), interviewee: String(party.name) });
    await step('pd_ljz_01', id, 'concludeInvestigation', { date: d(start - 3) });
    await confirmLaw(id, d(start - 3));
    await step('pd_ljz_leader', id, 'reviewCase', { date: d(start - 4), proposedOutcome: 'penalty', proposedPenalty: fine(fineYuan) });
    return id;
  };
  const notice = (fineYuan: number, hearing: boolean, date: LegalDate) => ({
    date,
    proposed: fine(fineYuan),
    contents: {
      proposedPenaltyStated: true,
      factsStated: true,
      reasonsStated: true,
      legalBasisStated: true,
      statementRightsStated: true,
      hearingRightStated: hearing,
    },
  });
  const decided = async (id: string, fineYuan: number, decideOn: LegalDate, serveOn: LegalDate) => {
    const c = await step('pd_leader', id, 'decide', {
      date: decideOn,
      outcome: 'penalty',
      penalty: fine(fineYuan),
      citesHearingRecord: false,
      educationRecorded: false,
    });
    await step('pd_ljz_01', id, 'serveDecision', { date: serveOn, method: 'direct' });
    return (c.decision as { number?: string } | undefined)?.number ?? null;
  };
  /** E12: the legal reviewer confirms the article for the case where the library marks it 未核实. */
  const confirmLaw = async (id: string, date: LegalDate) => {
    const c = await call('pd_legal', 'GET', `/api/v1/cases/${id}`);
    const basis = c.lawBasis as { printable: boolean; violatedProvision: string; penaltyProvision: string } | null;
    if (!basis || basis.printable) return;
    const wording = withoutUnverifiedNote;
    await step('pd_legal', id, 'confirmLegalBasis', {
      date,
      violatedProvision: wording(basis.violatedProvision),
      penaltyProvision: wording(basis.penaltyProvision),
    });
  };
  const numberOf = async (id: string, docType: string) => {
    const c = await call('pd_ljz_01', 'GET', `/api/v1/cases/${id}`);
    return (c.documents as { docType: string; number: string }[]).find((x) => x.docType === docType)?.number ?? null;
  };

  const out: DemoCase[] = [];
  // A — 5,000 元 for a natural person: the hearing right applies (D4); notice served one working day ago.
  const a = person('王小明', '31011519800505123', '13800000001', '上海市浦东新区世纪大道100号');
  const aId = await investigated(a, 12, 5_000, '管理责任人未将分类投放的生活垃圾分类驳运，经责令改正拒不改正。');
  await step('pd_ljz_01', aId, 'issuePriorNotice', notice(5_000, true, d(1)));
  out.push({ key: 'A', id: aId, partyName: a.name, phone: a.phone, documentNumber: await numberOf(aId, 'prior_notice') });

  // B — a company, 2,000 元, decided and served: payable now.
  const b = {
    type: 'legal_person',
    name: '上海陆家嘴示范餐饮管理有限公司',
    idType: 'uscc',
    idNumber: ((f: string) => f + creditCodeCheckChar(f))('91310115MA1FL0001'),
    legalRepresentative: '张三',
    phone: '13800000002',
    address: '上海市浦东新区陆家嘴环路1000号',
  };
  const bId = await investigated(b, 16, 2_000, '收集、运输单位将已分类的生活垃圾混合收集、运输。');
  await step('pd_ljz_01', bId, 'issuePriorNotice', notice(2_000, false, d(11)));
  out.push({ key: 'B', id: bId, partyName: b.name, phone: b.phone, documentNumber: await decided(bId, 2_000, d(6), d(5)) });

  // C — served five weeks ago, unpaid: the payment period is over and the 3 % daily surcharge runs (G2).
  const c = person('李四', '31011519750315234', '13800000003', '上海市浦东新区浦东南路500号');
  const cId = await investigated(c, 40, 1_000, '管理责任人未将分类投放的生活垃圾分类驳运。');
  await step('pd_ljz_01', cId, 'issuePriorNotice', notice(1_000, false, d(35)));
  out.push({ key: 'C', id: cId, partyName: c.name, phone: c.phone, documentNumber: await decided(cId, 1_000, d(30), d(29)) });

  // D — a 100 元 当场处罚 ticket issued today, paid later at the bank or online.
  const photo = (await call('pd_ljz_01', 'POST', '/api/v1/files', PHOTO, 'image/png')).sm3 as string;
  const dParty = person('赵六', '31011519900101345', '13800000004', '上海市浦东新区银城中路8号');
  // Drafted, the article confirmed by the legal reviewer (E12), then decided on the pre-numbered form.
  const draft = await call('pd_ljz_01', 'POST', '/api/v1/cases/summary-drafts', {
    date: today,
    offenceCode: 'SH-LJ-57-2',
    party: dParty,
    location: '陆家嘴东路 88 号垃圾厢房',
    facts: '经责令改正后仍将湿垃圾与干垃圾混合投放。',
    photos: [photo],
    officerIds: team,
    flags: { correctionOrdered: true, refusedToCorrect: true },
  });
  await confirmLaw(draft.id as string, today);
  const ticket = await call('pd_ljz_01', 'POST', `/api/v1/cases/${draft.id as string}/summary-decision`, {
    date: today,
    officerIds: team,
    penalty: fine(100),
    partySigned: true,
  });
  out.push({
    key: 'D',
    id: ticket.id as string,
    partyName: dParty.name,
    phone: dParty.phone,
    documentNumber: (ticket.caseNumber as string) ?? null,
  });
  // The PDFs the party holds (and reads in the portal) — the notices, decisions and the ticket — were issued by
  // the steps that numbered them (documents module, step-documents.ts).
  return out;
}
