// The daily digest of what was published (R22 "公共数据上链", 000; docs/data-sharing.md §3): an SM3 Merkle tree over
// the day's published records, in the shape of RFC 6962 §2.1 with SM3 (GB/T 32905) in place of SHA-256 — a leaf is
// SM3(0x00 ‖ canonical JSON), a node SM3(0x01 ‖ left ‖ right), so a leaf can never pass for a node. An odd node at the
// end of a level is carried up unchanged. Anyone holding a record and its path recomputes the root and compares it
// with the signed one (rule DS1).
import { canonicalize } from '../audit/chain.ts';
import { sm3, sm3Hex } from '../crypto/sm3.ts';

export type MerkleStep = { side: 'left' | 'right'; hash: string };
export type PublishedLeaf = { kind: string; id: string; record: unknown };

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

/** DS1: the hash of one published record — its kind, id and content in canonical JSON. */
export function leafHash(leaf: PublishedLeaf): string {
  const text = new TextEncoder().encode(canonicalize({ id: leaf.id, kind: leaf.kind, record: leaf.record }));
  const buf = new Uint8Array(text.length + 1);
  buf[0] = 0;
  buf.set(text, 1);
  return hex(sm3(buf));
}

export function nodeHash(left: string, right: string): string {
  const buf = new Uint8Array(65);
  buf[0] = 1;
  buf.set(unhex(left), 1);
  buf.set(unhex(right), 33);
  return hex(sm3(buf));
}

/** The root of the leaves in their order; the root of no leaves is SM3 of nothing. */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return sm3Hex('');
  let level = [...leaves];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/** The path from leaf `index` to the root: the sibling at each level, and on which side it sits. */
export function merkleProof(leaves: readonly string[], index: number): MerkleStep[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} of ${leaves.length}`);
  const path: MerkleStep[] = [];
  let level = [...leaves];
  let i = index;
  while (level.length > 1) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    if (sibling < level.length) path.push({ side: i % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
    const next: string[] = [];
    for (let j = 0; j < level.length; j += 2) next.push(j + 1 < level.length ? nodeHash(level[j]!, level[j + 1]!) : level[j]!);
    level = next;
    i = Math.floor(i / 2);
  }
  return path;
}

/** The root a leaf and its path give. */
export function rootFromProof(leaf: string, path: readonly MerkleStep[]): string {
  return path.reduce((acc, step) => (step.side === 'left' ? nodeHash(step.hash, acc) : nodeHash(acc, step.hash)), leaf);
}

/** The message the day's SM2 signature covers (its SM3 is what is signed). */
export function digestMessage(day: string, leafCount: number, root: string): string {
  return `chengguan-publication-digest\n${day}\n${leafCount}\n${root}`;
}
