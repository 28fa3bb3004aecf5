// Named deadlines of the procedure, each with its statute. Enforcement deadlines (G1, G3) are in
// enforcement.ts. Each function returns the last day still in time.
import { addDays, type LegalDate } from '../calendar/legal-date.ts';
import { subtractWorkingDays, type WorkCalendar } from '../calendar/work-calendar.ts';
import type { LegalConfig } from './config.ts';
import { CD, WD, deadline, type Deadline, type Period } from './deadlines.ts';
import { assertLegalInput } from './errors.ts';

/** B4 — 处罚法 Art. 71: 「…当场收缴的罚款，应当自收缴罚款之日起二日内，交至行政机关；在水上当场收缴的罚款，应当自抵岸之日起二日内交至行政机关」 */
export function cashHandInDeadline(collectedOrLandedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(collectedOrLandedOn, WD(2), calendar, {
    ruleId: 'B4',
    articles: ['行政处罚法 Art. 71'],
    text: '当场收缴的罚款应当自收缴之日（水上自抵岸之日）起二日内交至行政机关',
  });
}

/** B4 — 处罚法 Art. 71: 「行政机关应当在二日内将罚款缴付指定的银行。」 */
export function bankDepositDeadline(handedInOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(handedInOn, WD(2), calendar, {
    ruleId: 'B4',
    articles: ['行政处罚法 Art. 71'],
    text: '行政机关应当在二日内将罚款缴付指定的银行',
  });
}

/** C2 — 立案 limit from discovery. CONFIG value, UNVERIFIED (处罚法 Art. 54 only says 「及时立案」). */
export function filingDeadline(discoveredOn: LegalDate, calendar: WorkCalendar, config: LegalConfig): Deadline {
  return deadline(discoveredOn, WD(config.filingWorkingDays), calendar, {
    ruleId: 'C2',
    articles: ['行政处罚法 Art. 54'],
    text: `「符合立案标准的，行政机关应当及时立案」；期限 ${config.filingWorkingDays} 个工作日为配置值（未经核实）`,
  });
}

/** C3 — 处罚法 Art. 56: 先行登记保存 「应当在七日内及时作出处理决定」 */
export function preservationDisposalDeadline(preservedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(preservedOn, WD(7), calendar, {
    ruleId: 'C3',
    articles: ['行政处罚法 Art. 56'],
    text: '先行登记保存的证据，应当在七日内及时作出处理决定',
  });
}

/** D2 — end of the 陈述申辩 period (处罚法 Arts. 44–45, 62); the length is CONFIG (U). */
export function statementPeriodDeadline(priorNoticeServedOn: LegalDate, calendar: WorkCalendar, config: LegalConfig): Deadline {
  return deadline(priorNoticeServedOn, WD(config.statementPeriodWorkingDays), calendar, {
    ruleId: 'D2',
    articles: ['行政处罚法 Art. 44', '行政处罚法 Art. 62'],
    text: `陈述申辩期限 ${config.statementPeriodWorkingDays} 个工作日（配置值），期满前不得作出处罚决定，当事人明确放弃的除外`,
  });
}

/** D2 — the first day a decision may be made: the day after the statement period, or any day if waived. */
export function earliestDecisionDate(
  priorNoticeServedOn: LegalDate,
  calendar: WorkCalendar,
  config: LegalConfig,
  statementWaived: boolean,
): LegalDate {
  if (statementWaived) return priorNoticeServedOn;
  return addDays(statementPeriodDeadline(priorNoticeServedOn, calendar, config).due, 1);
}

/** D5 — 处罚法 Art. 64(1): 「当事人要求听证的，应当在行政机关告知后五日内提出」 */
export function hearingRequestDeadline(priorNoticeServedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(priorNoticeServedOn, WD(5), calendar, {
    ruleId: 'D5',
    articles: ['行政处罚法 Art. 64'],
    text: '当事人要求听证的，应当在行政机关告知后五日内提出',
  });
}

/**
 * D6 — 处罚法 Art. 64(2): 「行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点」.
 * The latest notice date is 7 working days before the hearing, so that the hearing day is no earlier
 * than the 7th working day after the notice.
 */
export function hearingNoticeLatestDate(hearingOn: LegalDate, calendar: WorkCalendar): Deadline {
  const due = subtractWorkingDays(calendar, hearingOn, 7);
  const counted = deadline(due, WD(7), calendar);
  return {
    due,
    basis: {
      ruleId: 'D6',
      articles: ['行政处罚法 Art. 64', ...counted.basis.articles],
      text: `应当在举行听证的七日前通知当事人；听证日 ${hearingOn} 前倒数七个工作日为 ${due}`,
    },
    calendarCovered: counted.calendarCovered,
  };
}

export type DecisionExtension = { period: Period; legalBasis: string };

/**
 * E4 — 处罚法 Art. 60: 「行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。」
 * An extension counts from the original due date and must cite its legal basis.
 */
export function decisionDeadline(filedOn: LegalDate, calendar: WorkCalendar, extension?: DecisionExtension): Deadline {
  const base = deadline(filedOn, CD(90), calendar, {
    ruleId: 'E4',
    articles: ['行政处罚法 Art. 60'],
    text: '自立案之日起九十日内作出行政处罚决定',
  });
  if (!extension) return base;
  assertLegalInput(
    extension.legalBasis.trim().length > 0,
    'extension.legalBasis',
    'E4',
    'an extension must cite its legal basis',
    'LEGAL_INPUT_INVALID',
    '延长期限须写明法律依据，请填写延期依据',
  );
  const extended = deadline(base.due, extension.period, calendar, {
    ruleId: 'E4',
    articles: ['行政处罚法 Art. 60'],
    text: `九十日期限经延长（依据：${extension.legalBasis}）`,
  });
  return { ...extended, calendarCovered: base.calendarCovered && extended.calendarCovered };
}

