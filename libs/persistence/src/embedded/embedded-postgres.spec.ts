import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../../process/src/ports';
import { DEFAULT_SHARED_DIR, removeEmbeddedPostgresData, startEmbeddedPostgres } from './embedded-postgres';

/**
 * A clone in a mode-700 folder (as under /root), run as root: PostgreSQL runs as the `postgres`
 * user, which can reach neither the binaries inside the clone nor its data folder. Run as another
 * user the same folder is the caller's own and everything stays in place.
 */
const isRoot = userInfo().uid === 0;

function bundledBinariesDir(): string {
  return join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native');
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL from a clone in a mode-700 folder', () => {
  let sandbox: string;
  let clone: string;
  let shared: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    sandbox = mkdtempSync(join(tmpdir(), 'rural-funds-private-'));
    chmodSync(sandbox, 0o755);
    // The clone: its own copy of the binaries, as node_modules would hold them, in a private folder.
    clone = join(sandbox, 'home', 'clone');
    mkdirSync(clone, { recursive: true });
    chmodSync(join(sandbox, 'home'), 0o700);
    cpSync(bundledBinariesDir(), join(clone, 'native'), { recursive: true, verbatimSymlinks: true });
    // Where the `postgres` user can reach it even when TMPDIR itself is a private folder.
    if (isRoot) {
      mkdirSync(DEFAULT_SHARED_DIR, { recursive: true });
      shared = mkdtempSync(join(DEFAULT_SHARED_DIR, 'test-'));
      chmodSync(shared, 0o755);
    } else {
      shared = join(sandbox, 'shared');
    }
  });

  afterAll(() => {
    rmSync(sandbox, { recursive: true, force: true });
    if (isRoot) rmSync(shared, { recursive: true, force: true });
  });

  it('initialises, serves, keeps its data across a restart and is removed with its data folder', async () => {
    const dataDir = join(clone, '.data', 'postgres');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, log, binariesDir: join(clone, 'native'), sharedDir: shared });
    try {
      await query(first.url, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');
      const [who] = await query(first.url, 'SELECT current_user AS name');
      expect(who.name).toBe('postgres');
    } finally {
      await first.stop();
    }

    if (isRoot) {
      // The cluster sits where the `postgres` user can reach it, owned by that user, mode 700.
      expect(first.clusterDir.startsWith(join(shared, 'clusters'))).toBe(true);
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
      const cluster = statSync(first.clusterDir);
      expect(cluster.uid).not.toBe(0);
      expect(cluster.mode & 0o777).toBe(0o700);
      expect(lines.some((line) => line.includes('复制 PostgreSQL 程序'))).toBe(true);
    } else {
      expect(first.clusterDir).toBe(dataDir);
    }

    const second = await startEmbeddedPostgres({ dataDir, port, log, binariesDir: join(clone, 'native'), sharedDir: shared });
    try {
      expect(second.clusterDir).toBe(first.clusterDir);
      expect(await query(second.url, 'SELECT id FROM kept')).toEqual([{ id: 42 }]);
    } finally {
      await second.stop();
    }

    removeEmbeddedPostgresData(dataDir);
    expect(lstatSync(dataDir, { throwIfNoEntry: false })).toBeUndefined();
    expect(lstatSync(first.clusterDir, { throwIfNoEntry: false })).toBeUndefined();
  });

  it('turns a binary it cannot execute into one line with the remedy', async () => {
    const broken = join(clone, 'broken');
    cpSync(join(clone, 'native'), broken, { recursive: true, verbatimSymlinks: true });
    chmodSync(join(broken, 'bin', 'initdb'), 0o644);
    const dataDir = join(clone, '.data-broken', 'postgres');
    const failure = startEmbeddedPostgres({ dataDir, port: await freePort(), log, binariesDir: broken, sharedDir: shared });
    await expect(failure).rejects.toThrow(/^无法启动 PostgreSQL initdb（.*initdb EACCES）：没有执行该文件或进入其所在目录的权限。.*DATABASE_URL/);
    await expect(failure).rejects.not.toThrow(/\n/);
    removeEmbeddedPostgresData(dataDir);
  });
});
