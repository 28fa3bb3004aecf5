// 数据驾驶舱 and 统计通报 (issue 16 §1, §2, §5; docs/cockpit.md): theme views with KPIs against their targets, monthly
// trends, the next level's numbers for the map and the drill-down, a seasonal forecast with its holdout error, the
// definition of every number, the city's targets, and the monthly / quarterly bulletins.
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Uuid } from './common.ts';

export const CockpitMonth = Code('^[0-9]{4}-(0[1-9]|1[0-2])$', 7, 'month, e.g. 2026-03');
export const ThemeId = Code('^[a-z][a-z0-9_]{1,31}$', 32, 'theme id, e.g. cases');
export const KpiKey = Code('^[a-z][a-z0-9_.]{1,63}$', 64, 'KPI key, e.g. tickets.satisfaction');

export const KPI_UNITS = ['count', 'percent', 'yuan'] as const;
export const KpiUnit = literals(KPI_UNITS);

export const CockpitThemeSummary = Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() });
export const CockpitThemes = Type.Object({ themes: Type.Array(CockpitThemeSummary) });
export type CockpitThemes = Static<typeof CockpitThemes>;

export const CockpitQuery = Type.Object({
  /** The org to show (its subtree); default the user's own. Outside his jurisdiction: 404. */
  orgId: Type.Optional(Uuid),
  /** The month of the KPIs; default the current month. */
  month: Type.Optional(CockpitMonth),
});
export type CockpitQuery = Static<typeof CockpitQuery>;

export const KpiValue = Type.Object({
  key: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  unit: KpiUnit,
  /** null: nothing to count (no denominator), or the source is not connected. */
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  /** Stock (open now, active now) rather than the month's flow. */
  stock: Type.Boolean(),
  target: Nullable(Type.Number()),
  targetOp: Nullable(literals(['>=', '<='])),
  met: Nullable(Type.Boolean()),
  /** The console list behind the number (path and query), null when no list shows exactly these records. */
  listUrl: Nullable(Type.String()),
  /** false: no module on this installation provides the data yet. */
  connected: Type.Boolean(),
});
export type KpiValue = Static<typeof KpiValue>;

export const CockpitOrgRef = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() });

export const CockpitChild = Type.Object({
  /** null: records of the org itself (e.g. tickets not yet given to a squad). */
  orgId: Nullable(Uuid),
  name: Type.String(),
  kind: Nullable(Type.String()),
  /** The district (区) or street (街镇) the map draws this row on. */
  areaName: Nullable(Type.String()),
  values: Type.Record(Type.String(), Nullable(Type.Number())),
});

export const CockpitForecast = Type.Object({
  kpi: Type.String(),
  method: literals(['seasonal_naive', 'holt_winters']),
  months: Type.Array(Type.String()),
  values: Type.Array(Type.Number()),
  holdoutMonths: Type.Array(Type.String()),
  holdoutActual: Type.Array(Type.Number()),
  holdoutForecast: Type.Array(Type.Number()),
  /** Mean absolute percentage error on the held-out months, percent; null when it cannot be measured. */
  mape: Nullable(Type.Number()),
});

export const CockpitThemeView = Type.Object({
  theme: CockpitThemeSummary,
  month: Type.String(),
  org: CockpitOrgRef,
  /** 市 → 区 → … → this org, only the levels inside the user's jurisdiction. */
  breadcrumb: Type.Array(CockpitOrgRef),
  /** The level the map draws: districts of the city, or the streets (squads' areas) of a district. */
  mapLevel: literals(['district', 'street', 'none']),
  kpis: Type.Array(KpiValue),
  trend: Type.Object({
    months: Type.Array(Type.String()),
    series: Type.Array(
      Type.Object({ key: Type.String(), name: Type.String(), nameEn: Type.String(), values: Type.Array(Nullable(Type.Number())) }),
    ),
  }),
  forecast: Nullable(CockpitForecast),
  children: Type.Array(CockpitChild),
  /** When the numbers were read (the roll-up is current with every committed write). */
  readAt: IsoDateTime,
});
export type CockpitThemeView = Static<typeof CockpitThemeView>;

