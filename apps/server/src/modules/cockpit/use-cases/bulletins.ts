// 统计通报: a month's or a quarter's numbers of every theme the author may see, for one jurisdiction, frozen when
// generated (regenerating a draft replaces it; a published one is final), published by the leader, rendered as PDF
// (pdfkit, the documents' font, bar charts drawn as vectors) and as a workbook. A period without records gives a
// bulletin that says so. Other modules' bulletins are listed beside these through registerBulletinSource.
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Bulletin, BulletinCreateBody, BulletinList, BulletinListQuery, KpiValue } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { PRIMARY_BOLD, PRIMARY_REGULAR } from '../../documents/index.ts';
import { findOrg, getOrgRowOrFail } from '../../org/index.ts';
import { bulletinSources } from '../themes.ts';
import { themeNumbers, visibleThemes } from './theme-view.ts';

type Data = { months: string[]; empty: boolean; orgName: string; sections: Bulletin['sections'] };

export function periodMonths(kind: 'month' | 'quarter', period: string): string[] | null {
  if (kind === 'month') return /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? [period] : null;
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!m) return null;
  const first = (Number(m[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${m[1]}-${String(first + i).padStart(2, '0')}`);
}

type Row = {
  id: string;
  org_id: string;
  period_kind: string;
  period: string;
  status: string;
  data: unknown;
  note: string | null;
  created_at: Date;
  published_at: Date | null;
  publisher: string | null;
  org_path: string;
};

async function loadRow(deps: Deps, actor: Actor, id: string): Promise<Row> {
  const row = await deps.db
    .selectFrom('cockpit_bulletins as b')
    .innerJoin('orgs as o', 'o.id', 'b.org_id')
    .leftJoin('officers as p', 'p.id', 'b.published_by')
    .select(['b.id', 'b.org_id', 'b.period_kind', 'b.period', 'b.status', 'b.data', 'b.note', 'b.created_at', 'b.published_at'])
    .select(['p.name as publisher', 'o.path as org_path'])
    .where('b.id', '=', id)
    .executeTakeFirst();
  assertInJurisdiction(actor, row?.org_path);
  return row as Row;
}

function toBulletin(r: Row): Bulletin {
  const d = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Data;
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: d.orgName,
    periodKind: r.period_kind as 'month' | 'quarter',
    period: r.period,
    months: d.months,
    status: r.status as 'draft' | 'published',
    empty: d.empty,
    sections: d.sections,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    publishedBy: r.publisher,
  };
}

export async function createBulletin(deps: Deps, actor: Actor, meta: RequestMeta, body: BulletinCreateBody): Promise<Bulletin> {
  assertPermission(actor, 'bulletin:write');
  const months = periodMonths(body.periodKind, body.period);
  if (!months) {
    throw fieldError(
      'period',
      body.periodKind === 'month' ? '月度通报的期间须为年月，如 2026-03' : '季度通报的期间须为年份加季度，如 2026-Q1',
      body.periodKind === 'month'
        ? 'a monthly bulletin’s period is a month, e.g. 2026-03'
        : 'a quarterly bulletin’s period is a quarter, e.g. 2026-Q1',
    );
  }
  const today = shanghaiDate(deps.clock.now()).slice(0, 7);
  if (months[0]! > today) throw fieldError('period', '期间尚未开始，不能生成通报', 'the period has not begun');
  const org = await getOrgRowOrFail(deps.db, actor, body.orgId ?? actor.orgId);
  const sections: Bulletin['sections'] = [];
  for (const theme of visibleThemes(actor)) {
    const n = await themeNumbers(deps, theme, org, months);
    // A bulletin reports the period: stock numbers (what stands today) and unconnected sources are left out.
    const keep = (k: KpiValue) => !k.stock && k.connected;
    const keys = new Set(n.kpis.filter(keep).map((k) => k.key));
    sections.push({
      theme: theme.id,
      name: theme.name,
      kpis: n.kpis.filter(keep),
      children: n.children.map((c) => ({ ...c, values: Object.fromEntries(Object.entries(c.values).filter(([k]) => keys.has(k))) })),
    });
  }
  const empty = sections.every((s) => s.kpis.every((k) => !k.numerator && !k.denominator));
  const data: Data = { months, empty, orgName: org.name, sections };
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('cockpit_bulletins')
      .select(['id', 'status'])
      .where('org_id', '=', org.id)
      .where('period_kind', '=', body.periodKind)
      .where('period', '=', body.period)
      .forUpdate()
      .executeTakeFirst();
    if (old?.status === 'published') {
      throw new AppError('STATE_CONFLICT', {
        message: '该期通报已发布，不能重新生成',
        messageEn: 'This period’s bulletin is published and cannot be generated again',
      });
    }
    const newId = old?.id ?? deps.newId();
    const values = { status: 'draft', data: JSON.stringify(data), note: body.note ?? null, created_by: actor.id, created_at: now };
    if (old) await trx.updateTable('cockpit_bulletins').set(values).where('id', '=', old.id).execute();
    else
      await trx
        .insertInto('cockpit_bulletins')
        .values({ id: newId, org_id: org.id, period_kind: body.periodKind, period: body.period, ...values })
        .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'bulletin.generate',
      entityType: 'bulletin',
      entityId: newId,
      bureauId: org.bureau_id,
      data: { period: body.period, periodKind: body.periodKind, orgId: org.id, empty },
    });
    return newId;
  });
  return getBulletin(deps, actor, id);
}

export async function getBulletin(deps: Deps, actor: Actor, id: string): Promise<Bulletin> {
  assertPermission(actor, 'cockpit:read');
  return toBulletin(await loadRow(deps, actor, id));
}

export async function publishBulletin(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: { note?: string }): Promise<Bulletin> {
  assertPermission(actor, 'bulletin:publish');
  const row = await loadRow(deps, actor, id);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('cockpit_bulletins')
      .set({ status: 'published', published_by: actor.id, published_at: now, ...(body.note ? { note: body.note } : {}) })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      throw new AppError('STATE_CONFLICT', { message: '该通报已发布', messageEn: 'The bulletin is already published' });
    }
    const org = await findOrg(trx, row.org_id);
    await recordAudit(trx, deps, actor, meta, {
      action: 'bulletin.publish',
      entityType: 'bulletin',
      entityId: id,
      bureauId: org?.bureau_id ?? null,
      data: { period: row.period },
    });
  });
  return getBulletin(deps, actor, id);
}

export async function listBulletins(deps: Deps, actor: Actor, q: BulletinListQuery): Promise<BulletinList> {
  assertPermission(actor, 'cockpit:read');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let query = deps.db
    .selectFrom('cockpit_bulletins as b')
    .innerJoin('orgs as o', 'o.id', 'b.org_id')
    .where('o.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.status) query = query.where('b.status', '=', q.status);
  if (q.periodKind) query = query.where('b.period_kind', '=', q.periodKind);
  const rows = await query
    .select(['b.id', 'b.period', 'b.period_kind', 'b.status', 'b.published_at', 'o.name as org_name'])
    .orderBy('b.period', 'desc')
    .orderBy('b.id')
    .execute();
  const own = rows.map((r) => ({
    id: r.id,
    source: 'cockpit',
    title: `${r.org_name}${r.period_kind === 'month' ? '月度' : '季度'}统计通报（${r.period}）`,
    period: r.period,
    status: r.status,
    orgName: r.org_name,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    url: `/cockpit/bulletins/${r.id}`,
  }));
  const others = [];
  for (const [, lister] of bulletinSources()) {
    const items = await lister({ jurisdictionPath: actor.jurisdictionPath, permissions: actor.permissions });
    others.push(...items.filter((i) => !q.status || i.status === q.status));
  }
  const all = [...own, ...others].sort((a, b) => b.period.localeCompare(a.period));
  return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
}

const fmt = (k: { unit: string; value: number | null }) =>
  k.value === null
    ? '—'
    : k.unit === 'percent'
      ? `${k.value}%`
      : k.unit === 'yuan'
        ? `${k.value.toLocaleString('zh-CN')} 元`
        : String(k.value);

function titleOf(b: Bulletin): string {
  return `${b.orgName}${b.periodKind === 'month' ? '月度' : '季度'}统计通报（${b.period}）`;
}

export async function bulletinPdf(deps: Deps, actor: Actor, id: string): Promise<{ bytes: Buffer; filename: string }> {
  const b = await getBulletin(deps, actor, id);
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: titleOf(b) } });
  doc.registerFont('r', PRIMARY_REGULAR);
  doc.registerFont('b', PRIMARY_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font('b').fontSize(18).text(titleOf(b), { align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('r')
    .fontSize(10)
    .text(b.status === 'published' ? `已发布 ${b.publishedAt?.slice(0, 10) ?? ''} ${b.publishedBy ?? ''}` : '草稿（未发布）', {
      align: 'center',
    });
  doc.text(`统计期间：${b.months[0]} 至 ${b.months[b.months.length - 1]}`, { align: 'center' });
  doc.moveDown();
  if (b.note) doc.fontSize(11).text(b.note).moveDown();
  if (b.empty) {
    doc.font('b').fontSize(13).text('本期无统计数据');
    doc.font('r').fontSize(11).text('统计期间内本辖区没有案件、诉件、检查、排班或执法日志记录。本通报如实说明，不作推算。');
  }
  for (const s of b.sections) {
    if (doc.y > 680) doc.addPage();
    doc.font('b').fontSize(14).text(s.name).moveDown(0.3);
    doc.font('r').fontSize(10.5);
    for (const k of s.kpis) {
      const target =
        k.target === null
          ? ''
          : `（目标 ${k.targetOp === '<=' ? '≤' : '≥'} ${k.target}${k.unit === 'percent' ? '%' : ''}${k.met === null ? '' : k.met ? '，达标' : '，未达标'}）`;
      doc.text(`${k.name}：${fmt(k)}${target}`);
    }
    // The headline KPI by unit as bars (vector drawing; no chart image).
    const first = s.kpis[0];
    const rows = s.children.filter((c) => first && typeof c.values[first.key] === 'number');
    if (first && rows.length > 0) {
      doc.moveDown(0.3).font('b').fontSize(10.5).text(`${first.name}（按单位）`).font('r').fontSize(9);
      const max = Math.max(1, ...rows.map((c) => Number(c.values[first.key]) || 0));
      for (const c of rows.slice(0, 20)) {
        if (doc.y > 770) doc.addPage();
        const v = Number(c.values[first.key]) || 0;
        const y = doc.y;
        doc.text(c.name.slice(0, 14), 56, y, { width: 130 });
        doc
          .rect(190, y + 2, (v / max) * 280, 8)
          .fill('#1677ff')
          .fillColor('black');
        doc.text(String(v), 476, y, { width: 60 });
        doc.x = 56;
        doc.y = y + 13;
      }
    }
    doc.moveDown();
  }
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), filename: `${titleOf(b)}.pdf` };
}

export async function bulletinXlsx(deps: Deps, actor: Actor, id: string): Promise<{ bytes: Buffer; filename: string }> {
  const b = await getBulletin(deps, actor, id);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chengguan';
  const summary = wb.addWorksheet('指标');
  summary.columns = [
    { header: '主题', key: 'theme', width: 18 },
    { header: '指标', key: 'name', width: 24 },
    { header: '数值', key: 'value', width: 14 },
    { header: '分子', key: 'num', width: 12 },
    { header: '分母', key: 'den', width: 12 },
    { header: '目标', key: 'target', width: 10 },
    { header: '是否达标', key: 'met', width: 10 },
  ];
  summary.getRow(1).font = { bold: true };
  if (b.empty) summary.addRow({ theme: '本期无统计数据' });
  for (const s of b.sections) {
    for (const k of s.kpis) {
      summary.addRow({
        theme: s.name,
        name: k.name,
        value: k.value,
        num: k.numerator,
        den: k.denominator,
        target: k.target,
        met: k.met === null ? '' : k.met ? '达标' : '未达标',
      });
    }
    const ws = wb.addWorksheet(s.name.slice(0, 28));
    ws.columns = [{ header: '单位', key: 'name', width: 24 }, ...s.kpis.map((k) => ({ header: k.name, key: k.key, width: 16 }))];
    ws.getRow(1).font = { bold: true };
    for (const c of s.children) ws.addRow({ name: c.name, ...c.values });
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${titleOf(b)}.xlsx` };
}
