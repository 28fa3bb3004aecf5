// 一店一码: the public page a QR code on the shop's door opens — who the subject is, its licences, the published
// results of its inspections, and where to complain. No login; the code is the key (unguessable, one per record).
// The risk level is not shown: it is an internal supervision grade (国办发〔2015〕58号 asks to publish inspection
// results, not grades), and a red label on a door before any decision would publish a suspicion (docs/subjects.md).
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { PublicSubject } from '@chengguan/contracts';
import { licenceState, SUBJECT_KIND_DEFAULTS, type SubjectKind } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { dateText } from '../subjects.mapper.ts';
import { subjectOrFail } from './read-subjects.ts';

/** Until a complaints module exists, complaints go to the city's 12345 citizen hotline. */
export const COMPLAINT_HOTLINE = '12345';

const LICENCE_KIND_ZH: Record<string, string> = {
  construction_permit: '建筑工程施工许可证',
  food_business_licence: '食品经营许可证',
  construction_waste_transport_permit: '建筑垃圾运输许可',
  vehicle_transport_certificate: '车辆运输证',
  business_licence: '营业执照',
  outdoor_ad_permit: '户外广告设置许可',
};
export const licenceKindZh = (kind: string): string => LICENCE_KIND_ZH[kind] ?? kind;

const STATE_ZH: Record<string, string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
  not_yet_valid: '尚未生效',
  revoked: '已吊销或注销',
};

type Published = {
  visitId?: string;
  outcome?: string;
  publishedOn?: string;
  matters?: { code?: string; nameZh?: string }[];
  failedItems?: { textZh?: string }[];
  published?: boolean;
};

export async function publicSubject(deps: Deps, code: string): Promise<PublicSubject> {
  let s = await deps.db
    .selectFrom('subjects as s')
    .innerJoin('orgs as b', 'b.id', 's.bureau_id')
    .select(['s.id', 's.code', 's.kind', 's.name', 's.address', 's.status', 's.merged_into', 'b.name as bureau_name'])
    .where('s.code', '=', code)
    .executeTakeFirst();
  // A merged record's card still works: it shows the record it was merged into.
  if (s?.status === 'merged' && s.merged_into) {
    s = await deps.db
      .selectFrom('subjects as s')
      .innerJoin('orgs as b', 'b.id', 's.bureau_id')
      .select(['s.id', 's.code', 's.kind', 's.name', 's.address', 's.status', 's.merged_into', 'b.name as bureau_name'])
      .where('s.id', '=', s.merged_into)
      .executeTakeFirst();
  }
  if (!s) throw new AppError('NOT_FOUND');
  const today = shanghaiDate(deps.clock.now());
  const [licences, events] = await Promise.all([
    deps.db.selectFrom('subject_licences').selectAll().where('subject_id', '=', s.id).orderBy('created_at').orderBy('id').execute(),
    deps.db
      .selectFrom('subject_events')
      .select(['occurred_on', 'kind', 'data'])
      .where('subject_id', '=', s.id)
      .where('kind', 'in', ['passed_inspection', 'failed_inspection'])
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
  ]);
  const published = events.filter((e) => (e.data as Published | null)?.published === true).slice(0, 10);
  return {
    code: s.code,
    name: s.name,
    kindLabelZh: SUBJECT_KIND_DEFAULTS[s.kind as SubjectKind]?.labelZh ?? s.kind,
    address: s.address,
    status: s.status,
    licences: licences.map((l) => {
      const validUntil = dateText(l.valid_until);
      const state = licenceState(
        { kind: l.kind, number: l.number, issuedOn: dateText(l.issued_on) ?? '1900-01-01', validUntil, revoked: l.revoked },
        today,
      );
      return { kindLabelZh: licenceKindZh(l.kind), number: l.number, validUntil, stateZh: STATE_ZH[state] ?? state };
    }),
    inspections: published.map((e) => {
      const d = e.data as Published;
      return {
        publishedOn: d.publishedOn ?? dateText(e.occurred_on)!,
        occurredOn: dateText(e.occurred_on)!,
        outcome: d.outcome ?? (e.kind === 'passed_inspection' ? 'passed' : 'failed'),
        passed: e.kind === 'passed_inspection',
        matters: (d.matters ?? []).map((m) => m.nameZh ?? m.code ?? '').filter(Boolean),
        failedItems: (d.failedItems ?? []).map((i) => i.textZh ?? '').filter(Boolean),
      };
    }),
    complaint: {
      hotline: COMPLAINT_HOTLINE,
      textZh: '如发现该对象有违法违规行为，请拨打12345市民服务热线投诉举报（本平台的网上投诉功能尚未开通）。',
    },
    agencyName: s.bureau_name,
  };
}

export function publicUrlOf(deps: Deps, code: string): string {
  return `${deps.config.publicBaseUrl.replace(/\/$/, '')}/s/${code}`;
}

export async function subjectQrPng(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  const row = await subjectOrFail(deps, deps.db, actor, id);
  return QRCode.toBuffer(publicUrlOf(deps, row.code), { errorCorrectionLevel: 'M', margin: 2, width: 512, type: 'png' });
}

const require = createRequire(import.meta.url);
const FONT = path.join(
  path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json')),
  '400Regular/NotoSerifSC_400Regular.ttf',
);

/** The printable card (A6): the subject's name, kind and address, the QR code, the code in letters, the bureau. */
export async function subjectCardPdf(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  const row = await subjectOrFail(deps, deps.db, actor, id);
  const bureau = await deps.db.selectFrom('orgs').select('name').where('id', '=', row.bureau_id).executeTakeFirstOrThrow();
  const url = publicUrlOf(deps, row.code);
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({ size: 'A6', margin: 24, info: { Title: `一店一码 ${row.name}`, Author: bureau.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('zh', FONT);
  doc.font('zh');
  const width = doc.page.width - 48;
  doc.fontSize(16).text('一店一码', { align: 'center', width });
  doc.moveDown(0.3).fontSize(12).text(row.name, { align: 'center', width });
  doc.fontSize(8).text(`${SUBJECT_KIND_DEFAULTS[row.kind as SubjectKind]?.labelZh ?? ''} ${row.address ?? ''}`, { align: 'center', width });
  const size = 150;
  const x = (doc.page.width - size) / 2;
  const y = doc.y + 8;
  const n = qr.modules.size;
  const cell = size / n;
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + c * cell, y + r * cell, cell, cell);
  doc.fillColor('black').fill();
  doc.y = y + size + 8;
  doc.fontSize(10).text(row.code, { align: 'center', width, characterSpacing: 1 });
  doc.fontSize(7).text('扫码查看证照信息和检查结果；投诉举报请拨打12345', { align: 'center', width });
  doc.fontSize(8).text(bureau.name, { align: 'center', width });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
