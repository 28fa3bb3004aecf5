// 导入执法对象 on the engine under test: a list with good and bad rows is checked (problems by row and column,
// duplicates within the file and against the registry), the commit loads exactly the rows that passed with their
// squad from the service areas, a retried commit or a second upload of the same file adds nothing, an .xlsx goes the
// same way, and only the bureau's administrators and leaders reach their own bureau's batches.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, idNumberCheckDigit } from '@chengguan/domain';
import { runDueJobs } from '../src/modules/scheduler/index.ts';
import { COMMIT_JOB, subjectImportModule } from '../src/modules/subjects/import/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

let ctx: TestContext;
let admin: string;
let pdBureau: string;
let ljzSquad: string;

const credit = (n: number) => {
  const first17 = `91310115MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};
const idNo = () => {
  const first17 = '31011519800101123';
  return first17 + idNumberCheckDigit(first17);
};
const HEADER = [
  '名称',
  '类型',
  '统一社会信用代码',
  '身份证号',
  '车牌',
  '地址',
  '经度',
  '纬度',
  '联系人',
  '电话',
  '证照类型',
  '证照编号',
  '发证日期',
  '有效期至',
  '标签',
];
const csvOf = (rows: string[][]) =>
  [HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
const row = (o: Partial<Record<(typeof HEADER)[number], string>>) => HEADER.map((h) => o[h] ?? '');

const ROWS = [
  /* 2 */ row({
    名称: '好邻居便利店（世纪大道店）',
    类型: '沿街商户',
    统一社会信用代码: credit(1),
    地址: '上海市浦东新区世纪大道100号',
    经度: '121.51',
    纬度: '31.235',
    联系人: '王伟',
    电话: '13800000001',
    标签: '临街，门责区域',
  }),
  /* 3 */ row({ 名称: '错码商店', 类型: '沿街商户', 统一社会信用代码: '91310115MA00000019', 地址: '上海市浦东新区张杨路1号' }),
  /* 4 */ row({ 名称: '不明对象', 类型: '飞行器', 地址: '上海市浦东新区张杨路2号' }),
  /* 5 */ row({ 名称: '重复便利店', 类型: '沿街商户', 统一社会信用代码: credit(1), 地址: '上海市浦东新区张杨路3号' }),
  /* 6 */ row({
    名称: '阿英面馆',
    类型: '餐饮油烟',
    统一社会信用代码: credit(2),
    地址: '上海市浦东新区张杨路4号',
    证照类型: '食品经营许可证',
    证照编号: 'JY231011500001',
    发证日期: '2025-06-01',
    有效期至: '2024-06-01',
  }),
  /* 7 */ row({ 名称: '库中已有商店', 类型: '沿街商户', 统一社会信用代码: credit(3), 地址: '上海市浦东新区张杨路5号' }),
  /* 8 */ row({
    名称: '张记水果',
    类型: '沿街商户',
    身份证号: idNo(),
    地址: '上海市浦东新区张杨路6号',
    证照类型: '营业执照',
    证照编号: 'YZ0001',
    发证日期: '2020/3/1',
  }),
  /* 9 */ row({
    名称: '日期错店',
    类型: '餐饮油烟',
    统一社会信用代码: credit(4),
    地址: '上海市浦东新区张杨路7号',
    证照编号: 'JY2310115000002',
    发证日期: '2026-02-30',
    有效期至: '2030-01-01',
  }),
];

type Batch = {
  id: string;
  status: string;
  validRows: number;
  invalidRows: number;
  duplicateRows: number;
  committedRows: number;
  totalRows: number;
};

const runJobs = () => runDueJobs(ctx.deps, subjectImportModule.jobs!, 'test-worker', 20);

async function upload(token: string, body: Buffer | string, type = 'text/csv'): Promise<Batch> {
  const r = await ctx.api('POST', '/api/v1/subject-imports?fileName=list.csv', {
    token,
    body: typeof body === 'string' ? Buffer.from(body) : body,
    headers: { 'content-type': type },
  });
  expect(r.statusCode, r.body).toBe(202);
  return r.json() as Batch;
}

async function batch(id: string, token = admin): Promise<Batch> {
  const r = await ctx.api('GET', `/api/v1/subject-imports/${id}`, { token });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Batch;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('pd_admin');
  const orgs = await ctx.deps.db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('name', 'in', ['浦东新区城市管理行政执法局', '陆家嘴街道中队'])
    .execute();
  pdBureau = orgs.find((o) => o.name === '浦东新区城市管理行政执法局')!.id;
  ljzSquad = orgs.find((o) => o.name === '陆家嘴街道中队')!.id;
  const ring = [
    [121.49, 31.22],
    [121.53, 31.22],
    [121.53, 31.25],
    [121.49, 31.25],
    [121.49, 31.22],
  ];
  await ctx.deps.db
    .insertInto('org_areas')
    .values({
      org_id: ljzSquad,
      street_name: '陆家嘴街道',
      geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
      min_lon: 121.49,
      min_lat: 31.22,
      max_lon: 121.53,
      max_lat: 31.25,
    })
    // The demo registry gives 陆家嘴 an area of its own; this test's ring replaces it.
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({
        geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
        min_lon: 121.49,
        min_lat: 31.22,
        max_lon: 121.53,
        max_lat: 31.25,
      }),
    )
    .execute();
  // Already in the registry: the credit code of row 7.
  await ctx.deps.db
    .insertInto('subjects')
    .values({
      id: ctx.deps.newId(),
      code: 'EXISTING0001',
      bureau_id: pdBureau,
      kind: 'street_shop',
      name: '库中商店',
      name_key: '库中商店',
      credit_code: credit(3),
      address: '上海市浦东新区张杨路99号',
      address_key: '张杨路99号',
    })
    .execute();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('subject import', () => {
  let checked: Batch;

  it('checks the file: problems by row and column, duplicates in the file and against the registry', async () => {
    const opened = await upload(admin, csvOf(ROWS));
    expect(opened.status).toBe('checking');
    expect(await runJobs()).toBe(1);
    checked = await batch(opened.id);
    expect(checked).toMatchObject({ status: 'checked', totalRows: 8, validRows: 2, invalidRows: 4, duplicateRows: 2 });
    const r = await ctx.api('GET', `/api/v1/subject-imports/${opened.id}/problems?pageSize=50`, { token: admin });
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json() as { total: number; items: { rowNo: number; status: string; issues: { column: string; code: string }[] }[] };
    expect(page.total).toBe(6);
    const byRow = new Map(page.items.map((i) => [i.rowNo, i]));
    expect([...byRow.keys()]).toEqual([3, 4, 5, 6, 7, 9]);
    expect(byRow.get(3)!.issues).toContainEqual(expect.objectContaining({ column: '统一社会信用代码', code: 'CREDIT_CODE_INVALID' }));
    expect(byRow.get(4)!.issues).toContainEqual(expect.objectContaining({ column: '类型', code: 'KIND_UNKNOWN' }));
    expect(byRow.get(5)).toMatchObject({ status: 'duplicate' });
    expect(byRow.get(5)!.issues).toContainEqual(expect.objectContaining({ column: '统一社会信用代码', code: 'DUPLICATE_IN_FILE' }));
    expect(byRow.get(6)!.issues).toContainEqual(expect.objectContaining({ column: '有效期至', code: 'LICENCE_EXPIRES_BEFORE_ISSUE' }));
    expect(byRow.get(7)).toMatchObject({ status: 'duplicate' });
    expect(byRow.get(7)!.issues).toContainEqual(expect.objectContaining({ column: '统一社会信用代码', code: 'DUPLICATE_IN_REGISTRY' }));
    expect(byRow.get(9)!.issues).toContainEqual(expect.objectContaining({ column: '发证日期', code: 'DATE_INVALID' }));
    // The report workbook lists the same problems.
    const x = await ctx.api('GET', `/api/v1/subject-imports/${opened.id}/report.xlsx`, { token: admin });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const lines: string[] = [];
    sheet.eachRow((rw, n) => n > 1 && lines.push(`${String(rw.getCell(1).value)}|${String(rw.getCell(3).value)}`));
    expect(lines).toContain('3|统一社会信用代码');
    expect(lines).toContain('9|发证日期');
  });

  it('the commit writes exactly the rows that passed, with their squad; a retry and a second upload add nothing', async () => {
    const r = await ctx.api('POST', `/api/v1/subject-imports/${checked.id}/commit`, { token: admin });
    expect(r.statusCode, r.body).toBe(202);
    expect((r.json() as Batch).status).toBe('committing');
    await runJobs();
    expect(await batch(checked.id)).toMatchObject({ status: 'committed', committedRows: 2 });
    const rows = await ctx.deps.db.selectFrom('subjects').selectAll().where('import_batch_id', '=', checked.id).orderBy('name').execute();
    expect(rows.map((s) => s.name).sort()).toEqual(['好邻居便利店（世纪大道店）', '张记水果'].sort());
    const shop = rows.find((s) => s.name.startsWith('好邻居'))!;
    expect(shop).toMatchObject({
      org_id: ljzSquad,
      bureau_id: pdBureau,
      street: '陆家嘴街道',
      kind: 'street_shop',
      risk_level: 'green',
      verified: false,
    });
    expect(shop.tags).toEqual(['临街', '门责区域']);
    const fruit = rows.find((s) => s.name === '张记水果')!;
    expect(fruit.org_id).toBeNull();
    const licences = await ctx.deps.db.selectFrom('subject_licences').selectAll().where('subject_id', '=', fruit.id).execute();
    expect(licences).toMatchObject([{ kind: 'business_licence', number: 'YZ0001', issued_on: '2020-03-01', valid_until: null }]);
    const events = await ctx.deps.db
      .selectFrom('subject_events')
      .select(['kind'])
      .where(
        'subject_id',
        'in',
        rows.map((s) => s.id),
      )
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['registered', 'registered']);

    // The same commit again: answered, nothing added.
    const again = await ctx.api('POST', `/api/v1/subject-imports/${checked.id}/commit`, { token: admin });
    expect(again.statusCode, again.body).toBe(202);
    expect(await runJobs()).toBe(0);
    const count = async () =>
      Number(
        (
          await ctx.deps.db
            .selectFrom('subjects')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // The same file uploaded again: its good rows are now in the registry, so they are duplicates.
    const second = await upload(admin, csvOf(ROWS));
    await runJobs();
    expect(await batch(second.id)).toMatchObject({ status: 'checked', validRows: 0, duplicateRows: 4 });
    await ctx.api('POST', `/api/v1/subject-imports/${second.id}/commit`, { token: admin });
    await runJobs();
    expect(await batch(second.id)).toMatchObject({ status: 'committed', committedRows: 0 });
    expect(await count()).toBe(before);
  });

  it('reads an .xlsx list the same way (streaming reader), dates as date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('清单');
    ws.addRow(HEADER);
    ws.addRow(
      row({ 名称: '建设工地甲', 类型: '建筑工地', 统一社会信用代码: credit(10), 地址: '上海市浦东新区东方路8号', 证照编号: 'SG0001' }),
    );
    ws.getRow(2).getCell(13).value = new Date(Date.UTC(2025, 0, 15));
    ws.getRow(2).getCell(14).value = new Date(Date.UTC(2027, 0, 14));
    ws.addRow(row({ 名称: '', 类型: '物业', 地址: '上海市浦东新区东方路9号' }));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const opened = await upload(admin, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await runJobs();
    const b = await batch(opened.id);
    expect(b, JSON.stringify(b)).toMatchObject({ status: 'checked', totalRows: 2, validRows: 1, invalidRows: 1 });
    const r = await ctx.api('GET', `/api/v1/subject-imports/${opened.id}/problems`, { token: admin });
    const items = (r.json() as { items: { rowNo: number; issues: { column: string }[] }[] }).items;
    expect(items[0]!.rowNo).toBe(3);
    expect(items[0]!.issues.map((i) => i.column)).toEqual(expect.arrayContaining(['名称', '统一社会信用代码']));
    await ctx.api('POST', `/api/v1/subject-imports/${opened.id}/commit`, { token: admin });
    await runJobs();
    const site = await ctx.deps.db.selectFrom('subjects').selectAll().where('import_batch_id', '=', opened.id).executeTakeFirstOrThrow();
    const licence = await ctx.deps.db
      .selectFrom('subject_licences')
      .selectAll()
      .where('subject_id', '=', site.id)
      .executeTakeFirstOrThrow();
    expect(licence).toMatchObject({ kind: 'construction_permit', issued_on: '2025-01-15', valid_until: '2027-01-14' });
  });

  it('a commit that fails midway leaves nothing; the retry loads the batch once, with one audit row and its digest', async () => {
    const rows = [
      row({ 名称: '中途失败甲店', 类型: '沿街商户', 统一社会信用代码: credit(21), 地址: '上海市浦东新区崂山路1号' }),
      row({
        名称: '中途失败乙店',
        类型: '餐饮油烟',
        统一社会信用代码: credit(22),
        地址: '上海市浦东新区崂山路2号',
        证照类型: '食品经营许可证',
        证照编号: 'JY2310115000022',
        发证日期: '2025-01-01',
        有效期至: '2029-12-31',
      }),
    ];
    const opened = await upload(admin, csvOf(rows));
    await runJobs();
    expect(await batch(opened.id)).toMatchObject({ status: 'checked', validRows: 2 });
    // The licence of the second row cannot be written: the subjects go in first, then the licences fail.
    await sql`UPDATE subject_import_rows SET licence_issued_on = '2025-13-45'
               WHERE batch_id = ${opened.id} AND licence_id IS NOT NULL`.execute(ctx.deps.db);
    expect((await ctx.api('POST', `/api/v1/subject-imports/${opened.id}/commit`, { token: admin })).statusCode).toBe(202);
    await runJobs();
    const written = async () => ({
      subjects: (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects WHERE import_batch_id = ${opened.id}`.execute(ctx.deps.db)
      ).rows[0]!.n,
      events: (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM subject_events WHERE ref_type = 'subject_import' AND ref_id = ${opened.id}`.execute(ctx.deps.db)
      ).rows[0]!.n,
      audits: (
        await sql<{ data: { committedRows: number; rowsDigestSha256: string } }>`
          SELECT data FROM audit_log WHERE action = 'subject_import.commit' AND entity_id = ${opened.id}`.execute(ctx.deps.db)
      ).rows,
    });
    expect(await written()).toEqual({ subjects: 0, events: 0, audits: [] });
    expect(await batch(opened.id)).toMatchObject({ status: 'committing', committedRows: 0 });
    // Corrected, the job's retry loads both rows; a second run of the job finds the batch committed.
    await sql`UPDATE subject_import_rows SET licence_issued_on = '2025-01-01'
               WHERE batch_id = ${opened.id} AND licence_id IS NOT NULL`.execute(ctx.deps.db);
    const commitJob = subjectImportModule.jobs![COMMIT_JOB]!;
    const job = { payload: { batchId: opened.id } } as unknown as Parameters<typeof commitJob>[1];
    await commitJob(ctx.deps, job);
    await commitJob(ctx.deps, job);
    expect(await batch(opened.id)).toMatchObject({ status: 'committed', committedRows: 2 });
    const after = await written();
    expect(after.subjects).toBe(2);
    expect(after.events).toBe(2);
    expect(after.audits).toHaveLength(1);
    expect(after.audits[0]!.data.committedRows).toBe(2);
    expect(after.audits[0]!.data.rowsDigestSha256).toMatch(/^[0-9a-f]{64}$/);
    const site = await ctx.deps.db
      .selectFrom('subjects')
      .select(['licence_state', 'next_inspection_on', 'risk_rule_version', 'risk_computed'])
      .where('import_batch_id', '=', opened.id)
      .where('name', '=', '中途失败乙店')
      .executeTakeFirstOrThrow();
    expect(site).toMatchObject({ licence_state: 'valid', risk_rule_version: 0, risk_computed: 'green' });
    expect(site.next_inspection_on).not.toBeNull();
  });

  it('a record registered between the check and the commit with the same credit code is set aside, not a failure', async () => {
    const opened = await upload(
      admin,
      csvOf([
        row({ 名称: '后登记甲店', 类型: '沿街商户', 统一社会信用代码: credit(31), 地址: '上海市浦东新区崂山路11号' }),
        row({ 名称: '后登记乙店', 类型: '沿街商户', 统一社会信用代码: credit(32), 地址: '上海市浦东新区崂山路12号' }),
      ]),
    );
    await runJobs();
    expect(await batch(opened.id)).toMatchObject({ status: 'checked', validRows: 2 });
    await ctx.deps.db
      .insertInto('subjects')
      .values({
        id: ctx.deps.newId(),
        code: 'LATECOMER001',
        bureau_id: pdBureau,
        kind: 'street_shop',
        name: '抢先登记店',
        name_key: '抢先登记店',
        credit_code: credit(31),
        address: '上海市浦东新区崂山路99号',
        address_key: '崂山路99号',
      })
      .execute();
    await ctx.api('POST', `/api/v1/subject-imports/${opened.id}/commit`, { token: admin });
    await runJobs();
    expect(await batch(opened.id)).toMatchObject({ status: 'committed', committedRows: 1, validRows: 1, duplicateRows: 1 });
    const r = await ctx.api('GET', `/api/v1/subject-imports/${opened.id}/problems`, { token: admin });
    const items = (r.json() as { items: { rowNo: number; status: string; issues: { code: string }[] }[] }).items;
    expect(items).toMatchObject([{ rowNo: 2, status: 'duplicate', issues: [{ code: 'DUPLICATE_IN_REGISTRY' }] }]);
  });

  it('a file without the required columns fails with the reason', async () => {
    const opened = await upload(admin, '名字,地点\n甲,乙\n');
    await runJobs();
    const b = (await ctx.api('GET', `/api/v1/subject-imports/${opened.id}`, { token: admin })).json() as Batch & { errorZh: string };
    expect(b.status).toBe('failed');
    expect(b.errorZh).toContain('名称');
  });

  it('only administrators and leaders import, and only into their own bureau', async () => {
    const officer = await ctx.login('pd_ljz_01');
    const r = await ctx.api('POST', '/api/v1/subject-imports', {
      token: officer,
      body: Buffer.from(csvOf(ROWS)),
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.statusCode).toBe(403);
    expect((await ctx.api('GET', `/api/v1/subject-imports/${checked.id}`, { token: officer })).statusCode).toBe(403);
    const qp = await ctx.login('qp_admin');
    expect((await ctx.api('GET', `/api/v1/subject-imports/${checked.id}`, { token: qp })).statusCode).toBe(404);
    expect((await ctx.api('GET', `/api/v1/subject-imports/${checked.id}/problems`, { token: qp })).statusCode).toBe(404);
    expect((await ctx.api('POST', `/api/v1/subject-imports/${checked.id}/commit`, { token: qp })).statusCode).toBe(404);
    const intoOther = await ctx.api('POST', `/api/v1/subject-imports?bureauId=${pdBureau}`, {
      token: qp,
      body: Buffer.from(csvOf(ROWS)),
      headers: { 'content-type': 'text/csv' },
    });
    expect(intoOther.statusCode).toBe(404);
  });
});
