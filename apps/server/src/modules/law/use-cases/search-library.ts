import type {
  ExemptionItem,
  GuidanceSummary,
  LawSearchHit,
  LawSearchQuery,
  LawSearchResult,
  Offence,
  Provision,
} from '@chengguan/contracts';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { findOffence, findProvisions, offenceVersionsByCode } from '../law-library.repository.ts';
import { exemptionsOfOffenceCodes, findExemption, guidanceOfOffenceCodes } from '../law-guidance.repository.ts';
import { searchExemptions, searchOffences } from '../law-search.repository.ts';
import { toExemptionItem, toGuidance, toOffence, toProvision } from '../law.mapper.ts';

const MAX_TERMS = 8;

async function context(db: Executor, offence: Offence | null, on: string) {
  if (!offence) return { legalBasis: [] as Provision[], exemptions: [] as ExemptionItem[], guidance: [] as GuidanceSummary[] };
  const ids = [offence.violatedProvisionId, offence.penaltyProvisionId].filter((x): x is string => x !== null);
  const [provisions, exemptions, guidance] = await Promise.all([
    findProvisions(db, [...new Set(ids)]),
    exemptionsOfOffenceCodes(db, [offence.code]),
    guidanceOfOffenceCodes(db, [offence.code], on),
  ]);
  return {
    legalBasis: provisions.map(toProvision),
    exemptions: exemptions.filter((e) => e.effective_from <= on && (e.effective_to === null || e.effective_to >= on)).map(toExemptionItem),
    guidance: guidance.map((g) => {
      const full = toGuidance(g);
      return {
        id: full.id,
        title: full.title,
        steps: full.steps,
        evidence: full.evidence,
        documents: full.documents,
        verification: full.verification,
      };
    }),
  };
}

/** Searches the library by words of the behaviour (e.g. 占道 洗车): the offence, its legal basis, exemptions and guidance. */
export async function searchLibrary(deps: Deps, actor: Actor, query: LawSearchQuery): Promise<LawSearchResult> {
  assertPermission(actor, 'law:read');
  const terms = [...new Set(query.q.split(/\s+/).filter(Boolean))];
  if (terms.length === 0) throw fieldError('q', '请输入检索词', 'enter at least one search term');
  if (terms.length > MAX_TERMS) throw fieldError('q', `检索词不能超过${MAX_TERMS}个`, `at most ${MAX_TERMS} terms`);
  const on = query.on ?? shanghaiDate(deps.clock.now());
  const limit = query.limit ?? 20;
  const q = terms.join(' ');
  const [offenceRows, exemptionRows] = await Promise.all([
    searchOffences(deps.db, terms, q, on, limit),
    searchExemptions(deps.db, terms, q, on, limit),
  ]);
  const hits: LawSearchHit[] = [];
  for (const r of offenceRows) {
    const row = await findOffence(deps.db, r.id);
    if (!row) continue;
    const offence = toOffence(row);
    hits.push({ kind: 'offence', score: r.score, offence, exemptionItem: null, ...(await context(deps.db, offence, on)) });
  }
  for (const r of exemptionRows) {
    const row = await findExemption(deps.db, r.id);
    if (!row) continue;
    const versions = row.offence_code ? await offenceVersionsByCode(deps.db, row.offence_code) : [];
    const current = versions.find((v) => v.effective_from <= on && (v.effective_to === null || v.effective_to >= on));
    const offence = current ? toOffence(current) : null;
    hits.push({
      kind: 'exemption_item',
      score: r.score,
      offence,
      exemptionItem: toExemptionItem(row),
      ...(await context(deps.db, offence, on)),
    });
  }
  hits.sort((a, b) => b.score - a.score);
  return { q: query.q, terms, on, hits: hits.slice(0, limit) };
}
