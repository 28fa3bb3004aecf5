import { CalendarDataError, formatCitationZh, InvalidDateError, LegalInputError } from '@chengguan/domain';
import { AppError, type AppErrorCode } from '../../errors/app-error.ts';
import { labelled } from '../../errors/field-labels.ts';

/** One problem with one field of a library entry; the same shape feeds a 400 answer and an import report. */
export type Issue = { field: string; message: string; messageEn: string; rule?: string; code?: AppErrorCode; conflictId?: string };

export function issue(field: string, message: string, messageEn: string, extra: { rule?: string; code?: AppErrorCode } = {}): Issue {
  return { field, message, messageEn, ...extra };
}

/** A 400 naming the first field and listing every problem. */
export function issuesError(issues: readonly Issue[]): AppError {
  const first = issues[0]!;
  const said = issues.map((i) => labelled(i.field, i.message, i.messageEn));
  return new AppError(first.code ?? 'VALIDATION_FAILED', {
    field: first.field,
    ...(first.rule ? { rule: first.rule } : {}),
    message: said.map((d) => d.zh).join('；'),
    messageEn: said.map((d) => d.en).join('; '),
    details: issues.map((i, n) => ({ field: i.field, message: said[n]!.zh, messageEn: said[n]!.en })),
  });
}

export function assertNoIssues(issues: readonly Issue[]): void {
  if (issues.length > 0) throw issuesError(issues);
}

const LEGAL_CODE: Record<LegalInputError['code'], AppErrorCode> = {
  LEGAL_INPUT_INVALID: 'VALIDATION_FAILED',
  TIER_OUTSIDE_STATUTORY_RANGE: 'TIER_OUTSIDE_STATUTORY_RANGE',
  VERSION_DATES_INVALID: 'VERSION_DATES_INVALID',
  VERSIONS_OVERLAP: 'VERSIONS_OVERLAP',
  FINE_OUTSIDE_RANGE: 'FINE_OUTSIDE_RANGE',
};

/** The domain's typed input errors as an Issue (field + rule ID), else undefined. */
export function issueFromDomain(err: unknown, fieldPrefix = ''): Issue | undefined {
  const name = (f: string) => (fieldPrefix ? `${fieldPrefix}.${f}` : f);
  if (err instanceof LegalInputError) {
    const zh = err.article ? `${err.messageZh}（依据${formatCitationZh(err.article)}）` : err.messageZh;
    const en = err.message.replace(/^.*?\): /, '');
    return issue(name(err.field), zh, err.article ? `${en} (${err.article})` : en, {
      rule: err.ruleId,
      code: LEGAL_CODE[err.code],
    });
  }
  if (err instanceof InvalidDateError) {
    return issue(name(err.field), `日期「${err.value}」不存在或格式错误`, `"${err.value}" is not an existing date (YYYY-MM-DD)`, {
      code: 'INVALID_DATE',
    });
  }
  if (err instanceof CalendarDataError) {
    return issue('calendar', `工作日历数据错误：${err.message}`, `calendar data error: ${err.message}`, { code: 'VALIDATION_FAILED' });
  }
  return undefined;
}

/** Runs a pure rule; its typed input errors become a coded 4xx naming the field, anything else is rethrown. */
export function withDomainErrors<T>(fn: () => T, fieldPrefix = ''): T {
  try {
    return fn();
  } catch (err) {
    const found = issueFromDomain(err, fieldPrefix);
    if (found) throw issuesError([found]);
    throw err;
  }
}
