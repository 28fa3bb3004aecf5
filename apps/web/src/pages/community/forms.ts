import {
  CASE_SOURCE_CODES,
  PARTY_ID_TYPES,
  PARTY_TYPE_CODES,
  STALL_POINT_TYPE_CODES,
  WORKROOM_ACTIVITY_KIND_CODES,
} from '@chengguan/contracts';
import type { ActionSpec } from '../../components/ActionFormDrawer.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { bureauToday } from '../../lib/bureauTime';

// The officers' writes on compounds, stall points and workrooms that the console offers as forms (ActionFormDrawer).
// Field names are the bodies' keys (packages/contracts/src/community.ts).

/** The flat form of 处置物业报告 as the route's body: the officers are the inspectors, or the case's team. */
function disposalBody(v: Record<string, unknown>): Record<string, unknown> {
  const base = { disposal: v.disposal, ...(v.note ? { note: v.note } : {}) };
  if (v.disposal === 'inspection') return { ...base, inspectorIds: v.inspectorIds, dueOn: v.dueOn };
  if (v.disposal !== 'case') return base;
  const registration = {
    date: v.caseDate,
    discoveredOn: v.discoveredOn,
    source: v.source,
    offenceCode: v.offenceCode,
    party: { type: v.partyType, name: v.partyName, idType: v.partyIdType, idNumber: v.partyIdNumber },
    act: { actDate: v.actDate },
    location: v.location,
    facts: v.facts,
    officerIds: v.inspectorIds,
  };
  return { ...base, registration };
}

const opts = (codes: readonly string[], prefix: string) => codes.map((c) => ({ value: c, label: `${prefix}.${c}` as MessageKey }));

