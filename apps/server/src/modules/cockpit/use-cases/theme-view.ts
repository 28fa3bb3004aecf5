// A theme view: the KPIs of a month for an org (its subtree), the same per child org (the map and the drill-down),
// the monthly trend, and the forecast of the headline number with its holdout error. Everything is read from the
// roll-up (plus the theme's live part); the org must lie in the user's jurisdiction (else 404).
import type { CockpitQuery, CockpitThemes, CockpitThemeView, KpiValue } from '@chengguan/contracts';
import { districtOfBureau, forecastSeries } from '@chengguan/domain';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate, shanghaiInstant } from '../../../shared/time.ts';
import { cityMap } from '../../geo/index.ts';
import { getOrgRowOrFail, type OrgRow } from '../../org/index.ts';
import { childOrgs, childPartOf, orgsByIds, rollupByChild, rollupByMonth, type RollupCell } from '../cockpit.repository.ts';
import { cockpitTheme, cockpitThemes, themeMetrics, type CockpitTheme, type KpiDef } from '../themes.ts';
import { targetsNow } from './targets.ts';

export const TREND_MONTHS = 24;
/** Months of history the forecast learns from (three seasons) and the holdout it is judged on. */
const FORECAST_HISTORY = 36;
const HOLDOUT = 6;
const HORIZON = 3;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function lastDayOf(month: string): string {
  const next = addMonths(month, 1);
  const d = new Date(shanghaiInstant(`${next}-01`).getTime() - 1);
  return shanghaiDate(d);
}

/** The themes this user may open (cockpit:read and the theme's own permission). */
export function visibleThemes(actor: Actor): CockpitTheme[] {
  if (!actor.permissions.has('cockpit:read')) return [];
  return cockpitThemes().filter((t) => actor.permissions.has(t.permission));
}

export function listThemes(actor: Actor): CockpitThemes {
  assertPermission(actor, 'cockpit:read');
  return { themes: visibleThemes(actor).map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn })) };
}

export function themeOrFail(actor: Actor, id: string): CockpitTheme {
  assertPermission(actor, 'cockpit:read');
  const t = cockpitTheme(id);
  if (!t) throw new AppError('NOT_FOUND');
  assertPermission(actor, t.permission);
  return t;
}

type Sums = Map<string, number>;
const sumOf = (s: Sums, metrics: readonly string[]) => metrics.reduce((a, m) => a + (s.get(m) ?? 0), 0);

export function kpiValue(k: KpiDef, s: Sums, target: number | null): Pick<KpiValue, 'value' | 'numerator' | 'denominator' | 'met'> {
  if (k.connected === false) return { value: null, numerator: null, denominator: null, met: null };
  const num = sumOf(s, k.num);
  let value: number | null;
  let den: number | null = null;
  if (k.unit === 'percent') {
    den = sumOf(s, k.den ?? []);
    value = den === 0 ? null : Math.round((num / den) * 1000) / 10;
  } else value = k.unit === 'yuan' ? num / 100 : num;
  const met = value === null || target === null || !k.targetOp ? null : k.targetOp === '>=' ? value >= target : value <= target;
  return { value, numerator: num, denominator: den, met };
}

/** Sums per child id ('' = the scope's own records) from roll-up and live cells. */
function byChild(cells: readonly RollupCell[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const c of cells) {
    const s = out.get(c.child) ?? new Map<string, number>();
    s.set(c.metric, (s.get(c.metric) ?? 0) + c.value);
    out.set(c.child, s);
  }
  return out;
}

function byMonth(cells: readonly RollupCell[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const c of cells) {
    const s = out.get(c.month) ?? new Map<string, number>();
    s.set(c.metric, (s.get(c.metric) ?? 0) + c.value);
    out.set(c.month, s);
  }
  return out;
}

function total(maps: Iterable<Sums>): Sums {
  const t: Sums = new Map();
  for (const s of maps) for (const [k, v] of s) t.set(k, (t.get(k) ?? 0) + v);
  return t;
}

export async function breadcrumbOf(db: Executor, actor: Actor, org: OrgRow) {
  const ids = org.path.split('/').filter(Boolean);
  const rows = await orgsByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => !!r && r.path.startsWith(actor.jurisdictionPath))
    .map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
}

async function liveCells(deps: Deps, theme: CockpitTheme, org: OrgRow, fromMonth: string, toMonth: string) {
  if (!theme.live) return [];
  return theme.live({
    db: deps.db,
    scopePath: org.path,
    childPart: childPartOf(org.path),
    from: shanghaiInstant(`${fromMonth}-01`),
    to: shanghaiInstant(`${addMonths(toMonth, 1)}-01`),
    now: deps.clock.now(),
  });
}

/**
 * The KPIs and per-child values of one theme for a set of months (one month for the cockpit, three for a quarter).
 * `live`: the theme's live cells when the caller read them already (for a longer range; filtered to the months here).
 */
