// The server's test files share a worker process (vitest.config.ts, project `server`, `isolate: false`), where a
// module replaced with vi.mock would stay replaced for the files after it, or not be replaced at all when an earlier
// file loaded it first. Every file that replaces a module must be listed to run in a process of its own.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = fs.readFileSync(path.resolve(SERVER, '../../vitest.config.ts'), 'utf8');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('test files that replace a module', () => {
  it('each runs in a process of its own', () => {
    const own = CONFIG.match(/const NEEDS_OWN_PROCESS = \[([^\]]*)\]/)?.[1] ?? '';
    const listed = [...own.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const mocking = [...testFiles(path.join(SERVER, 'src')), ...testFiles(path.join(SERVER, 'test'))]
      .filter((f) => /\bvi\.(mock|doMock)\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SERVER, f).split(path.sep).join('/'));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((f) => !listed.includes(f))).toEqual([]);
  });
});
