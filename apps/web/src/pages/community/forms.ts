import { STALL_POINT_TYPE_CODES, WORKROOM_ACTIVITY_KIND_CODES } from '@chengguan/contracts';
import type { ActionSpec } from '../../components/ActionFormDrawer.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';

// The officers' writes on compounds, stall points and workrooms that the console offers as forms (ActionFormDrawer).
// Field names are the bodies' keys (packages/contracts/src/community.ts).

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
