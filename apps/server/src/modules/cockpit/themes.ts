// The cockpit's themes: each is a provider registered here (registerCockpitTheme). A theme names the roll-up metrics
// it reads (written into cockpit_rollup by the facts function of its base table, migration 054 or the module's own),
// the KPIs built from them (a count, an amount, or a numerator over a denominator) with their definitions and default
// targets, the list behind each number, and optionally live parts that move with the clock. docs/cockpit.md, "Adding
// a theme", says how another module adds one.
import type { Executor } from '../../context.ts';
import type { Permission } from '../auth/index.ts';

export type KpiUnit = 'count' | 'percent' | 'yuan';

/** The place in the console that lists the records behind a number, for an org and a month (YYYY-MM-DD bounds). */
export type ListLink = (p: { orgId: string; from: string; to: string }) => string;

export type KpiDef = {
  key: string;
  name: string;
  nameEn: string;
  unit: KpiUnit;
  /** Metrics summed for the value (count, yuan) or the numerator (percent). */
  num: readonly string[];
  /** Percent only: metrics summed for the denominator. */
  den?: readonly string[];
  /** Counted over all months (what stands today), not the month's flow. */
  stock?: boolean;
  definition: string;
  definitionEn: string;
  source: string;
  defaultTarget?: number | null;
  targetOp?: '>=' | '<=';
  targetSource?: string;
  list?: ListLink;
  /** false: the number's data comes from a module this installation does not have yet (shown as 未接入). */
  connected?: boolean;
  /** Drawn on the trend chart. */
  trend?: boolean;
};

/** Values a theme adds at read time per month and child (e.g. tickets whose due time has passed unanswered). */
export type LivePart = (q: {
  db: Executor;
  scopePath: string;
  /** Index of the child's segment in orgs.path (split_part). */
  childPart: number;
  from: Date;
  to: Date;
  now: Date;
}) => Promise<{ month: string; child: string; metric: string; value: number }[]>;

export type CockpitTheme = {
  id: string;
  name: string;
  nameEn: string;
  /** Besides cockpit:read, the permission to see this theme's records. */
  permission: Permission;
  kpis: readonly KpiDef[];
  /** The KPI the map colours and the forecast continues. */
  headline: string;
  live?: LivePart;
  order: number;
};

const themes = new Map<string, CockpitTheme>();

/** Registers a theme; registering the same id again replaces it (modules' hooks may run twice). */
export function registerCockpitTheme(theme: CockpitTheme): void {
  themes.set(theme.id, theme);
}

/**
 * Numbers of a theme that another module supplies at read time (the staff theme's 示范/规范化 squads from `squads`, its
 * 参训率 from `training`): the metrics it supplies, its live part, and the words that replace the KPI's definition once
 * it is connected.
 */
export type ThemeSource = {
  metrics: readonly string[];
  live: LivePart;
  describe?: Record<string, Pick<KpiDef, 'definition' | 'definitionEn' | 'source'> & { list?: ListLink }>;
};

const sources = new Map<string, Map<string, ThemeSource>>();

/** A module supplies some of a theme's numbers (keyed by the module's name; registering again replaces it). */
export function registerCockpitSource(themeId: string, module: string, source: ThemeSource): void {
  const own = sources.get(themeId) ?? new Map<string, ThemeSource>();
  own.set(module, source);
  sources.set(themeId, own);
}

/** The theme with the numbers its sources supply marked connected, and their live parts read with its own. */
function withSources(t: CockpitTheme): CockpitTheme {
  const own = [...(sources.get(t.id)?.values() ?? [])];
  if (own.length === 0) return t;
  const supplied = new Set(own.flatMap((s) => s.metrics));
  const words = Object.assign({}, ...own.map((s) => s.describe ?? {})) as NonNullable<ThemeSource['describe']>;
  const kpis = t.kpis.map((k) =>
    k.connected === false && [...k.num, ...(k.den ?? [])].every((m) => supplied.has(m)) ? { ...k, ...words[k.key], connected: true } : k,
  );
  const parts = [...(t.live ? [t.live] : []), ...own.map((s) => s.live)];
  const live: LivePart = async (q) => (await Promise.all(parts.map((p) => p(q)))).flat();
  return { ...t, kpis, live };
}

export function cockpitThemes(): CockpitTheme[] {
  return [...themes.values()].map(withSources).sort((a, b) => a.order - b.order);
}

export function cockpitTheme(id: string): CockpitTheme | undefined {
  const t = themes.get(id);
  return t && withSources(t);
}

/** The metrics a theme reads, split by flow (a month) and stock (all months). */
export function themeMetrics(t: CockpitTheme): { flow: string[]; stock: string[] } {
  const flow = new Set<string>();
  const stock = new Set<string>();
  for (const k of t.kpis) for (const m of [...k.num, ...(k.den ?? [])]) (k.stock ? stock : flow).add(m);
  return { flow: [...flow], stock: [...stock] };
}

// ── Bulletins of other modules (纠错/败诉, 诉件): listed on the bulletins page beside the statistics bulletins ──

export type ExternalBulletin = {
  id: string;
  source: string;
  title: string;
  period: string;
  status: string;
  orgName: string;
  publishedAt: string | null;
  url: string;
};

export type BulletinLister = (q: { jurisdictionPath: string; permissions: ReadonlySet<string> }) => Promise<ExternalBulletin[]>;

const bulletinListers = new Map<string, BulletinLister>();

/** A module lists its own bulletins here (keyed by its name); the cockpit shows them with its own. */
export function registerBulletinSource(source: string, lister: BulletinLister): void {
  bulletinListers.set(source, lister);
}

export function bulletinSources(): [string, BulletinLister][] {
  return [...bulletinListers.entries()];
}
