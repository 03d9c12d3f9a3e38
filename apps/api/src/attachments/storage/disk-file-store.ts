import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { isSha256, type FileStore } from './file-store';

async function fsync(path: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Files under `<root>/<aa>/<bb>/<sha256>`. Uploads arrive in `<root>/incoming` on the same file
 * system, so keeping one is a rename: after the bytes and then the folder are synced, a crash can
 * leave a stray incoming file but never a stored name with missing or partial bytes.
 */
export class DiskFileStore implements FileStore {
  readonly incoming: string;

  constructor(private readonly root: string) {
    this.incoming = join(root, 'incoming');
  }

  async init(): Promise<void> {
    await mkdir(this.incoming, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async keep(path: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await exists(target)) {
      await unlink(path);
      return;
    }
    await fsync(path, 'r+');
    await mkdir(dirname(target), { recursive: true });
    await rename(path, target);
    await fsync(dirname(target), 'r');
  }

  async open(sha256: string): Promise<Readable | null> {
    const path = this.pathOf(sha256);
    if (!(await exists(path))) return null;
    return createReadStream(path);
  }
}
