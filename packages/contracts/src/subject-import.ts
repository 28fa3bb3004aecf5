// 导入执法对象: a spreadsheet of the city's lists, checked (dry run) before its good rows are committed.
import { type Static, Type } from '@sinclair/typebox';
import { Text, Uuid } from './common.ts';

export const SubjectImportStatus = Type.Union([
  Type.Literal('checking'),
  Type.Literal('checked'),
  Type.Literal('committing'),
  Type.Literal('committed'),
  Type.Literal('failed'),
]);
export type SubjectImportStatus = Static<typeof SubjectImportStatus>;

export const SubjectImportBatch = Type.Object({
  id: Type.String({ format: 'uuid' }),
  bureauId: Type.String({ format: 'uuid' }),
  fileName: Type.Union([Type.String(), Type.Null()]),
  format: Type.String(),
  status: SubjectImportStatus,
  /** Rows read and checked so far (checking), then all of them. */
  processedRows: Type.Integer(),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  invalidRows: Type.Integer(),
  duplicateRows: Type.Integer(),
  /** Rows loaded into the registry (committing: so far). */
  committedRows: Type.Integer(),
  /** Header text → column number, as found in the file's first row. */
  columns: Type.Record(Type.String(), Type.Integer()),
  errorZh: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  committedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type SubjectImportBatch = Static<typeof SubjectImportBatch>;

export const SubjectImportIssue = Type.Object({
  column: Type.String(),
  code: Type.String(),
  messageZh: Type.String(),
});

export const SubjectImportProblemRow = Type.Object({
  rowNo: Type.Integer(),
  status: Type.Union([Type.Literal('invalid'), Type.Literal('duplicate')]),
  name: Type.Union([Type.String(), Type.Null()]),
  issues: Type.Array(SubjectImportIssue),
});
export type SubjectImportProblemRow = Static<typeof SubjectImportProblemRow>;

export const SubjectImportProblemPage = Type.Object({
  items: Type.Array(SubjectImportProblemRow),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type SubjectImportProblemPage = Static<typeof SubjectImportProblemPage>;

export const SubjectImportUploadQuery = Type.Object({
  bureauId: Type.Optional(Uuid),
  fileName: Type.Optional(Text(200)),
});
export type SubjectImportUploadQuery = Static<typeof SubjectImportUploadQuery>;

export const SubjectImportProblemQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type SubjectImportProblemQuery = Static<typeof SubjectImportProblemQuery>;
