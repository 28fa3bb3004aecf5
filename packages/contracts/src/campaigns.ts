// 专项行动 (special campaigns, issue 16 §3; docs/campaigns.md): a campaign with its period, areas (jurisdictions),
// targets and rounds (青浦 "雷霆 8+365": ≥ 8 rounds a year), and its 挂图作战 ledger of problem points — each located,
// owned by a squad and an officer, photographed before and after, closed (销项) only with a leader's approval and
// reopened when the leader refuses.
import { Type, type Static } from '@sinclair/typebox';
import { Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';
import { Latitude, Longitude } from './geo.ts';

export const CAMPAIGN_POINT_STATES = ['open', 'pending_close', 'closed'] as const;
export type CampaignPointState = (typeof CAMPAIGN_POINT_STATES)[number];
export const CampaignPointStateSchema = literals(CAMPAIGN_POINT_STATES);

export const CampaignRoundInput = Type.Object({
  title: Text(60, { minLength: 1 }),
  startsOn: IsoDate,
  endsOn: IsoDate,
});
export type CampaignRoundInput = Static<typeof CampaignRoundInput>;

export const CreateSpecialCampaignBody = Type.Object(
  {
    /** The bureau (or the city) that runs the campaign; its areas lie inside it. */
    orgId: Uuid,
    title: Text(100, { minLength: 1 }),
    periodFrom: IsoDate,
    periodTo: IsoDate,
    /** The jurisdictions the campaign covers (district bureaus or squads inside orgId). */
    areaOrgIds: Type.Array(Uuid, { minItems: 1, maxItems: 100 }),
    /** The number of problem points to close (销项), and the rounds planned (雷霆: at least 8 a year). */
    targetPoints: Int(0, 1_000_000),
    targetRounds: Int(0, 366),
    rounds: Type.Optional(Type.Array(CampaignRoundInput, { maxItems: 366 })),
    note: Type.Optional(MultilineText(2000)),
  },
  { additionalProperties: false },
);
export type CreateSpecialCampaignBody = Static<typeof CreateSpecialCampaignBody>;

export const CampaignRound = Type.Object({
  id: Uuid,
  roundNo: Type.Integer(),
  title: Type.String(),
  startsOn: IsoDate,
  endsOn: IsoDate,
});
export type CampaignRound = Static<typeof CampaignRound>;

export const CampaignCounts = Type.Object({
  total: Type.Integer(),
  open: Type.Integer(),
  pendingClose: Type.Integer(),
  closed: Type.Integer(),
  /** closed / total, 0–1 (0 when there are no points). */
  closedRate: Type.Number(),
});
export type CampaignCounts = Static<typeof CampaignCounts>;

export const SpecialCampaign = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  title: Type.String(),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  areas: Type.Array(Type.Object({ orgId: Uuid, orgName: Type.String() })),
  targetPoints: Type.Integer(),
  targetRounds: Type.Integer(),
  rounds: Type.Array(CampaignRound),
  note: Nullable(Type.String()),
  /** Points in the caller's jurisdiction. */
  counts: CampaignCounts,
  createdAt: IsoDateTime,
});
export type SpecialCampaign = Static<typeof SpecialCampaign>;

export const SpecialCampaignListQuery = Type.Object({
  ...PageQuery,
  keyword: Type.Optional(Text(60)),
  /** Campaigns running on this date. */
  activeOn: Type.Optional(IsoDate),
  /** Campaigns covering this jurisdiction. */
  areaOrgId: Type.Optional(Uuid),
});
export type SpecialCampaignListQuery = Static<typeof SpecialCampaignListQuery>;

export const AddCampaignRoundBody = CampaignRoundInput;
export type AddCampaignRoundBody = Static<typeof AddCampaignRoundBody>;

export const CreateCampaignPointBody = Type.Object(
  {
    /** The squad that owns the point (inside one of the campaign's areas). */
    orgId: Uuid,
    officerId: Type.Optional(Nullable(Uuid)),
    roundId: Type.Optional(Nullable(Uuid)),
    title: Text(100, { minLength: 1 }),
    description: Type.Optional(MultilineText(2000)),
    address: Text(200, { minLength: 1 }),
    lon: Longitude,
    lat: Latitude,
    /** Photos before (uploaded first through POST /api/v1/files). */
    beforePhotoSm3s: Type.Optional(Type.Array(Sm3Hex, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type CreateCampaignPointBody = Static<typeof CreateCampaignPointBody>;

export const RequestPointCloseBody = Type.Object(
  {
    rectification: MultilineText(2000, { minLength: 1 }),
    afterPhotoSm3s: Type.Array(Sm3Hex, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type RequestPointCloseBody = Static<typeof RequestPointCloseBody>;

export const DecidePointCloseBody = Type.Object(
  {
    approve: Type.Boolean(),
    /** Required when refusing: why the point is reopened. */
    reason: Type.Optional(MultilineText(1000)),
  },
  { additionalProperties: false },
);
export type DecidePointCloseBody = Static<typeof DecidePointCloseBody>;

export const CampaignPointEvent = Type.Object({
  action: literals(['create', 'request_close', 'approve_close', 'refuse_close'] as const),
  actorName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  at: IsoDateTime,
});

export const CampaignPoint = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  campaignTitle: Type.String(),
  number: Type.String(),
  roundId: Nullable(Uuid),
  roundNo: Nullable(Type.Integer()),
  areaOrgId: Uuid,
  areaName: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  officerId: Nullable(Uuid),
  officerName: Nullable(Type.String()),
  title: Type.String(),
  description: Nullable(Type.String()),
  address: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  state: CampaignPointStateSchema,
  beforePhotos: Type.Array(Type.String()),
  afterPhotos: Type.Array(Type.String()),
  rectification: Nullable(Type.String()),
  refusedCount: Type.Integer(),
  lastRefusal: Nullable(Type.String()),
  closedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  events: Type.Optional(Type.Array(CampaignPointEvent)),
});
export type CampaignPoint = Static<typeof CampaignPoint>;

export const CampaignPointListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(CampaignPointStateSchema),
  orgId: Type.Optional(Uuid),
  roundId: Type.Optional(Uuid),
  keyword: Type.Optional(Text(60)),
});
export type CampaignPointListQuery = Static<typeof CampaignPointListQuery>;

/** Progress of a campaign: its counts, per round and per area (what the cockpit shows). */
export const CampaignProgress = Type.Object({
  campaignId: Uuid,
  title: Type.String(),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  targetPoints: Type.Integer(),
  targetRounds: Type.Integer(),
  roundsHeld: Type.Integer(),
  counts: CampaignCounts,
  byArea: Type.Array(Type.Composite([Type.Object({ orgId: Uuid, orgName: Type.String() }), CampaignCounts])),
  byRound: Type.Array(
    Type.Composite([Type.Object({ roundId: Nullable(Uuid), roundNo: Nullable(Type.Integer()), title: Type.String() }), CampaignCounts]),
  ),
});
export type CampaignProgress = Static<typeof CampaignProgress>;
