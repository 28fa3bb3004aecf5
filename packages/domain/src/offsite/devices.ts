// 非现场执法 devices (REQUIREMENTS.md R5; issue 14 §1). Which evidence from a device may found a case:
// 行政处罚法 Art. 41 (rule A5) — 「电子技术监控设备应当经过法制和技术审核，确保电子技术监控设备符合标准、设置合理、标志明显，
// 设置地点应当向社会公布」; 「未经审核或者经审核不符合要求的，不得作为行政处罚的证据」 — and, in 浦东, the published
// 非现场执法事项清单 (浦东非现场执法规定 Art. 4: only 「多发易发、直观可见…易于判断」 matters on the list; rule E11).
// Pure: the device record and the event's date are parameters; the case guard `monitoringDeviceReviewed` reads the
// same answer through `deviceEvidenceInput`.
import { compareDates, type LegalDate } from '../calendar/legal-date.ts';
import type { DeviceEvidenceInput } from '../cases/case-inputs.ts';

/**
 * Kinds of device. Cameras, drones, hangars and IoT sensors are 电子技术监控设备 under Art. 41 and may send events; a
 * body camera (执法记录仪) records the officer's own work (全过程记录, rule A7) and is registered for that, not as a
 * source of off-site events.
 */
export const DEVICE_KINDS = ['camera', 'drone', 'hangar', 'iot_sensor', 'body_camera'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Kinds that may report events which found an off-site case. */
export const EVENT_SOURCE_KINDS: readonly DeviceKind[] = ['camera', 'drone', 'hangar', 'iot_sensor'];

/** Fixed devices must have their location published (Art. 41); a drone's flight area is published as its location. */
export function isFixedDevice(kind: DeviceKind): boolean {
  return kind === 'camera' || kind === 'hangar' || kind === 'iot_sensor';
}

/** The register's facts about one device that decide whether its evidence is lawful. */
export type DeviceRecord = {
  kind: DeviceKind;
  /** Scene codes the device's setting-up was reviewed for (e.g. 跨门经营); an event of another scene is not judged by it. */
  scenes: readonly string[];
  /** 法制审核: the date the legal review of its setting-up passed; null when not reviewed or refused. */
  legalReviewPassedOn: LegalDate | null;
  /** 技术审核 / certification (计量检定 or 技术检测) and its validity; null when there is none. */
  techCertifiedOn: LegalDate | null;
  techCertifiedUntil: LegalDate | null;
  /** The date its location was announced to the public (向社会公布); null when not announced. */
  locationPublishedOn: LegalDate | null;
  /** The date it was taken out of service; null while in service. */
  retiredOn: LegalDate | null;
};

export const DEVICE_FITNESS_FIELDS = ['kind', 'scene', 'legalReview', 'techCertification', 'locationPublished', 'retired'] as const;
export type DeviceFitnessField = (typeof DEVICE_FITNESS_FIELDS)[number];

export type DeviceFitnessFailure = {
  ruleId: 'A5' | 'E11';
  basis: string;
  field: DeviceFitnessField;
  messageZh: string;
  messageEn: string;
};

const A5 = '行政处罚法 Art. 41';

function fail(
  field: DeviceFitnessField,
  messageZh: string,
  messageEn: string,
  ruleId: 'A5' | 'E11' = 'A5',
  basis = A5,
): DeviceFitnessFailure {
  return { ruleId, basis, field, messageZh, messageEn };
}

/**
 * A5 (处罚法 Art. 41): every reason why evidence the device recorded on `on` for `scene` may not found a case; empty when
 * it may. The reviews must have passed on or before that day (a review after the fact does not make earlier evidence
 * lawful), the certification must cover the day, a fixed device's location must have been announced by then, and the
 * device must have been reviewed for that scene.
 */
export function deviceFitness(device: DeviceRecord, on: LegalDate, scene: string): DeviceFitnessFailure[] {
  const out: DeviceFitnessFailure[] = [];
  const onOrBefore = (d: LegalDate | null) => d !== null && compareDates(d, on) <= 0;
  if (!EVENT_SOURCE_KINDS.includes(device.kind)) {
    out.push(
      fail('kind', '执法记录仪用于全过程记录，不是非现场执法的电子技术监控设备', 'A body camera is not an off-site monitoring device'),
    );
  }
  if (!device.scenes.includes(scene)) {
    out.push(fail('scene', `该设备未经审核用于场景「${scene}」`, `The device was not reviewed for the scene "${scene}"`));
  }
  if (!onOrBefore(device.legalReviewPassedOn)) {
    out.push(fail('legalReview', '设备设置未经法制审核，或审核晚于取证日期', 'The legal review had not passed by the day of the evidence'));
  }
  const certified =
    onOrBefore(device.techCertifiedOn) && device.techCertifiedUntil !== null && compareDates(on, device.techCertifiedUntil) <= 0;
  if (!certified) {
    out.push(
      fail(
        'techCertification',
        '设备未经技术审核（检定/检测）或取证日期不在有效期内',
        'The technical certification did not cover the day of the evidence',
      ),
    );
  }
  if (isFixedDevice(device.kind) && !onOrBefore(device.locationPublishedOn)) {
    out.push(
      fail(
        'locationPublished',
        '设备设置地点未在取证前向社会公布',
        'The location had not been announced to the public by the day of the evidence',
      ),
    );
  }
  if (device.retiredOn !== null && compareDates(device.retiredOn, on) <= 0) {
    out.push(fail('retired', '设备在取证日期已停用', 'The device was out of service on the day of the evidence'));
  }
  return out;
}

/**
 * The case guard's input (A5, `monitoringDeviceReviewed`) for evidence from this device, so that a case registered from
 * an event is checked by the same rule as any other device evidence. `reviewResult` is the reviewer's verdict that the
 * record is 「真实、清晰、完整、准确」.
 */
export function deviceEvidenceInput(
  device: DeviceRecord,
  on: LegalDate,
  scene: string,
  reviewResult: 'pass' | 'fail',
): DeviceEvidenceInput {
  const failures = new Set(deviceFitness(device, on, scene).map((f) => f.field));
  return {
    deviceLegalReview: !failures.has('legalReview') && !failures.has('scene') && !failures.has('kind') && !failures.has('retired'),
    deviceTechReview: !failures.has('techCertification'),
    fixedDevice: isFixedDevice(device.kind),
    locationPublished: !failures.has('locationPublished'),
    reviewResult,
  };
}

/**
 * E11 (浦东非现场执法规定 Art. 4): in 浦东 only matters on the district's published 非现场执法事项清单 may be handled
 * off-site. `listedScenes` is that list (configuration: the 区政府 publishes and updates it).
 */
export function pudongSceneListed(scene: string, listedScenes: readonly string[]): DeviceFitnessFailure | null {
  if (listedScenes.includes(scene)) return null;
  return fail(
    'scene',
    `场景「${scene}」不在浦东新区公布的非现场执法事项清单内`,
    `The scene "${scene}" is not on Pudong's published list of off-site matters`,
    'E11',
    '上海市浦东新区城市管理领域非现场执法规定 Art. 4',
  );
}
