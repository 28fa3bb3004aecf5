// The data a document is filled from, assembled from the case: party, offence (违则 and 罚则 from the law library),
// officers with their credentials, evidence, 笔录, the numbered documents, the decision and the legal texts of the
// domain (J1/B3 remedy, G1 deadline, G2 surcharge standard, D4 hearing paragraph), plus the caller's `extra`.
import {
  CASE_SOURCE_ZH,
  type CaseSourceCode,
  DOCUMENT_KIND_TITLES,
  type DocumentKind,
  EVIDENCE_TYPE_ZH,
  type EvidenceTypeCode,
  PENALTY_TYPE_ZH,
} from '@chengguan/contracts';
import {
  bestOfficerCredential,
  CASE_STATE_LABELS,
  type CaseSnapshot,
  decisionFineFen,
  DEFAULT_CORRECTION_TEXT,
  DEFAULT_PAYMENT_METHOD,
  type DocumentData,
  emptyDocumentData,
  fenInWords,
  hearingParagraph,
  hearingRightRequired,
  isCaseState,
  ordinaryRemedyText,
  paidFen,
  PAYMENT_DEADLINE_TEXT,
  paymentDeadline,
  type ProposedPenalty,
  REMINDER_PERFORM_TEXT,
  reminderStatementRightsText,
  statementPeriodText,
  summaryRemedyText,
  accruedSurcharge,
  SURCHARGE_STANDARD_TEXT,
  yuanText,
  normalizeCitationTextZh,
  zhDate,
} from '@chengguan/domain';
import type { CasePageRows, LoadedCase } from '../cases/index.ts';
import { decidingBodyOf } from '../cases/index.ts';
import type { DocumentReference } from './documents.repository.ts';

