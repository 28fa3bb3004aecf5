// Content-addressed storage of evidence and document files: the name of a file is the SM3 of its bytes
// (GB/T 32905), so a stored file cannot change without its name no longer matching — and every read checks that it
// still does (`readChecked`): bytes that no longer hash to their name are never handed out. Local disk under
// FILES_DIR (default DATA_DIR/files)/<aa>/<bb>/<sm3hex>; in memory when DATA_DIR is memory:// (tests).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../context.ts';
import { sm3Hex } from '../../shared/sm3.ts';

export type FileStorage = {
  put(sm3: string, bytes: Buffer): Promise<void>;
  /** The stored bytes as they are, or null when nothing is stored under that name. Use `readChecked` to hand bytes out. */
  get(sm3: string): Promise<Buffer | null>;
};

/** What a read found: the bytes under their name, nothing, or bytes that hash to something else. */
export type StoredFileCheck =
  { state: 'intact'; bytes: Buffer } | { state: 'missing' } | { state: 'mismatch'; actualSm3: string; actualSize: number };

/** The read path: the SM3 of the bytes is computed again and compared with the name before anything is returned. */
export async function readChecked(store: FileStorage, sm3: string): Promise<StoredFileCheck> {
  const bytes = await store.get(sm3);
  if (!bytes) return { state: 'missing' };
  const actual = sm3Hex(bytes);
  return actual === sm3 ? { state: 'intact', bytes } : { state: 'mismatch', actualSm3: actual, actualSize: bytes.length };
}

export function memoryFileStorage(): FileStorage {
  const files = new Map<string, Buffer>();
  return {
    put: async (sm3, bytes) => {
      files.set(sm3, Buffer.from(bytes));
    },
    get: async (sm3) => {
      const b = files.get(sm3);
      // A copy: what a reader does with the bytes never changes the store.
      return b ? Buffer.from(b) : null;
    },
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
    const { dataDir, filesDir } = deps.config;
    store = filesDir
      ? localDiskFileStorage(filesDir)
      : dataDir.startsWith('memory://')
        ? memoryFileStorage()
        : localDiskFileStorage(path.join(dataDir, 'files'));
    STORES.set(deps.db, store);
  }
  return store;
}
