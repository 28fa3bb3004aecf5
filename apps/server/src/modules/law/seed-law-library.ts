import { SHANGHAI_DEFAULTS } from '@chengguan/domain';
import type { Deps, Executor } from '../../context.ts';
import { recordAudit } from '../audit/index.ts';
import { DEFAULTS_EFFECTIVE_FROM } from './law-config.ts';
import { findOffenceVersion } from './law-library.repository.ts';
import { countConfigVersions, insertConfigVersion } from './law-settings.repository.ts';
import type { Issue } from './law.errors.ts';
import { DISCRETION_STANDARDS, EXEMPTION_ITEMS, GUIDANCE, OFFENCES, PROVISIONS } from './library/kinds.ts';
import type { LibraryKind } from './library/kind-spec.ts';
import { STARTER_EXEMPTIONS, STARTER_GUIDANCE, STARTER_OFFENCES, STARTER_PROVISIONS, STARTER_TIERS } from './starter-content.ts';

export type LawSeedResult = { configLoaded: boolean; libraryLoaded: boolean; entries: number };

async function add<D extends { id: string }, B, S, F>(trx: Executor, deps: Deps, spec: LibraryKind<D, B, S, F>, body: B): Promise<string> {
  const issues: Issue[] = await spec.check(trx, body, null);
  if (issues.length > 0)
    throw new Error(`starter ${spec.kind} entry is invalid: ${issues.map((i) => `${i.field}: ${i.messageEn}`).join('; ')}`);
  const id = deps.newId();
  await spec.insert(trx, id, body, deps.clock.now());
  return id;
}

async function isEmpty(trx: Executor): Promise<boolean> {
  const row = await trx
    .selectFrom('law_provisions')
    .select('id')
    .union(trx.selectFrom('law_offences').select('id'))
    .union(trx.selectFrom('law_exemption_items').select('id'))
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

/**
 * Loads the reference data of the legal library: SHANGHAI_DEFAULTS as the first configuration version, and the
 * starter content (LEGAL-RULES.md quotes, each with its source and mark) into an empty library. Idempotent: a
 * part that already holds data is left alone, so it runs at every `npm run seed` and with the demo data.
 */
export async function seedLawLibrary(deps: Deps): Promise<LawSeedResult> {
  return deps.db.transaction().execute(async (trx) => {
    const result: LawSeedResult = { configLoaded: false, libraryLoaded: false, entries: 0 };
    if ((await countConfigVersions(trx)) === 0) {
      await insertConfigVersion(trx, {
        id: deps.newId(),
        effective_from: DEFAULTS_EFFECTIVE_FROM,
        config: JSON.stringify(SHANGHAI_DEFAULTS),
        note: '上海市默认值（每项附来源与核实标记）',
        created_by: null,
      });
      result.configLoaded = true;
    }
    if (await isEmpty(trx)) {
      const provisionIds = new Map<string, string>();
      for (const { key, ...body } of STARTER_PROVISIONS) provisionIds.set(key, await add(trx, deps, PROVISIONS, body));
      for (const { violatedKey, penaltyKey, ...body } of STARTER_OFFENCES) {
        await add(trx, deps, OFFENCES, {
          ...body,
          violatedProvisionId: violatedKey ? (provisionIds.get(violatedKey) ?? null) : null,
          penaltyProvisionId: penaltyKey ? (provisionIds.get(penaltyKey) ?? null) : null,
        });
      }
      for (const { offenceCode, ...tier } of STARTER_TIERS) {
        const offence = STARTER_OFFENCES.find((o) => o.code === offenceCode)!;
        const version = await findOffenceVersion(trx, offenceCode, offence.effectiveFrom);
        await add(trx, deps, DISCRETION_STANDARDS, { ...tier, offenceId: version!.id });
      }
      for (const item of STARTER_EXEMPTIONS) await add(trx, deps, EXEMPTION_ITEMS, item);
      for (const g of STARTER_GUIDANCE) await add(trx, deps, GUIDANCE, g);
      result.libraryLoaded = true;
      result.entries =
        STARTER_PROVISIONS.length + STARTER_OFFENCES.length + STARTER_TIERS.length + STARTER_EXEMPTIONS.length + STARTER_GUIDANCE.length;
    }
    if (result.configLoaded || result.libraryLoaded) {
      await recordAudit(
        trx,
        deps,
        null,
        { ip: null, correlationId: null },
        {
          action: 'seed.law',
          entityType: 'system',
          entityId: null,
          bureauId: null,
          data: result,
        },
      );
    }
    return result;
  });
}
