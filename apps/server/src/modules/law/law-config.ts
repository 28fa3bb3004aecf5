// LegalConfig versions from the database; SHANGHAI_DEFAULTS when none is stored yet.
import {
  LEGAL_CONFIG_KEYS,
  LEGAL_CONFIG_LABELS,
  type Art32GroundCode,
  type ExemptionConditionCode,
  type HarmCode,
  type LegalConfigValues,
  type LegalConfigVersion,
  type PartyTypeCode,
  type PenaltyTypeCode,
  type TierLevelCode,
} from '@chengguan/contracts';
import {
  addDays,
  SHANGHAI_DEFAULTS,
  type Art32Ground,
  type ExemptionCondition,
  type Harm,
  type LegalConfig,
  type PartyType,
  type PenaltyType,
  type TierLevel,
} from '@chengguan/domain';
import type { Executor } from '../../context.ts';
import { listConfigVersions, type ConfigVersionRow } from './law-settings.repository.ts';
import { atRevision } from './law-revision.ts';

// The contracts repeat the domain's vocabularies (the contracts package has no dependency on the domain);
// these lines stop compiling when the two lists drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const VOCABULARIES_AGREE: [
  Same<PenaltyType, PenaltyTypeCode>,
  Same<TierLevel, TierLevelCode>,
  Same<Harm, HarmCode>,
  Same<ExemptionCondition, ExemptionConditionCode>,
  Same<PartyType, PartyTypeCode>,
  Same<Art32Ground, Art32GroundCode>,
] = [true, true, true, true, true, true];

/** The date from which SHANGHAI_DEFAULTS applies: 行政处罚法 (2021) in force, Art. 86. */
export const DEFAULTS_EFFECTIVE_FROM = '2021-07-15';

export type StoredConfig = {
  id: string;
  effectiveFrom: string;
  config: LegalConfig;
  note: string | null;
  createdAt: Date;
  createdByName: string | null;
};

export function valuesOf(c: LegalConfig): LegalConfigValues {
  const { sources: _sources, majorCaseRule, ...rest } = c;
  return { ...rest, majorCaseRule: { fineThresholdFen: majorCaseRule.fineThresholdFen, penaltyTypes: [...majorCaseRule.penaltyTypes] } };
}

const knownKeys = <T>(o: Record<string, T> | undefined): Record<string, T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => (LEGAL_CONFIG_KEYS as string[]).includes(k)));

/**
 * A stored document over the defaults, so a key added to LegalConfig later has a value in old versions; a key
 * retired since (e.g. the separate legal-review fine threshold, now the hearing threshold) is dropped.
 */
function parseStored(raw: unknown): LegalConfig {
  const stored = (raw ?? {}) as Partial<LegalConfig> & Record<string, unknown>;
  const { sources, ...values } = stored;
  return {
    ...SHANGHAI_DEFAULTS,
    ...(knownKeys(values) as Partial<LegalConfig>),
    sources: { ...SHANGHAI_DEFAULTS.sources, ...(knownKeys(sources) as Partial<LegalConfig['sources']>) },
  };
}

function toStored(r: ConfigVersionRow): StoredConfig {
  return {
    id: r.id,
    effectiveFrom: r.effective_from,
    config: parseStored(r.config),
    note: r.note,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
  };
}

export async function loadConfigVersions(db: Executor): Promise<StoredConfig[]> {
  return (await listConfigVersions(db)).map(toStored);
}

/** The version in force on `day`; before the first version, the first version (the defaults) applies. */
export function versionOn(versions: readonly StoredConfig[], day: string): StoredConfig | undefined {
  let found: StoredConfig | undefined;
  for (const v of versions) if (v.effectiveFrom <= day) found = v;
  return found ?? versions[0];
}

export async function legalConfigOn(
  db: Executor,
  day: string,
  /** The law revision the caller read (law-revision.ts): the versions this process read at it. */
  lawRevision?: string,
): Promise<{ config: LegalConfig; effectiveFrom: string }> {
  const versions =
    lawRevision === undefined
      ? await loadConfigVersions(db)
      : await atRevision(lawRevision, 'configVersions', () => loadConfigVersions(db));
  const v = versionOn(versions, day);
  return v ? { config: v.config, effectiveFrom: v.effectiveFrom } : { config: SHANGHAI_DEFAULTS, effectiveFrom: DEFAULTS_EFFECTIVE_FROM };
}

export function toConfigVersion(v: StoredConfig, next: StoredConfig | undefined): LegalConfigVersion {
  const values = valuesOf(v.config);
  return {
    id: v.id,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: next ? addDays(next.effectiveFrom, -1) : null,
    note: v.note,
    createdAt: new Date(v.createdAt).toISOString(),
    createdByName: v.createdByName,
    values,
    entries: LEGAL_CONFIG_KEYS.map((key) => ({
      key,
      labelZh: LEGAL_CONFIG_LABELS[key].zh,
      labelEn: LEGAL_CONFIG_LABELS[key].en,
      value: values[key],
      mark: v.config.sources[key].mark,
      source: v.config.sources[key].source,
    })),
  };
}
