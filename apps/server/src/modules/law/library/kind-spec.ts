// One description per kind of library entry: how it is stored, checked, listed and laid out in a spreadsheet.
// The generic use-cases (create / update / delete / list / export / import) run on these descriptions.
import type { TSchema } from '@sinclair/typebox';
import type { LawKind } from '@chengguan/contracts';
import type { Executor } from '../../../context.ts';
import type { Issue } from '../law.errors.ts';
import type { Paged } from '../law-library.repository.ts';
import type { CellValue } from './cells.ts';

/** One column of the import/export layout; `field` names the body field it fills (for error reports). */
export type SheetColumn<S> = {
  header: string;
  field: string;
  /** The header must be present in an imported file. */
  required: boolean;
  width?: number;
  write(row: S): CellValue;
  /** Returns undefined for an empty cell; throws CellError when the cell cannot be read. */
  read(cell: CellValue): unknown;
  /** The value of an empty cell when the body needs one (an empty list); absent = leave the field out. */
  empty?: () => unknown;
};

// Members are declared as methods so that a specific kind is assignable to `AnyLibraryKind`.
export type LibraryKind<Dto extends { id: string }, Body, Sheet, Filter> = {
  kind: LawKind;
  /** Audit entity type, e.g. 'law.offence'. */
  entityType: string;
  sheetName: string;
  bodySchema: TSchema;
  columns: readonly SheetColumn<Sheet & { id?: string }>[];
  find(db: Executor, id: string): Promise<Dto | undefined>;
  list(db: Executor, filter: Filter, limit: number, offset: number): Promise<Paged<Dto>>;
  /** The full body of a stored entry (PATCH merges into it). */
  toBody(dto: Dto): Body;
  toSheet(dto: Dto): Sheet;
  /** A spreadsheet row → body, resolving references (e.g. an offence code + version date → offence id). */
  fromSheet(db: Executor, sheet: Sheet): Promise<{ body: Body | null; issues: Issue[] }>;
  /** Advisory-lock keys that serialize writers of the same versioned entry. */
  lockKeys(body: Body): string[];
  /** Every problem with `body` (dates, ranges, references, overlapping versions); `selfId` is excluded. */
  check(db: Executor, body: Body, selfId: string | null): Promise<Issue[]>;
  insert(db: Executor, id: string, body: Body, now: Date): Promise<void>;
  update(db: Executor, id: string, body: Body, now: Date): Promise<void>;
  /** Deletes, or returns the reasons it may not. */
  remove(db: Executor, id: string): Promise<Issue[]>;
};

export type AnyLibraryKind = LibraryKind<{ id: string }, unknown, unknown, unknown>;
