import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm3.ts';
import { canonicalize } from './chain.ts';
import { CHECKPOINT_FORMAT, checkpointDigest, checkpointLine, parseCheckpointLines, type SignedCheckpoint } from './checkpoint.ts';

const checkpoint: SignedCheckpoint = {
  id: '01950f3a-7c1e-7000-8000-000000000001',
  seq: 42,
  hash: 'ab'.repeat(32),
  at: '2026-03-02T02:15:00.000Z',
  reason: 'interval',
  writtenBy: 'host-a:1234',
  publicKey: '04' + 'cd'.repeat(64),
  keyFingerprint: 'ABCD 0123',
  signature: '3045' + '0f'.repeat(20),
};

describe('checkpointDigest', () => {
  it('is the SM3 of the canonical JSON of every field but the key and the signature', () => {
    const { publicKey: _p, keyFingerprint: _f, signature: _s, ...content } = checkpoint;
    expect(checkpointDigest(checkpoint)).toBe(sm3Hex(canonicalize({ format: CHECKPOINT_FORMAT, ...content })));
  });

  it('changes with each signed field', () => {
    const base = checkpointDigest(checkpoint);
    for (const patch of [
      { seq: 43 },
      { hash: 'cd'.repeat(32) },
      { at: '2026-03-02T02:16:00.000Z' },
      { reason: 'manual' as const },
      { id: 'x' },
      { writtenBy: 'b:1' },
    ]) {
      expect(checkpointDigest({ ...checkpoint, ...patch }), JSON.stringify(patch)).not.toBe(base);
    }
  });
});

describe('checkpoint files', () => {
  it('reads back what it writes, one checkpoint per line', () => {
    const second = { ...checkpoint, seq: 50, reason: 'shutdown' as const };
    const text = `${checkpointLine(checkpoint)}\n\n${checkpointLine(second)}\n`;
    expect(parseCheckpointLines(text)).toEqual({
      entries: [
        { line: 1, checkpoint },
        { line: 3, checkpoint: second },
      ],
      errors: [],
    });
  });

  it('names each line that is not a checkpoint and keeps the others', () => {
    const text = [
      checkpointLine(checkpoint),
      '{not json',
      JSON.stringify({ ...JSON.parse(checkpointLine(checkpoint)), seq: 0 }),
      JSON.stringify({ ...JSON.parse(checkpointLine(checkpoint)), hash: 'XYZ' }),
      JSON.stringify({ ...JSON.parse(checkpointLine(checkpoint)), format: 'other/1' }),
      '[1,2]',
    ].join('\n');
    const { entries, errors } = parseCheckpointLines(text);
    expect(entries).toEqual([{ line: 1, checkpoint }]);
    expect(errors).toEqual([
      { line: 2, message: 'not JSON' },
      { line: 3, message: 'seq must be a positive integer' },
      { line: 4, message: 'hash must be 64 lowercase hex digits' },
      { line: 5, message: `format is not ${CHECKPOINT_FORMAT}` },
      { line: 6, message: 'not a JSON object' },
    ]);
  });
});
