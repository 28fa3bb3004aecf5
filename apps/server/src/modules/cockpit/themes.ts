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

export function cockpitThemes(): CockpitTheme[] {
  return [...themes.values()].sort((a, b) => a.order - b.order);
}

export function cockpitTheme(id: string): CockpitTheme | undefined {
  return themes.get(id);
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