export const COMMUNITY_FORMS = {
  compoundProfile: {
    key: 'cp-profile',
    title: 'act.cp.profile',
    method: 'put',
    path: (id) => `/api/v1/compounds/${id}/profile`,
    fields: [
      { name: 'propertyCompanyId', label: 'act.f.propertyCompany', kind: 'subject' },
      { name: 'households', label: 'act.f.households', kind: 'int', min: 0, max: 1_000_000 },
    ],
  },
  annotation: {
    key: 'cp-annotation',
    title: 'act.cp.annotation',
    method: 'post',
    path: () => '/api/v1/house-annotations',
    fields: [
      { name: 'room', label: 'act.f.room', kind: 'text', required: true, maxLength: 50 },
      { name: 'reason', label: 'act.f.reason', kind: 'textarea', required: true, maxLength: 500 },
    ],
  },
  reportDispose: {
    key: 'cp-dispose',
    title: 'act.cp.dispose',
    method: 'post',
    path: (id) => `/api/v1/property-reports/${id}/dispose`,
    fields: [
      {
        name: 'disposal',
        label: 'act.f.disposal',
        kind: 'select',
        required: true,
        options: opts(['inspection', 'case', 'closed'], 'act.disposal'),
      },
      { name: 'inspectorIds', label: 'act.f.disposalOfficers', kind: 'officers' },
      { name: 'dueOn', label: 'act.f.dueOn', kind: 'date', initial: () => bureauToday().add(7, 'day') },
      { name: 'offenceCode', label: 'act.f.offenceCode', kind: 'text', maxLength: 40 },
      { name: 'source', label: 'act.f.caseSource', kind: 'select', options: opts(CASE_SOURCE_CODES, 'case.source'), initial: 'complaint' },
      {
        name: 'partyType',
        label: 'act.f.partyType',
        kind: 'select',
        options: opts(PARTY_TYPE_CODES, 'case.partyType'),
        initial: 'natural_person',
      },
      { name: 'partyName', label: 'act.f.partyName', kind: 'text', maxLength: 100 },
      { name: 'partyIdType', label: 'act.f.partyIdType', kind: 'select', options: opts(PARTY_ID_TYPES, 'case.idType'), initial: 'id_card' },
      { name: 'partyIdNumber', label: 'act.f.partyIdNumber', kind: 'text', maxLength: 40 },
      { name: 'caseDate', label: 'act.f.caseDate', kind: 'date', initial: () => bureauToday() },
      { name: 'discoveredOn', label: 'act.f.discoveredOn', kind: 'date', initial: () => bureauToday() },
      { name: 'actDate', label: 'act.f.actDate', kind: 'date', initial: () => bureauToday() },
      { name: 'location', label: 'act.f.location', kind: 'text', maxLength: 300 },
      { name: 'facts', label: 'act.f.facts', kind: 'textarea', maxLength: 20000 },
      { name: 'note', label: 'act.f.note', kind: 'textarea', maxLength: 500 },
    ],
    shape: disposalBody,
    fieldMap: {
      'registration.officerIds': 'inspectorIds',
      'registration.date': 'caseDate',
      'registration.discoveredOn': 'discoveredOn',
      'registration.source': 'source',
      'registration.offenceCode': 'offenceCode',
      'registration.party.type': 'partyType',
      'registration.party.name': 'partyName',
      'registration.party.idType': 'partyIdType',
      'registration.party.idNumber': 'partyIdNumber',
      'registration.act.actDate': 'actDate',
      'registration.location': 'location',
      'registration.facts': 'facts',
      registration: 'offenceCode',
    },
  },
  annotationRelease: {
    key: 'cp-release',
    title: 'act.cp.release',
    method: 'post',
    path: (id) => `/api/v1/house-annotations/${id}/release`,
    fields: [{ name: 'releaseReason', label: 'act.f.releaseReason', kind: 'textarea', required: true, maxLength: 500 }],
  },
  stallPoint: {
    key: 'st-point',
    title: 'act.st.point',
    method: 'put',
    path: () => '/api/v1/stall-points',
    fields: [
      { name: 'subjectId', label: 'act.f.subject', kind: 'subject', required: true },
      { name: 'pointType', label: 'act.f.pointType', kind: 'select', required: true, options: opts(STALL_POINT_TYPE_CODES, 'stalls.type') },
      { name: 'opensAt', label: 'act.f.opensAt', kind: 'text', required: true, maxLength: 5, initial: '08:00' },
      { name: 'closesAt', label: 'act.f.closesAt', kind: 'text', required: true, maxLength: 5, initial: '21:00' },
      { name: 'capacity', label: 'act.f.capacity', kind: 'int', required: true, min: 1, max: 10_000 },
      { name: 'rules', label: 'act.f.rules', kind: 'textarea', required: true, maxLength: 1000 },
    ],
  },
  stallStep: {
    key: 'st-step',
    title: 'act.st.step',
    method: 'post',
    path: (id) => `/api/v1/stall-points/${id}/steps`,
    fields: [
      {
        name: 'action',
        label: 'act.f.stallAction',
        kind: 'select',
        required: true,
        options: opts(['approve', 'suspend', 'supervise'], 'act.stallAction'),
      },
      { name: 'note', label: 'act.f.note', kind: 'textarea', maxLength: 500 },
    ],
  },
  workroom: {
    key: 'wr-new',
    title: 'act.wr.new',
    method: 'post',
    path: () => '/api/v1/workrooms',
    fields: [
      { name: 'orgId', label: 'act.f.squad', kind: 'squad', required: true },
      { name: 'name', label: 'act.f.name', kind: 'text', required: true, maxLength: 100 },
      { name: 'community', label: 'act.f.community', kind: 'text', required: true, maxLength: 100 },
      { name: 'address', label: 'act.f.address', kind: 'text', required: true, maxLength: 200 },
      { name: 'openingHours', label: 'act.f.openingHours', kind: 'text', required: true, maxLength: 200 },
      { name: 'officerIds', label: 'act.f.officers', kind: 'officers', initial: [] },
    ],
  },
  activity: {
    key: 'wr-activity',
    title: 'act.wr.activity',
    method: 'post',
    path: (id) => `/api/v1/workrooms/${id}/activities`,
    fields: [
      {
        name: 'kind',
        label: 'act.f.activityKind',
        kind: 'select',
        required: true,
        options: opts(WORKROOM_ACTIVITY_KIND_CODES, 'act.activityKind'),
      },
      { name: 'title', label: 'act.f.title', kind: 'text', required: true, maxLength: 200 },
      { name: 'heldOn', label: 'act.f.heldOn', kind: 'date', required: true },
      { name: 'participants', label: 'act.f.participants', kind: 'int', required: true, min: 0, max: 100_000 },
      { name: 'communityWeek', label: 'act.f.communityWeek', kind: 'bool', initial: false },
    ],
  },
  complaint: {
    key: 'wr-complaint',
    title: 'act.wr.complaint',
    method: 'post',
    path: (id) => `/api/v1/workrooms/${id}/complaints`,
    fields: [
      { name: 'categoryCode', label: 'act.f.categoryCode', kind: 'text', required: true, maxLength: 6 },
      { name: 'content', label: 'act.f.content', kind: 'textarea', required: true, maxLength: 2000 },
      { name: 'address', label: 'act.f.address', kind: 'text', maxLength: 200 },
      { name: 'reporterName', label: 'act.f.reporterName', kind: 'text', maxLength: 50 },
      { name: 'reporterPhone', label: 'act.f.reporterPhone', kind: 'text', maxLength: 20 },
    ],
  },
} satisfies Record<string, ActionSpec>;
