import { VERIFICATION_MARKS, type VerificationMark } from '@chengguan/contracts';
import { readEnum, readText } from '../cells.ts';
import type { SheetColumn } from '../kind-spec.ts';

const MARK_LABELS = Object.fromEntries(VERIFICATION_MARKS.map((m) => [m, m])) as Record<VerificationMark, string>;

/** The three columns every library layout ends with: 来源, 核实标记 (V/P/U), 备注. */
export function provenanceColumns<S extends { verification: VerificationMark; source: string; note?: string | null }>(): SheetColumn<
  S & { id?: string }
>[] {
  return [
    { header: '来源', field: 'source', required: true, width: 40, write: (r) => r.source, read: readText },
    {
      header: '核实标记',
      field: 'verification',
      required: true,
      width: 10,
      write: (r) => r.verification,
      read: (c) => readEnum(c, MARK_LABELS),
    },
    { header: '备注', field: 'note', required: false, width: 30, write: (r) => r.note ?? null, read: readText },
  ];
}
