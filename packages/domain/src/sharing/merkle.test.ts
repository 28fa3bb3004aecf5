import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafHash, merkleProof, merkleRoot, nodeHash, rootFromProof } from './merkle.ts';

describe('DS1 SM3 Merkle tree of the published records', () => {
  const leaves = Array.from({ length: 7 }, (_, i) => leafHash({ kind: 'disclosure', id: `r${i}`, record: { n: i, text: '处罚' } }));

  it('DS1 the root of one leaf is the leaf; of two, SM3(0x01 ‖ a ‖ b); an odd last node is carried up', () => {
    expect(merkleRoot([leaves[0]!])).toBe(leaves[0]);
    expect(merkleRoot(leaves.slice(0, 2))).toBe(nodeHash(leaves[0]!, leaves[1]!));
    expect(merkleRoot(leaves.slice(0, 3))).toBe(nodeHash(nodeHash(leaves[0]!, leaves[1]!), leaves[2]!));
  });

  it('DS1 every leaf’s path gives the root; a changed record or a changed step does not', () => {
    const root = merkleRoot(leaves);
    for (let i = 0; i < leaves.length; i++) expect(rootFromProof(leaves[i]!, merkleProof(leaves, i))).toBe(root);
    const altered = leafHash({ kind: 'disclosure', id: 'r3', record: { n: 3, text: '处罚 ' } });
    expect(rootFromProof(altered, merkleProof(leaves, 3))).not.toBe(root);
    const path = merkleProof(leaves, 3);
    path[0] = { ...path[0]!, side: path[0]!.side === 'left' ? 'right' : 'left' };
    expect(rootFromProof(leaves[3]!, path)).not.toBe(root);
  });

  it('DS1 a leaf is hashed from canonical JSON: key order does not matter, and it is not SHA-256', () => {
    expect(leafHash({ kind: 'k', id: '1', record: { a: 1, b: 2 } })).toBe(leafHash({ kind: 'k', id: '1', record: { b: 2, a: 1 } }));
    const sha = createHash('sha256').update('\x00{"id":"1","kind":"k","record":{"a":1,"b":2}}').digest('hex');
    expect(leafHash({ kind: 'k', id: '1', record: { a: 1, b: 2 } })).not.toBe(sha);
  });
});
