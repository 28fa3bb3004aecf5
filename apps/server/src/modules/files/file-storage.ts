// Content-addressed storage of evidence and document files: the name of a file is the SM3 of its bytes
// (GB/T 32905), so a stored file cannot change without its name no longer matching. Local disk under
// DATA_DIR/files/<aa>/<bb>/<sm3hex>; in memory when DATA_DIR is memory:// (tests).
import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash, getHashes } from 'node:crypto';
import { sm3Hex } from '@chengguan/domain';
import type { Deps } from '../../context.ts';

export type FileStorage = {
  put(sm3: string, bytes: Buffer): Promise<void>;
  /** The stored bytes, or null when nothing is stored under that name. */
  get(sm3: string): Promise<Buffer | null>;
};

const NATIVE_SM3 = getHashes().includes('sm3');

/** SM3 of the bytes: OpenSSL's when the runtime has it (fast for 20 MB), else the domain's TypeScript SM3. */
export function sm3OfBytes(bytes: Uint8Array): string {
  return NATIVE_SM3 ? createHash('sm3').update(bytes).digest('hex') : sm3Hex(bytes);
}

export function memoryFileStorage(): FileStorage {
  const files = new Map<string, Buffer>();
  return {
    put: async (sm3, bytes) => {
      files.set(sm3, Buffer.from(bytes));
    },
    get: async (sm3) => files.get(sm3) ?? null,
  };
}

export function localDiskFileStorage(root: string): FileStorage {
  const where = (sm3: string) => path.join(root, sm3.slice(0, 2), sm3.slice(2, 4), sm3);
  return {
    put: async (sm3, bytes) => {
      const file = where(sm3);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file under its final name.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    },
    get: async (sm3) => {
      try {
        return await fs.readFile(where(sm3));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}

// One store per database handle: each in-memory test database gets its own in-memory files.
const STORES = new WeakMap<object, FileStorage>();

export function fileStorageOf(deps: Pick<Deps, 'db' | 'config'>): FileStorage {
  let store = STORES.get(deps.db);
  if (!store) {
    const dir = deps.config.dataDir;
    store = dir.startsWith('memory://') ? memoryFileStorage() : localDiskFileStorage(path.join(dir, 'files'));
    STORES.set(deps.db, store);
  }
  return store;
}
