import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ImportReport, Offence } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';

let ctx: TestContext;
let admin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
});
afterAll(async () => ctx?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  '案由编码',
  '案由名称',
  '执法领域',
  '违则',
  '罚则',
  '处罚种类',
  '罚款下限（元）',
  '罚款上限（元）',
  '关键词',
  '生效日期',
  '失效日期',
  '来源',
  '核实标记',
];
type Cell = string | number | Date | null;
const row = (code: string, over: Partial<Record<string, Cell>> = {}): Cell[] => {
  const base: Record<string, Cell> = {
    案由编码: code,
    案由名称: `导入案由 ${code}`,
    执法领域: '市容环境卫生',
    违则: '《测试条例》第3条',
    罚则: '《测试条例》第9条',
    处罚种类: '警告、罚款',
    '罚款下限（元）': 50,
    '罚款上限（元）': '1,000',
    关键词: '导入、测试',
    生效日期: '2022-01-01',
    失效日期: null,
    来源: '测试清单',
    核实标记: 'U',
    ...over,
  };
  return HEADERS.map((h) => base[h] ?? null);
};

async function xlsx(headers: string[], rows: Cell[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案由');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(kind: string, body: Buffer, dryRun: boolean, contentType = XLSX, token = admin) {
  return ctx.api('POST', `/api/v1/law/import/${kind}?dryRun=${dryRun}`, { token, body, headers: { 'content-type': contentType } });
}

const count = async (code: string) => (await ctx.api('GET', `/api/v1/law/offences?code=${code}`, { token: admin })).json().total as number;

describe('import a spreadsheet', () => {
  it('a good file: the dry run writes nothing, the import writes every row in one go', async () => {
    const file = await xlsx(HEADERS, [
      row('IMP-1'),
      row('IMP-2', { '罚款上限（元）': 200.5 }),
      row('IMP-3', { 生效日期: new Date(Date.UTC(2023, 5, 1)) }),
    ]);
    const dry = await upload('offences', file, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, rows: 3, created: 3, errors: [] });
    expect(await count('IMP-1')).toBe(0);
    const real = await upload('offences', file, false);
    expect(real.statusCode).toBe(200);
    expect(real.json()).toMatchObject({ ok: true, dryRun: false, created: 3, updated: 0 });
    const imp2 = (await ctx.api('GET', '/api/v1/law/offences?code=IMP-2', { token: admin })).json().items[0] as Offence;
    expect([imp2.minFineFen, imp2.maxFineFen, imp2.penaltyTypes, imp2.keywords]).toEqual([
      5_000,
      20_050,
      ['warning', 'fine'],
      ['导入', '测试'],
    ]);
    expect((await ctx.api('GET', '/api/v1/law/offences?code=IMP-3', { token: admin })).json().items[0].effectiveFrom).toBe('2023-06-01');
    const audit = (await ctx.api('GET', '/api/v1/audit?action=law.offence.import', { token: admin })).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].data.created).toHaveLength(3);
  });

  it('one bad row imports nothing; the report names each bad row and column', async () => {
    const file = await xlsx(HEADERS, [
      row('BAD-1'),
      row('BAD-2', { '罚款下限（元）': '五千' }),
      row('BAD-3', { 生效日期: '2025-02-30' }),
      row('BAD-4', { 执法领域: '太空' }),
      row('BAD-5', { 案由名称: null }),
      row('BAD-6', { 失效日期: '2021-01-01' }),
      row('BAD-7'),
    ]);
    const r = await upload('offences', file, false);
    expect(r.statusCode).toBe(422);
    const rep = r.json() as ImportReport;
    expect(rep.ok).toBe(false);
    expect(rep.created).toBe(0);
    const at = (n: number) => rep.errors.filter((e) => e.row === n).map((e) => e.column);
    expect(at(3)).toEqual(['罚款下限（元）']);
    expect(at(4)).toEqual(['生效日期']);
    expect(at(5)).toEqual(['执法领域']);
    expect(at(6)).toEqual(['案由名称']);
    expect(at(7)).toEqual(['失效日期']);
    expect(at(2)).toEqual([]);
    expect(rep.errors.find((e) => e.row === 3)?.message).toContain('五千');
    expect(rep.errors.every((e) => e.message && e.messageEn)).toBe(true);
    expect(await count('BAD-1')).toBe(0);
    expect(await count('BAD-7')).toBe(0);
  });

  it('overlapping versions inside the file and with the database', async () => {
    const file = await xlsx(HEADERS, [
      row('OVL-1', { 生效日期: '2020-01-01', 失效日期: '2022-12-31' }),
      row('OVL-1', { 生效日期: '2022-06-01' }),
      row('SH-LJ-57-2', { 生效日期: '2020-01-01' }),
    ]);
    const rep = (await upload('offences', file, true)).json() as ImportReport;
    expect(rep.ok).toBe(false);
    expect(rep.errors).toHaveLength(2);
    expect(rep.errors[0]).toMatchObject({ row: 3, column: '生效日期' });
    expect(rep.errors[0]!.message).toContain('第2行');
    expect(rep.errors[1]).toMatchObject({ row: 4, column: '生效日期' });
    expect(rep.errors[1]!.message).toContain('重叠');
  });

  it('wrong columns: an unknown header and a missing required one', async () => {
    const headers = HEADERS.filter((h) => h !== '生效日期').map((h) => (h === '罚款下限（元）' ? '罚款金额' : h));
    const rep = (await upload('offences', await xlsx(headers, [row('COL-1')]), true)).json() as ImportReport;
    expect(rep.ok).toBe(false);
    expect(rep.errors.every((e) => e.row === 1)).toBe(true);
    expect(rep.errors.map((e) => e.column).sort()).toEqual(['生效日期', '罚款下限（元）', '罚款金额'].sort());
  });

  it('merged cells', async () => {
    const file = await xlsx(HEADERS, [row('MRG-1'), row('MRG-2')], (ws) => ws.mergeCells('B2:B3'));
    const rep = (await upload('offences', file, true)).json() as ImportReport;
    expect(rep.ok).toBe(false);
    expect(rep.errors[0]).toMatchObject({ row: 2, column: '案由名称' });
    expect(rep.errors[0]!.message).toContain('B2:B3');
  });

  it('a file that is not a spreadsheet, and an empty body', async () => {
    const rep = (await upload('offences', Buffer.from('PK\u0003\u0004 not really a zip'), true)).json() as ImportReport;
    expect(rep.ok).toBe(false);
    expect(rep.errors[0]!.row).toBe(0);
    const empty = await ctx.api('POST', '/api/v1/law/import/offences', { token: admin, body: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.statusCode).toBe(400);
  });

  it('is forbidden to a field officer', async () => {
    const r = await upload('offences', await xlsx(HEADERS, [row('FO-1')]), true, XLSX, await ctx.login('pd_ljz_01'));
    expect(r.statusCode).toBe(403);
  });
});

