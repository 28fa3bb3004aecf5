// The citizen's side of the portal (issue 13 §1c, §4; docs/portal.md "市民投诉"): sign in with a mobile phone and an
// SMS code (a session bound to the phone, cookie `cg_citizen`), file a complaint (a ticket of channel `portal`),
// follow it with the same clocks the officers see, and rate the answer once it is closed.
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, IsoDateTime, literals, MultilineText, Nullable, Page, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';
import { DistrictFeatureCollection, GeoPointBody, MapConfig } from './geo.ts';
import { SATISFACTION_CODES, TICKET_STATE_CODES, TicketClock } from './tickets.ts';

export const CITIZEN_COOKIE = 'cg_citizen';

/** A mainland mobile number: the code goes there, and it is the citizen's identity in the portal. */
export const MobilePhone = Code('^1[3-9][0-9]{9}$', 11, 'mainland mobile number, 11 digits');

export const CitizenCodeRequestBody = Type.Object({ phone: MobilePhone });
export type CitizenCodeRequestBody = Static<typeof CitizenCodeRequestBody>;

export const CitizenLoginBody = Type.Object({ phone: MobilePhone, code: Code('^\\d{6}$', 6) });
export type CitizenLoginBody = Static<typeof CitizenLoginBody>;

export const CitizenMe = Type.Object({
  /** Masked: 138****0001. */
  phone: Type.String(),
  expiresAt: IsoDateTime,
});
export type CitizenMe = Static<typeof CitizenMe>;

export const CitizenCategory = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  groupZh: Type.String(),
  groupEn: Type.String(),
});
export type CitizenCategory = Static<typeof CitizenCategory>;

/** What the complaint form offers: the selectable categories and the district bureaus (for a typed address). */
export const CitizenOptions = Type.Object({
  categories: Type.Array(CitizenCategory),
  bureaus: Type.Array(Type.Object({ id: Uuid, name: Type.String(), district: Type.String() })),
  map: Type.Object({ config: MapConfig, districts: DistrictFeatureCollection }),
});
export type CitizenOptions = Static<typeof CitizenOptions>;

export const CitizenComplaintBody = Type.Object({
  categoryCode: Code('^[A-Z]{2}([0-9]{2}){0,2}$', 6, 'ticket category code, e.g. SR04'),
  content: MultilineText(2000, { minLength: 4 }),
  /** The place picked on the map (the base map's system, converted by the server) … */
  point: Type.Optional(GeoPointBody),
  /** … or typed (then `bureauId` names the district). */
  address: Type.Optional(Text(200, { minLength: 2 })),
  /** The district bureau, when only an address is given (a point names its district itself). */
  bureauId: Type.Optional(Uuid),
  /** Files uploaded through POST /api/portal/citizen/files. */
  photoSm3s: Type.Optional(Type.Array(Sm3Hex, { maxItems: 9, uniqueItems: true })),
  /** The citizen agrees to be called back on his phone (24-hour first contact, 回访). */
  contactConsent: Type.Boolean(),
  reporterName: Type.Optional(Text(50, { minLength: 1 })),
});
export type CitizenComplaintBody = Static<typeof CitizenComplaintBody>;

export const CitizenTicketSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  categoryName: Type.String(),
  state: literals(TICKET_STATE_CODES),
  address: Nullable(Type.String()),
  content: Type.String(),
  receivedAt: IsoDateTime,
  /** The officers' clocks, read by the same function. */
  handling: TicketClock,
  firstContact: Nullable(TicketClock),
});
export type CitizenTicketSummary = Static<typeof CitizenTicketSummary>;

export const CitizenTicketPage = Page(CitizenTicketSummary);

export const CitizenTicketListQuery = Type.Object({ ...PageQuery });
export type CitizenTicketListQuery = Static<typeof CitizenTicketListQuery>;

/** A step the citizen is told about (no officer's name, no internal note). */
export const CitizenProgress = Type.Object({
  kind: Type.String(),
  textZh: Type.String(),
  textEn: Type.String(),
  at: IsoDateTime,
});

/** What the bureau answered him: the reply, a referral, the outcome of the case his complaint became. */
export const CitizenReply = Type.Object({
  kind: literals(['reply', 'referral', 'caseOutcome'] as const),
  text: Type.String(),
  at: IsoDateTime,
});

export const CitizenTicketDetail = Type.Object({
  ...CitizenTicketSummary.properties,
  handlingDueOn: IsoDate,
  feedbackDueOn: Nullable(IsoDate),
  agency: Type.String(),
  point: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  photoCount: Type.Integer(),
  /** His photos (SM3), each opened at GET /api/portal/citizen/tickets/{id}/photos/{sm3}. */
  photoSm3s: Type.Array(Sm3Hex),
  contactConsent: Type.Boolean(),
  progress: Type.Array(CitizenProgress),
  replies: Type.Array(CitizenReply),
  satisfaction: Nullable(literals(SATISFACTION_CODES)),
  resolved: Nullable(Type.Boolean()),
  /** Closed and not rated yet. */
  canRate: Type.Boolean(),
});
export type CitizenTicketDetail = Static<typeof CitizenTicketDetail>;

export const CitizenRatingBody = Type.Object({
  satisfaction: literals(SATISFACTION_CODES),
  resolved: Type.Optional(Type.Boolean()),
  comment: Type.Optional(MultilineText(500, { minLength: 1 })),
});
export type CitizenRatingBody = Static<typeof CitizenRatingBody>;

export const CitizenUploadedFile = Type.Object({ sm3: Sm3Hex, size: Type.Integer(), mime: Type.String() });