const PARTY_TYPE_ZH: Record<string, string> = { natural_person: '自然人', legal_person: '法人', other_org: '其他组织' };
const ID_TYPE_ZH: Record<string, string> = { id_card: '居民身份证', uscc: '统一社会信用代码', passport: '护照', other: '其他证件' };
const SERVICE_METHOD_ZH: Record<string, string> = {
  on_announcement: '宣告后当场交付',
  direct: '直接送达',
  lien: '留置送达',
  mail: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
};
const OUTCOME_ZH: Record<string, string> = {
  penalty: '给予行政处罚',
  no_penalty_minor: '不予行政处罚（违法行为轻微）',
  no_penalty_facts_not_established: '不予行政处罚（违法事实不能成立）',
  transfer_judicial: '移送司法机关',
};
const NO_PENALTY_REASON: Record<string, string> = {
  no_penalty_minor: '鉴于当事人违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚。',
  no_penalty_facts_not_established: '经调查，违法事实不能成立。',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const rmb = (fen: number) => `人民币${yuanText(fen)}元`;
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const dateZh = (v: unknown) => (isDate(v) ? zhDate(v) : str(v));

export function penaltyText(p: ProposedPenalty | undefined): { text: string; typesZh: string } {
  if (!p) return { text: '', typesZh: '' };
  const parts = p.penalties.map((t) => {
    if (t === 'fine') return `罚款${rmb(p.fineFen ?? 0)}（${fenInWords(p.fineFen ?? 0)}）`;
    if ((t === 'confiscate_illegal_gains' || t === 'confiscate_illegal_property') && p.confiscationFen) {
      return `${PENALTY_TYPE_ZH[t]}${rmb(p.confiscationFen)}`;
    }
    return PENALTY_TYPE_ZH[t];
  });
  return { text: parts.join('；'), typesZh: p.penalties.map((t) => PENALTY_TYPE_ZH[t]).join('、') };
}

/** The basic court of the district (行政强制法 Art. 54: 所在地有管辖权的人民法院); the city bureau names it per case. */
function courtOf(level: 'city' | 'district' | 'subdistrict', districtName: string | null): string {
  return level === 'city' || !districtName ? '有管辖权的人民法院' : `${districtName}人民法院`;
}

/** The full name printed when the bureau configured none: district bureaus are named without 上海市 in the org tree. */
export function defaultAgencyName(orgName: string): string {
  return orgName.startsWith('上海') ? orgName : `上海市${orgName}`;
}

export type DataRequest = {
  kind: DocumentKind;
  loaded: LoadedCase;
  /** The case's child rows (casePageRows, with the hearing's chair among the live officers). */
  rows: CasePageRows;
  reference: Pick<DocumentReference, 'settings' | 'bureau' | 'provisions'>;
  issuedOn: string;
  number: string | null;
  extra: Record<string, unknown>;
  /** 文号 of the case's numbered documents by doc type (latest). */
  numbers: Map<string, string>;
  verify: { url: string; code: string } | null;
};

/** The data of one document, from the case and its sources as read (no database access). */
export function assembleDocumentData(req: DataRequest): DocumentData {
  const { loaded, extra, rows } = req;
  const { row, snapshot: s, ctx } = loaded;
  const { settings, bureau, provisions } = req.reference;
  const { party, officers: officerRows, live, evidence, records, events } = rows;
  const nameOf = (id: string) => rows.recordOfficerNames.get(id) ?? live.get(id)?.name;
  const d = emptyDocumentData();
  const agencyName = settings?.agency_name || defaultAgencyName(bureau?.name ?? row.org_name);
  const body = decidingBodyOf(bureau);
  const remedy = s.procedure === 'summary' ? summaryRemedyText(body) : ordinaryRemedyText(body);
  const eventData = (action: string) => obj(events.filter((e) => e.action === action).at(-1)?.data);

  d.agency = {
    name: agencyName,
    address: settings?.address_line ?? '',
    phone: settings?.phone_line ?? '',
    reviewBody: remedy.reviewBody,
    court: str(extra.court && obj(extra.court).name) || courtOf(body.level, body.level === 'city' ? null : body.districtName),
    leader: str(extra.leader),
  };
  d.doc = { title: DOCUMENT_KIND_TITLES[req.kind].zh, number: req.number ?? '', issuedOn: req.issuedOn, issuedOnZh: zhDate(req.issuedOn) };
  d.case = {
    number: row.case_number ?? '',
    procedureZh: s.procedure === 'summary' ? '简易程序' : '普通程序',
    sourceZh: CASE_SOURCE_ZH[row.source as CaseSourceCode] ?? row.source,
    squad: row.org_name,
    location: row.location,
    facts: row.facts,
    actDateZh: zhDate(s.act.actDate),
    discoveredOnZh: zhDate(s.dates.discoveredOn),
    registeredOnZh: zhDate(s.dates.registeredOn),
    filedOnZh: zhDate(s.dates.filedOn),
    concludedOnZh: zhDate(s.dates.investigationConcludedOn),
    stateZh: isCaseState(row.state) ? CASE_STATE_LABELS[row.state].zh : row.state,
  };
  if (party) {
    d.party = {
      name: party.name,
      typeZh: PARTY_TYPE_ZH[party.type] ?? party.type,
      isOrganisation: party.type !== 'natural_person',
      idTypeZh: ID_TYPE_ZH[party.id_type] ?? '证件号码',
      idNumber: party.id_number,
      address: party.address ?? '',
      phone: party.phone ?? '',
      legalRepresentative: party.legal_representative ?? '',
      genderZh: party.gender === 'male' ? '男' : party.gender === 'female' ? '女' : '',
      birthDateZh: zhDate(party.birth_date),
    };
  }
  // E12: where the library's text was not verified, the article a legal reviewer confirmed for this case is printed,
  // as the statutes number themselves (第二十八条第一款), whatever numerals the library entry was typed with.
  const confirmed = s.lawBasisConfirmation?.offenceVersionId === row.offence_id ? s.lawBasisConfirmation : undefined;
  const violated = normalizeCitationTextZh(confirmed?.violatedProvision ?? provisions?.violated_provision ?? s.offence.provision);
  const penaltyProvision = normalizeCitationTextZh(confirmed?.penaltyProvision ?? provisions?.penalty_provision ?? s.offence.provision);
  d.offence = {
    code: row.offence_code,
    name: row.offence_name,
    provision: violated,
    penaltyProvision,
    basis: violated === penaltyProvision ? violated : `${violated}、${penaltyProvision}`,
  };
  d.officers = officerRows.map((o) => {
    const off = live.get(o.officer_id);
    const best = bestOfficerCredential(off?.credentials ?? [], ctx.today, s.offence.domain);
    return { name: off?.name ?? '', credentialNumber: best.credential?.number ?? '' };
  });
  d.officerNames = d.officers.map((o) => (o.credentialNumber ? `${o.name}（执法证号${o.credentialNumber}）` : o.name)).join('、');
  d.evidence = evidence.map((e, i) => ({
    no: String(i + 1),
    typeZh: EVIDENCE_TYPE_ZH[e.evidence_type as EvidenceTypeCode] ?? e.evidence_type,
    title: e.title,
    collectedOnZh: zhDate(e.collected_on),
  }));
  const recordRow = (r: (typeof records)[number]) => ({
    recordedOnZh: zhDate(r.recorded_on),
    location: r.location ?? row.location,
    interviewee: r.interviewee ?? '',
    officers: r.officer_ids.map((id) => nameOf(id) ?? '').join('、'),
    content: r.content ?? '',
    signatures: [
      r.officers_signed ? '执法人员已签名' : '',
      r.party_signed ? '当事人已签名' : '',
      r.witness_signed ? '见证人已签名' : '',
      r.absence_note ?? '',
    ]
      .filter(Boolean)
      .join('，'),
  });
  d.inspections = records.filter((r) => r.kind === 'inspection').map(recordRow);
  d.questionings = records.filter((r) => r.kind === 'questioning').map(recordRow);

  const decided = s.decision?.penalty;
  const shown = penaltyText(decided ?? s.priorNotice?.proposed ?? s.proposal?.penalty);
  const fine = decided ? decisionFineFen(s) : ((s.priorNotice?.proposed ?? s.proposal?.penalty)?.fineFen ?? 0);
  const hasFine = (decided ?? s.priorNotice?.proposed ?? s.proposal?.penalty)?.penalties.includes('fine') ?? false;
  d.penalty = {
    text: shown.text,
    typesZh: shown.typesZh,
    hasFine,
    fineYuan: hasFine ? yuanText(fine) : '',
    fineWords: hasFine ? fenInWords(fine) : '',
    confiscationText: '',
    proposedText: penaltyText(s.proposal?.penalty ?? s.priorNotice?.proposed).text,
  };
  d.correction = { text: str(extra.correction) || DEFAULT_CORRECTION_TEXT };
  const due = s.service ? paymentDeadline(s.service.servedOn, ctx.calendar, s.enforcement.deferredUntil).due : null;
  d.payment = {
    deadlineText: PAYMENT_DEADLINE_TEXT,
    dueDateZh: zhDate(due),
    method: settings?.payment_method || DEFAULT_PAYMENT_METHOD,
    surchargeText: SURCHARGE_STANDARD_TEXT,
    code: str(extra.paymentCode),
  };
  d.remedy = {
    text: remedy.textZh,
    reviewBody: remedy.reviewBody,
    reviewPeriod: '六十日',
    litigationPeriod: '六个月',
    summary: s.procedure === 'summary',
  };

  const pn = s.priorNotice;
  const proposed = pn?.proposed ?? s.proposal?.penalty;
  const hearingApplies = proposed
    ? hearingRightRequired(
        {
          ...proposed,
          partyType: s.party.type,
          otherSeriousPenalty: s.flags.otherSeriousPenalty,
          ...(s.flags.otherHearingTrigger ? { otherLegalTrigger: s.flags.otherHearingTrigger } : {}),
        },
        ctx.config,
      ).required
    : false;
  d.priorNotice = {
    number: req.numbers.get('prior_notice') ?? '',
    servedOnZh: zhDate(pn?.servedOn),
    proposedText: penaltyText(proposed).text,
    statementPeriod: statementPeriodText(ctx.config.statementPeriodWorkingDays),
    hearingApplies,
    hearingText: hearingApplies ? hearingParagraph(agencyName) : '',
  };
  const h = s.hearing;
  const hx = obj(extra.hearing);
  d.hearing = {
    requestedOnZh: zhDate(h?.requestedOn),
    dateZh: str(hx.time) || zhDate(h?.hearingOn),
    place: str(hx.place) || settings?.address_line || '',
    chair: str(hx.chair) || (h?.chairOfficerId ? (nameOf(h.chairOfficerId) ?? '') : ''),
    heldOnZh: zhDate(h?.heldOn),
    summary: str(hx.summary),
    terminatedOnZh: zhDate(h?.terminatedOn),
  };
  d.review = { proposedOutcomeZh: s.proposal ? (OUTCOME_ZH[s.proposal.outcome] ?? '') : '', reviewedOnZh: zhDate(s.dates.caseReviewedOn) };
  const lr = s.legalReviews.at(-1);
  d.legalReview = {
    reviewedOnZh: zhDate(lr?.reviewedOn),
    resultZh: lr ? (lr.result === 'pass' ? '通过' : '不通过') : '',
    opinion:
      str(obj(extra.legalReview).opinion) ||
      (lr?.result === 'pass'
        ? '经审核，本案执法主体合法，事实清楚，证据确凿，适用依据正确，程序合法，拟处理意见适当，同意承办机构的处理意见。'
        : lr
          ? '经审核，本案存在需要补正的问题，退回承办机构补充调查或者重新提出处理意见。'
          : ''),
  };
  d.deliberation = { heldOnZh: zhDate(s.deliberationsOn.at(-1)), conclusion: str(eventData('recordDeliberation').conclusion) };
  d.decision = {
    number: req.numbers.get('decision') ?? req.numbers.get('no_penalty_decision') ?? req.numbers.get('summary_decision') ?? '',
    decidedOnZh: zhDate(s.decision?.decidedOn),
    outcomeZh: s.decision ? (OUTCOME_ZH[s.decision.outcome] ?? '') : '',
    reason: s.decision ? (NO_PENALTY_REASON[s.decision.outcome] ?? '') : '',
    servedOnZh: zhDate(s.service?.servedOn),
  };
  const sm = s.summary;
  d.summary = {
    serialNumber: sm?.serialNumber ?? '',
    time: str(extra.summaryTime) || zhDate(s.decision?.decidedOn ?? s.dates.registeredOn),
    receiptNumber: sm?.receiptNumber ?? '',
    collectedOnZh: zhDate(sm?.collectedOn),
    partySigned: eventData('issueSummaryDecision').partySigned !== false,
  };
  const pv = obj(extra.preservation);
  d.preservation = {
    items: Array.isArray(pv.items)
      ? pv.items.map((i) => ({ name: str(obj(i).name), quantity: str(obj(i).quantity), note: str(obj(i).note) }))
      : [],
    preservedOnZh: dateZh(pv.preservedOn) || zhDate(s.preservations.at(-1)?.preservedOn),
    place: str(pv.place),
  };
  const sv = obj(extra.service);
  d.service = {
    documentTitle:
      str(sv.documentTitle) ||
      (d.decision.number ? DOCUMENT_KIND_TITLES[s.procedure === 'summary' ? 'summary_decision' : 'decision'].zh : ''),
    documentNumber: str(sv.documentNumber) || d.decision.number,
    method: SERVICE_METHOD_ZH[str(sv.method)] ?? str(sv.method),
    servedOnZh: dateZh(sv.servedOn),
    recipient: str(sv.recipient),
    place: str(sv.place),
    note: str(sv.note),
  };
  reminderData(d, s, req, agencyName, due);
  const rc = obj(extra.receipt);
  const receiptFen = typeof rc.amountFen === 'number' ? rc.amountFen : fine;
  d.receipt = {
    number: str(rc.number) || (sm?.receiptNumber ?? ''),
    amountText: rmb(receiptFen),
    amountWords: fenInWords(receiptFen),
    collectedOnZh: dateZh(rc.collectedOn) || zhDate(sm?.collectedOn),
  };
  const cs = obj(extra.consent);
  d.consent = {
    channel: ({ sms: '手机短信', email: '电子邮件' } as Record<string, string>)[str(cs.channel)] ?? str(cs.channel),
    address: str(cs.address),
    signedOnZh: dateZh(cs.signedOn) || zhDate(s.party.electronicServiceConsentOn),
  };
  const paid = paidFen(s);
  d.closing = {
    closedOnZh: zhDate(s.dates.closedOn),
    execution:
      str(extra.execution) || (fine > 0 && paid >= fine ? '当事人已全部履行行政处罚决定。' : fine === 0 ? '本案无需执行罚款。' : ''),
    paidText: paid > 0 ? rmb(paid) : '',
  };
  const tr = s.transfer;
  d.transfer = {
    receivingBody: tr?.receivingBody ?? '',
    reason: tr?.reason ?? '',
    legalBasis: tr?.legalBasis ?? '',
    transferredOnZh: zhDate(tr?.transferredOn),
    kindZh: tr ? (tr.kind === 'judicial' ? '移送司法机关' : '移送其他行政机关') : '',
  };
  d.verify = req.verify ?? { url: '', code: '' };
  d.extra = extra;
  return d;
}

/** 催告书 amounts (G2 as of the issue day, unless the caller passes `extra.amounts`) and the court application. */
function reminderData(d: DocumentData, s: CaseSnapshot, req: DataRequest, agencyName: string, due: string | null): void {
  const fine = decisionFineFen(s);
  const am = obj(req.extra.amounts);
  const unpaidFine = Math.max(fine - paidFen(s), 0);
  const computed = due ? accruedSurcharge(s, due, req.issuedOn).surchargeFen : 0;
  const fineFen = typeof am.fineFen === 'number' ? am.fineFen : unpaidFine;
  const surchargeFen = typeof am.surchargeFen === 'number' ? am.surchargeFen : Math.max(computed - s.enforcement.surchargeReducedFen, 0);
  const totalFen = typeof am.totalFen === 'number' ? am.totalFen : fineFen + surchargeFen;
  d.reminder = {
    fineText: fine > 0 ? rmb(fineFen) : '',
    surchargeText: fine > 0 ? rmb(surchargeFen) : '',
    totalText: fine > 0 ? rmb(totalFen) : '',
    totalWords: fine > 0 ? fenInWords(totalFen) : '',
    performBy: REMINDER_PERFORM_TEXT,
    method: '缴纳罚款及加处罚款',
    statementRights: reminderStatementRightsText(agencyName),
    servedOnZh: dateZh(req.extra.reminderServedOn) || zhDate(s.enforcement.reminderServedOn),
  };
  const ct = obj(req.extra.court);
  d.court = {
    name: d.agency.court,
    partyOpinion:
      str(ct.partyOpinion) || (s.statementsOn.length > 0 ? '当事人提出了陈述、申辩意见（见附送材料）' : '当事人未提出陈述、申辩意见'),
    subject: str(ct.subject) || (fine > 0 ? `罚款${rmb(fineFen)}及加处罚款${rmb(surchargeFen)}，合计${rmb(totalFen)}` : ''),
    materials: (Array.isArray(ct.materials) && ct.materials.length > 0
      ? ct.materials.map(str)
      : [
          '行政处罚决定书及其送达回证',
          '作出决定的事实、理由和依据（案件调查终结报告及证据材料）',
          '当事人的意见（陈述、申辩材料或者未提出意见的说明）',
          '催告书及其送达回证',
          '申请强制执行标的情况说明',
        ]
    ).map((title, i) => ({ no: String(i + 1), title })),
  };
}
