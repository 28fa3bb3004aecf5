// 文号: per bureau, per year and per document type, from a configurable pattern, gap-free (the sequence row is
// incremented inside the step's own transaction).
import type { DocType } from '@chengguan/contracts';
import type { Executor } from '../../context.ts';
import { nextDocSequence } from './cases.repository.ts';

/** Default 字 of each document type when the bureau has configured no pattern. */
const DEFAULT_WORD: Record<DocType, string> = {
  filing: '立字',
  prior_notice: '罚告字',
  hearing_notice: '听通字',
  decision: '罚决字',
  no_penalty_decision: '不罚字',
  transfer_letter: '移字',
  summary_decision: '简罚字',
  payment_reminder: '催字',
  court_application: '强申字',
  offsite_notice: '非现告字',
};

export function defaultPattern(shortName: string, docType: DocType): string {
  return `${shortName}${DEFAULT_WORD[docType]}〔{year}〕第{seq:6}号`;
}

/** {year}, {seq} and {seq:N} (zero-padded to N digits). */
export function formatDocNumber(pattern: string, year: number, seq: number): string {
  return pattern
    .replaceAll('{year}', String(year))
    .replace(/\{seq(?::(\d+))?\}/g, (_m, width: string | undefined) => String(seq).padStart(width ? Number(width) : 0, '0'));
}

export async function allocateDocNumber(db: Executor, bureauId: string, docType: DocType, legalDate: string): Promise<string> {
  const year = Number(legalDate.slice(0, 4));
  const { seq, pattern, shortName } = await nextDocSequence(db, bureauId, year, docType);
  return formatDocNumber(pattern ?? defaultPattern(shortName, docType), year, seq);
}