export const CockpitDefinition = Type.Object({
  key: Type.String(),
  theme: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  unit: KpiUnit,
  definition: Type.String(),
  definitionEn: Type.String(),
  source: Type.String(),
  target: Nullable(Type.Number()),
  defaultTarget: Nullable(Type.Number()),
  targetOp: Nullable(literals(['>=', '<='])),
  targetSource: Nullable(Type.String()),
  connected: Type.Boolean(),
});
export type CockpitDefinition = Static<typeof CockpitDefinition>;
export const CockpitDefinitions = Type.Object({ items: Type.Array(CockpitDefinition) });
export type CockpitDefinitions = Static<typeof CockpitDefinitions>;

export const CockpitTargetParams = Type.Object({ kpi: KpiKey });
export const CockpitTargetBody = Type.Object({
  /** The target in the KPI's unit (percent 0–100, or a count); null restores the default. */
  target: Nullable(Type.Number({ minimum: 0, maximum: 1_000_000_000 })),
});
export type CockpitTargetBody = Static<typeof CockpitTargetBody>;

export const CockpitAreasQuery = Type.Object({ orgId: Type.Optional(Uuid) });
export const CockpitAreas = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      properties: Type.Object({ name: Type.String(), orgId: Uuid }),
      geometry: Type.Unknown(),
    }),
  ),
});
export type CockpitAreas = Static<typeof CockpitAreas>;

// ── 统计通报 ──
export const BULLETIN_STATUSES = ['draft', 'published'] as const;
export const BulletinPeriod = Code('^[0-9]{4}-((0[1-9]|1[0-2])|Q[1-4])$', 7, 'a month 2026-03 or a quarter 2026-Q1');

export const BulletinCreateBody = Type.Object({
  periodKind: literals(['month', 'quarter']),
  period: BulletinPeriod,
  /** The jurisdiction reported on; default the user's own org. */
  orgId: Type.Optional(Uuid),
  note: Type.Optional(MultilineText(2000)),
});
export type BulletinCreateBody = Static<typeof BulletinCreateBody>;

export const BulletinSection = Type.Object({
  theme: Type.String(),
  name: Type.String(),
  kpis: Type.Array(KpiValue),
  children: Type.Array(CockpitChild),
});
export const Bulletin = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  periodKind: literals(['month', 'quarter']),
  period: Type.String(),
  months: Type.Array(Type.String()),
  status: literals(BULLETIN_STATUSES),
  /** true: the period holds no record of any theme (an honest empty bulletin). */
  empty: Type.Boolean(),
  sections: Type.Array(BulletinSection),
  note: Nullable(Type.String()),
  createdAt: IsoDateTime,
  publishedAt: Nullable(IsoDateTime),
  publishedBy: Nullable(Type.String()),
});
export type Bulletin = Static<typeof Bulletin>;

export const BulletinListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(BULLETIN_STATUSES)),
  periodKind: Type.Optional(literals(['month', 'quarter'])),
});
export type BulletinListQuery = Static<typeof BulletinListQuery>;

export const BulletinListItem = Type.Object({
  id: Type.String(),
  /** cockpit: this module's statistics bulletins; other modules list theirs (纠错/败诉, 诉件) through the hook. */
  source: Type.String(),
  title: Type.String(),
  period: Type.String(),
  status: Type.String(),
  orgName: Type.String(),
  publishedAt: Nullable(IsoDateTime),
  /** Where the console opens it. */
  url: Type.String(),
});
export const BulletinList = Type.Object({ items: Type.Array(BulletinListItem), total: Type.Integer() });
export type BulletinList = Static<typeof BulletinList>;
export const BulletinParams = Type.Object({ id: Uuid });
export const BulletinPublishBody = Type.Object({ note: Type.Optional(MultilineText(2000)) });

export const ThemeParams = Type.Object({ theme: ThemeId });