describe('export → import round trip', () => {
  it('re-imports an exported file unchanged (updates by ID, no duplicates)', async () => {
    for (const kind of ['provisions', 'offences', 'discretion-standards', 'exemption-items', 'guidance']) {
      const before = (await ctx.api('GET', `/api/v1/law/${kind}?pageSize=200`, { token: admin })).json();
      const file = await ctx.api('GET', `/api/v1/law/export/${kind}.xlsx`, { token: admin });
      expect(file.statusCode).toBe(200);
      const r = await upload(kind, file.rawPayload, false);
      expect(r.json(), kind).toMatchObject({ ok: true, created: 0, updated: before.total });
      const after = (await ctx.api('GET', `/api/v1/law/${kind}?pageSize=200`, { token: admin })).json();
      const strip = (items: { updatedAt: string }[]) => items.map(({ updatedAt: _u, ...rest }) => rest);
      expect(strip(after.items), kind).toEqual(strip(before.items));
    }
  });

  it('imports CSV (UTF-8 with BOM) and multipart/form-data uploads', async () => {
    const csv =
      '\uFEFF清单名称,序号,违则,违法行为,适用条件,条件代码,生效日期,来源,核实标记\n测试清单,1,《测试条例》第1条,测试行为,首次被发现的,首次被发现、及时改正,2024-01-01,test,U\n';
    const r = await upload('exemption-items', Buffer.from(csv, 'utf8'), false, 'text/csv');
    expect(r.json()).toMatchObject({ ok: true, created: 1 });
    const item = (await ctx.api('GET', `/api/v1/law/exemption-items?listName=${encodeURIComponent('测试清单')}`, { token: admin })).json()
      .items[0];
    expect(item.conditions).toEqual(['first_discovery', 'corrected_promptly']);

    const boundary = '----cgtest';
    const file = await xlsx(HEADERS, [row('MP-1')]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const mp = await upload('offences', body, false, `multipart/form-data; boundary=${boundary}`);
    expect(mp.json()).toMatchObject({ ok: true, created: 1 });
    expect(await count('MP-1')).toBe(1);

    // A file name whose percent-encoding is broken only names the file: the upload is read all the same.
    const broken = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''%E0%A4%A.xlsx\r\n\r\n`),
      await xlsx(HEADERS, [row('MP-2')]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const named = await upload('offences', broken, true, `multipart/form-data; boundary=${boundary}`);
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ ok: true, dryRun: true });
  });
});
