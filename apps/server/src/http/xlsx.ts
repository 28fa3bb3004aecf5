import ExcelJS from 'exceljs';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../context.ts';
import { actorOf } from './auth-hook.ts';

export type XlsxColumn<T> = { header: string; width?: number; value: (row: T) => string | number | boolean | Date | null };

/** Largest export in one file; a bureau that needs more narrows the filter. */
export const MAX_EXPORT_ROWS = 50_000;

export async function toXlsx<T>(sheetName: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chengguan';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sendXlsx(reply: FastifyReply, filename: string, body: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

/** A printable report (PDF) as a download, named in Chinese like the spreadsheets. */
export function sendPdf(reply: FastifyReply, filename: string, body: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

/**
 * A server-paged list and its Excel export with the same filters: `GET <path>` and `GET <path>/export.xlsx`.
 * Both take the actor from the request; the export answers the file named `filename`.
 */
export function listWithExportRoutes<Q>(
  app: FastifyInstance,
  r: {
    path: string;
    tags: string[];
    summary: string;
    exportSummary: string;
    querystring: TSchema;
    response: Record<number, TSchema>;
    filename: string;
    list: (actor: Actor, query: Q) => Promise<unknown>;
    exportXlsx: (actor: Actor, query: Q) => Promise<Buffer>;
  },
): void {
  app.get(r.path, { schema: { tags: r.tags, summary: r.summary, querystring: r.querystring, response: r.response } }, async (request) =>
    r.list(actorOf(request), request.query as Q),
  );
  app.get(
    `${r.path}/export.xlsx`,
    { schema: { tags: r.tags, summary: r.exportSummary, querystring: r.querystring } },
    async (request, reply) => sendXlsx(reply, r.filename, await r.exportXlsx(actorOf(request), request.query as Q)),
  );
}