/** F1 — 处罚法 Art. 61: 当事人不在场的，「行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人」 */
export function serviceDeadline(decidedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(decidedOn, WD(7), calendar, {
    ruleId: 'F1',
    articles: ['行政处罚法 Art. 61'],
    text: '当事人不在场的，应当在七日内将行政处罚决定书送达当事人',
  });
}

/** F4 — 沪条例 Art. 25: 公告送达 「自发出公告之日起，经过六十日，即视为送达」 (days from CONFIG, V). */
export function publicNoticeServiceDate(publishedOn: LegalDate, calendar: WorkCalendar, config: LegalConfig): Deadline {
  return deadline(publishedOn, CD(config.publicNoticeServiceDays), calendar, {
    ruleId: 'F4',
    articles: ['上海市城市管理行政执法条例 Art. 25'],
    text: `自发出公告之日起，经过${config.publicNoticeServiceDays}日，即视为送达`,
  });
}

/** I1 — publication of a 处罚 decision within 7 working days (国办发〔2018〕118号, P; CONFIG). */
export function disclosureDeadline(decidedOn: LegalDate, calendar: WorkCalendar, config: LegalConfig): Deadline {
  return deadline(decidedOn, WD(config.disclosureWorkingDays), calendar, {
    ruleId: 'I1',
    articles: ['国办发〔2018〕118号'],
    text: `行政处罚的执法决定信息要在执法决定作出之日起${config.disclosureWorkingDays}个工作日内公开`,
  });
}

/** I2 — 处罚法 Art. 48: 「…应当在三日内撤回行政处罚决定信息并公开说明理由」 */
export function disclosureWithdrawalDeadline(changedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(changedOn, WD(3), calendar, {
    ruleId: 'I2',
    articles: ['行政处罚法 Art. 48'],
    text: '公开的行政处罚决定被变更、撤销、确认违法或者确认无效的，应当在三日内撤回并公开说明理由',
  });
}

/** I4 — 沪条例 Art. 26: 「在五个工作日内将核查情况告知举报人」 */
export function complaintFeedbackDeadline(receivedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(receivedOn, WD(5), calendar, {
    ruleId: 'I4',
    articles: ['上海市城市管理行政执法条例 Art. 26'],
    text: '在五个工作日内将核查情况告知举报人',
  });
}

/** I4 — 沪条例 Art. 26: 不属于本部门职责的，「在三个工作日内移送有关部门处理」 */
export function complaintTransferDeadline(receivedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(receivedOn, WD(3), calendar, {
    ruleId: 'I4',
    articles: ['上海市城市管理行政执法条例 Art. 26'],
    text: '不属于本部门职责范围的，在三个工作日内移送有关部门处理',
  });
}

/** I5 — 沪条例 Art. 29: 「自收到协助通知书之日起十日内」 give a written opinion. */
export function assistanceReplyDeadline(receivedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(receivedOn, CD(10), calendar, {
    ruleId: 'I5',
    articles: ['上海市城市管理行政执法条例 Art. 29'],
    text: '自收到协助通知书之日起十日内书面答复',
  });
}

export type HotlineTicketKind = 'consultation' | 'supervision' | 'complaint' | 'complex';

/** I6 — 12345 ticket limits (street-level Shanghai practice, P; CONFIG). */
export function hotlineTicketDeadline(
  receivedOn: LegalDate,
  kind: HotlineTicketKind,
  calendar: WorkCalendar,
  config: LegalConfig,
): Deadline {
  const limits = config.complaintHotline;
  const days: Record<HotlineTicketKind, number> = {
    consultation: limits.consultationWorkingDays,
    supervision: limits.supervisionWorkingDays,
    complaint: limits.complaintWorkingDays,
    complex: limits.complexWorkingDays,
  };
  return deadline(receivedOn, WD(days[kind]), calendar, {
    ruleId: 'I6',
    articles: ['沪府办〔2018〕62号'],
    text: `12345 工单（${kind}）应在收到工单后${days[kind]}个工作日内办结（配置值）`,
  });
}

/**
 * H3 — 强制法 Art. 25: 「查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。」
 * Testing or appraisal days are excluded from the period (same article), so they are added.
 */
export function seizureDeadline(
  seizedOn: LegalDate,
  calendar: WorkCalendar,
  options: { extended: boolean; testingDays?: number },
): Deadline {
  const testingDays = options.testingDays ?? 0;
  assertLegalInput(Number.isInteger(testingDays) && testingDays >= 0, 'testingDays', 'H3', 'must be a non-negative integer');
  const days = (options.extended ? 60 : 30) + testingDays;
  return deadline(seizedOn, CD(days), calendar, {
    ruleId: 'H3',
    articles: ['行政强制法 Art. 25', '行政强制法 Art. 27'],
    text: `查封、扣押期限${options.extended ? '经批准延长后六十日' : '三十日'}${testingDays > 0 ? `，另扣除检测、检验、检疫或者技术鉴定期间${testingDays}日` : ''}`,
  });
}