export async function themeNumbers(deps: Deps, theme: CockpitTheme, org: OrgRow, months: readonly string[], live?: readonly RollupCell[]) {
  const { flow, stock } = themeMetrics(theme);
  const [cells, liveHere, targets, kids] = await Promise.all([
    rollupByChild(deps.db, org, months, flow, stock),
    live
      ? Promise.resolve(live.filter((c) => months.includes(c.month)))
      : liveCells(deps, theme, org, months[0]!, months[months.length - 1]!),
    targetsNow(deps.db),
    childOrgs(deps.db, org.id),
  ]);
  const children = byChild([...cells, ...liveHere]);
  const from = `${months[0]}-01`;
  const to = lastDayOf(months[months.length - 1]!);
  const kpisOf = (s: Sums, orgId: string): KpiValue[] =>
    theme.kpis.map((k) => {
      const target = targets.get(k.key) ?? k.defaultTarget ?? null;
      return {
        key: k.key,
        name: k.name,
        nameEn: k.nameEn,
        unit: k.unit,
        stock: k.stock ?? false,
        target,
        targetOp: k.targetOp ?? null,
        listUrl: k.list && k.connected !== false ? k.list({ orgId, from, to }) : null,
        connected: k.connected !== false,
        ...kpiValue(k, s, target),
      };
    });
  const { districts } = cityMap();
  const childRows: CockpitThemeView['children'] = kids.map((c) => {
    const s = children.get(c.id) ?? new Map<string, number>();
    const values: Record<string, number | null> = {};
    for (const k of kpisOf(s, c.id)) values[k.key] = k.value;
    const areaName = c.kind === 'district_bureau' ? (districtOfBureau(c.name, districts)?.name ?? null) : c.street_name;
    return { orgId: c.id, name: c.name, kind: c.kind, areaName, values };
  });
  const own = children.get('');
  if (own && [...own.values()].some((v) => v !== 0)) {
    const values: Record<string, number | null> = {};
    for (const k of kpisOf(own, org.id)) values[k.key] = k.value;
    childRows.push({ orgId: null, name: `${org.name}（本级）`, kind: null, areaName: null, values });
  }
  return { kpis: kpisOf(total(children.values()), org.id), children: childRows, kids };
}

export async function getThemeView(deps: Deps, actor: Actor, themeId: string, q: CockpitQuery): Promise<CockpitThemeView> {
  const theme = themeOrFail(actor, themeId);
  const org = await getOrgRowOrFail(deps.db, actor, q.orgId ?? actor.orgId);
  const now = deps.clock.now();
  const current = shanghaiDate(now).slice(0, 7);
  const month = q.month ?? current;

  // Trend and forecast: the trend KPIs and the headline, month by month; the live part read once for both.
  const trendKpis = theme.kpis.filter((k) => (k.trend || k.key === theme.headline) && k.connected !== false && !k.stock);
  const headlineKpi = theme.kpis.find((k) => k.key === theme.headline);
  const headlineMetrics = new Set(headlineKpi ? [...headlineKpi.num, ...(headlineKpi.den ?? [])] : []);
  const metrics = [...new Set(trendKpis.flatMap((k) => [...k.num, ...(k.den ?? [])]))].filter((m) => !headlineMetrics.has(m));
  const lastFull = month === current ? addMonths(month, -1) : month;
  // The forecast's headline over three seasons; the other trend series over the months the chart shows.
  const fromMonth = addMonths(month, -(FORECAST_HISTORY - 1));
  const trendFrom = addMonths(month, -(TREND_MONTHS - 1));
  const [headlineCells, cells, live, breadcrumb] = await Promise.all([
    rollupByMonth(deps.db, org, fromMonth, month, [...headlineMetrics]),
    rollupByMonth(deps.db, org, trendFrom, month, metrics),
    liveCells(deps, theme, org, trendFrom, month),
    breadcrumbOf(deps.db, actor, org),
  ]);
  const numbers = await themeNumbers(deps, theme, org, [month], live);
  const perMonth = byMonth([...headlineCells, ...cells, ...live]);
  const allMonths = monthRange(fromMonth, month);
  const valueAt = (k: KpiDef, m: string) => kpiValue(k, perMonth.get(m) ?? new Map(), null).value;
  const trendMonths = allMonths.slice(-TREND_MONTHS);
  const series = trendKpis.map((k) => ({ key: k.key, name: k.name, nameEn: k.nameEn, values: trendMonths.map((m) => valueAt(k, m)) }));

  const headline = headlineKpi;
  let forecast: CockpitThemeView['forecast'] = null;
  if (headline) {
    const history = allMonths.filter((m) => m <= lastFull);
    const values = history.map((m) => valueAt(headline, m) ?? 0);
    const firstData = values.findIndex((v) => v !== 0);
    const used = firstData < 0 ? [] : values.slice(firstData);
    const usedMonths = firstData < 0 ? [] : history.slice(firstData);
    if (used.length >= 2) {
      const f = forecastSeries(used, { season: 12, horizon: HORIZON, holdout: Math.min(HOLDOUT, used.length - 1) });
      forecast = {
        kpi: headline.key,
        method: f.method,
        months: Array.from({ length: HORIZON }, (_, i) => addMonths(lastFull, i + 1)),
        values: f.forecast,
        holdoutMonths: usedMonths.slice(used.length - f.holdout),
        holdoutActual: used.slice(used.length - f.holdout),
        holdoutForecast: f.holdoutForecast,
        mape: f.mape,
      };
    }
  }

  const mapLevel =
    org.kind === 'city_bureau' && numbers.kids.some((k) => k.kind === 'district_bureau')
      ? 'district'
      : numbers.kids.some((k) => k.has_area)
        ? 'street'
        : 'none';
  return {
    theme: { id: theme.id, name: theme.name, nameEn: theme.nameEn },
    month,
    org: { id: org.id, name: org.name, kind: org.kind },
    breadcrumb,
    mapLevel,
    kpis: numbers.kpis,
    trend: { months: trendMonths, series },
    forecast,
    children: numbers.children,
    readAt: now.toISOString(),
  };
}
