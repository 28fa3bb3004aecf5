// 当事人扫码确认 (summary procedure): the officer shows a QR code, the party confirms his identity on his own phone.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Text, Uuid } from './common.ts';
import { PARTY_ID_TYPES } from './cases.ts';
import { PARTY_TYPE_CODES } from './law.ts';

export const PARTY_CONFIRMATION_STATES = ['pending', 'confirmed', 'expired', 'locked'] as const;
export type PartyConfirmationStateCode = (typeof PARTY_CONFIRMATION_STATES)[number];

const StateSchema = Type.Union(PARTY_CONFIRMATION_STATES.map((s) => Type.Literal(s)));
const Instant = Type.String({ format: 'date-time' });

/** The public link's token: 32 random bytes, base64url. */
export const ConfirmationToken = Code('^[A-Za-z0-9_-]{20,100}$', 100);

export const CreatedPartyConfirmation = Type.Object({
  id: Uuid,
  token: Type.String(),
  /** Path of the party's page; the console prefixes its origin for the QR code. */
  url: Type.String(),
  expiresAt: Instant,
});
export type CreatedPartyConfirmation = Static<typeof CreatedPartyConfirmation>;

export const ConfirmedParty = Type.Object({
  type: Type.Union(PARTY_TYPE_CODES.map((s) => Type.Literal(s))),
  name: Type.String(),
  idType: Type.Union(PARTY_ID_TYPES.map((s) => Type.Literal(s))),
  idNumber: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
});
export type ConfirmedParty = Static<typeof ConfirmedParty>;

/** The officer's view: the party's data once confirmed. */
export const PartyConfirmation = Type.Object({
  id: Uuid,
  state: StateSchema,
  expiresAt: Instant,
  confirmedAt: Type.Union([Instant, Type.Null()]),
  party: Type.Union([ConfirmedParty, Type.Null()]),
});
export type PartyConfirmation = Static<typeof PartyConfirmation>;

/** The party's view before he confirms: who asks, nothing personal. */
export const PublicPartyConfirmation = Type.Object({
  state: StateSchema,
  expiresAt: Instant,
  agencyName: Type.String(),
  officerName: Type.String(),
});
export type PublicPartyConfirmation = Static<typeof PublicPartyConfirmation>;

/** What the party enters; the ID number is checked per GB 11643 (id_card) or GB 32100 (uscc). */
export const ConfirmPartyBody = Type.Object({
  partyType: Type.Union(PARTY_TYPE_CODES.map((s) => Type.Literal(s))),
  name: Text(100, { minLength: 1 }),
  idType: Type.Union(PARTY_ID_TYPES.map((s) => Type.Literal(s))),
  idNumber: Text(40, { minLength: 1 }),
  phone: Type.Optional(Code('^[0-9+\\- ]{5,20}$', 20)),
  address: Type.Optional(Text(300)),
});
export type ConfirmPartyBody = Static<typeof ConfirmPartyBody>;
