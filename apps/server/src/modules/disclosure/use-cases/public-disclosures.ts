// The public page (no login): published decisions with their redacted content; a withdrawn one keeps only the
// withdrawal notice (number, agency, dates, what happened and why) — its party, facts and penalty are taken down.
import type { DisclosureAgencies, DisclosureContent, PageOf, PublicDisclosure, PublicDisclosureQuery } from '@chengguan/contracts';
import type { Deps } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { addYears } from '@chengguan/domain';
import { legalConfigOn } from '../../law/index.ts';
import {
  type DisclosureRow,
  findPublicDisclosure,
  listPublicDisclosures,
  publicAgencies,
  type PublicDay,
} from '../disclosure.repository.ts';
import { withdrawalOf } from './list-disclosures.ts';

function toPublic(r: DisclosureRow): PublicDisclosure {
  const withdrawn = r.state === 'withdrawn';
  return {
    id: r.id,
    state: withdrawn ? 'withdrawn' : 'published',
    documentNumber: r.document_number,
    agencyName: r.agency_name,
    decidedOn: r.decided_on,
    publishedOn: r.published_on!,
    publicUntil: r.public_until,
    content: withdrawn ? null : (r.content as DisclosureContent),
    withdrawal: withdrawn ? withdrawalOf(r) : null,
  };
}

/** Today, and for an entry published without an end date (natural persons, before I3 gave them one) its last day. */
async function publicDay(deps: Deps): Promise<PublicDay> {
  const today = shanghaiDate(deps.clock.now());
  const { config } = await legalConfigOn(deps.db, today);
  return { today, undatedFrom: addYears(today, -config.naturalPersonPublicationYears) };
}

export async function listPublic(deps: Deps, query: PublicDisclosureQuery): Promise<PageOf<PublicDisclosure>> {
  if (query.fromDate && query.toDate && query.toDate < query.fromDate)
    throw fieldError('toDate', '结束日期早于开始日期', 'toDate is before fromDate');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, 50);
  const { items, total } = await listPublicDisclosures(
    deps.db,
    await publicDay(deps),
    {
      ...(query.agency?.trim() ? { agency: query.agency.trim() } : {}),
      ...(query.fromDate ? { fromDate: query.fromDate } : {}),
      ...(query.toDate ? { toDate: query.toDate } : {}),
      ...(query.keyword?.trim() ? { keyword: query.keyword.trim() } : {}),
    },
    page,
    pageSize,
  );
  return { items: items.map(toPublic), total, page, pageSize };
}

export async function getPublic(deps: Deps, id: string): Promise<PublicDisclosure> {
  const row = await findPublicDisclosure(deps.db, await publicDay(deps), id);
  if (!row) throw new AppError('NOT_FOUND');
  return toPublic(row);
}

export async function listAgencies(deps: Deps): Promise<DisclosureAgencies> {
  return { items: await publicAgencies(deps.db, await publicDay(deps)) };
}
