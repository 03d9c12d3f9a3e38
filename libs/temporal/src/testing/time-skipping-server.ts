/**
 * Offline provisioning of Temporal's time-skipping test server.
 *
 * `TestWorkflowEnvironment.createTimeSkipping()` normally downloads a native test-server binary
 * from the internet, which this environment cannot reach. The same server is published on
 * Maven Central as the Java artifact `io.temporal:temporal-test-server` (the native binary is a
 * GraalVM build of exactly that code, with the same `<port> [--enable-time-skipping]` CLI), so we
 * fetch it with Maven into a per-user tools cache and hand the SDK a tiny `sh` wrapper via its
 * `existing-path` executable option.
 *
 * The SDK (core-bridge `ephemeral_server`) runs `<wrapper> <port> ...extraArgs` and gives the
 * process about 5 s to answer a gRPC connection before failing, which is why the wrapper starts
 * the JVM with C1-only JIT and an application class-data-sharing (CDS) archive. Measured on a
 * 2-CPU machine, time to the first gRPC answer: ~0.65 s without the archive vs ~0.3 s with it
 * when idle, and up to ~3.4 s vs ~1.7 s with the CPUs saturated (think parallel jest workers).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment, type TimeSkippingTestWorkflowEnvironmentOptions } from '@temporalio/testing';

const WRAPPER_NAME = 'temporal-test-server';
const CDS_ARCHIVE_NAME = 'app.jsa';
const POM_RELATIVE_PATH = path.join('scripts', 'test-server', 'pom.xml');
const MAIN_CLASS = 'io.temporal.testserver.TestServer';

/** Maven on a cold ~/.m2 plus the CDS training run normally take well under a minute. */
const LOCK_WAIT_MS = 10 * 60_000;
/** A lock older than this belongs to a process that cannot still be making progress. */
const LOCK_STALE_MS = 15 * 60_000;

/**
 * Returns the path of an executable that starts the time-skipping test server with the CLI that
 * `@temporalio/testing` expects. Installs it into the tools cache on first use.
 */
export async function ensureTimeSkippingServer(): Promise<string> {
  const override = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (override) {
    // Fail here rather than inside the native bridge, whose error does not mention the env var.
    await assertExecutable(override, 'TEMPORAL_TEST_SERVER_PATH');
    return override;
  }

  const pomPath = await findPom();
  const version = await readServerVersion(pomPath);
  const toolsDir = path.join(cacheHome(), 'rural-funds', 'tools');
  const installDir = path.join(toolsDir, `temporal-test-server-${version}`);
  const wrapperPath = path.join(installDir, WRAPPER_NAME);

  if (await isInstalled(installDir)) return wrapperPath;

  await fs.mkdir(toolsDir, { recursive: true });
  // The lock serialises Maven runs, which are not safe to run concurrently against one ~/.m2 in
  // Maven 3.8 (jest starts one worker per spec file). Correctness does not depend on the lock:
  // the install directory only ever appears through an atomic rename of a fully built directory.
  await withLock(`${installDir}.lock`, async () => {
    if (await isInstalled(installDir)) return;
    const java = await requireJava();
    await requireMaven();
    await removeAbandonedStaging(installDir);
    await install(pomPath, installDir);
    // Best effort: a missing archive only costs startup time, never correctness.
    await buildCdsArchive(java, installDir).catch((err: unknown) => {
      process.emitWarning(`temporal-test-server: CDS archive not created (${messageOf(err)}); startup will be slower`);
    });
  });
  return wrapperPath;
}

/**
 * `TestWorkflowEnvironment.createTimeSkipping` backed by the offline Java test server.
 * Remember to `await env.teardown()`: it is what stops the JVM.
 */
export async function createTimeSkippingEnv(
  opts: TimeSkippingTestWorkflowEnvironmentOptions = {},
): Promise<TestWorkflowEnvironment> {
  const executablePath = await ensureTimeSkippingServer();
  return TestWorkflowEnvironment.createTimeSkipping({
    ...opts,
    server: { ...opts.server, executable: { type: 'existing-path', path: executablePath } },
  });
}

function cacheHome(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  // XDG spec: relative values are invalid and must be ignored.
  return xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
}

/** Walks up instead of using a fixed `../..` so the module also works when compiled into dist/. */
async function findPom(): Promise<string> {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, POM_RELATIVE_PATH);
    if (await exists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `找不到 ${POM_RELATIVE_PATH}（从 ${__dirname} 向上查找）。\n` +
          `Cannot find ${POM_RELATIVE_PATH} above ${__dirname}; set TEMPORAL_TEST_SERVER_PATH to an installed test server instead.`,
      );
    }
    dir = parent;
  }
}

/** The pom is the single source of truth for the version, so the cache key follows a bump there. */
async function readServerVersion(pomPath: string): Promise<string> {
  const pom = await fs.readFile(pomPath, 'utf8');
  const match = /<temporal-test-server\.version>\s*([^<\s]+)\s*<\/temporal-test-server\.version>/.exec(pom);
  if (!match?.[1]) throw new Error(`No <temporal-test-server.version> property in ${pomPath}`);
  return match[1];
}

async function isInstalled(installDir: string): Promise<boolean> {
  try {
    await fs.access(path.join(installDir, WRAPPER_NAME), fsConstants.X_OK);
    const jars = (await fs.readdir(path.join(installDir, 'lib'))).filter((f) => f.endsWith('.jar'));
    return jars.length > 0;
  } catch {
    return false;
  }
}

async function install(pomPath: string, installDir: string): Promise<void> {
  const staging = `${installDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.mkdir(staging, { recursive: true });
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-Dstyle.color=never',
        '-f',
        pomPath,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${path.join(staging, 'lib')}`,
      ],
      { cwd: path.dirname(pomPath) },
    );
    await fs.writeFile(path.join(staging, WRAPPER_NAME), wrapperScript(), { mode: 0o755 });
    // writeFile's mode is filtered by the umask; the SDK needs the wrapper executable regardless.
    await fs.chmod(path.join(staging, WRAPPER_NAME), 0o755);
    try {
      await fs.rename(staging, installDir);
    } catch (err) {
      // Another process won the race (possible only if the lock was broken as stale); its copy is
      // as good as ours.
      if (!(isErrno(err, 'ENOTEMPTY') || isErrno(err, 'EEXIST')) || !(await isInstalled(installDir))) throw err;
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Staging directories of installers that died mid-way; holding the lock means nobody else is writing one. */
async function removeAbandonedStaging(installDir: string): Promise<void> {
  const parent = path.dirname(installDir);
  const prefix = `${path.basename(installDir)}.tmp-`;
  for (const entry of await fs.readdir(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const full = path.join(parent, entry);
    // Age check covers the one case where the lock was broken as stale while its owner still ran.
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > LOCK_STALE_MS) await fs.rm(full, { recursive: true, force: true });
  }
}

/**
 * The wrapper locates its jars relative to itself so the whole directory can be built elsewhere
 * and renamed into place. `exec` matters: the SDK stops the server by killing the process it
 * spawned, and a surviving shell parent would leave the JVM orphaned.
 */
function wrapperScript(): string {
  return `#!/bin/sh
# Generated by libs/temporal/src/testing/time-skipping-server.ts. Delete this directory to reinstall.
# Usage (as invoked by @temporalio/testing): temporal-test-server <port> [--enable-time-skipping]
DIR=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1
JAVA=java
[ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ] && JAVA="$JAVA_HOME/bin/java"
# The SDK gives the server ~5 s to accept gRPC connections. C1-only JIT and class-data sharing
# cut JVM start-up; the app archive is silently ignored if it does not match this JVM/classpath.
if [ -f "$DIR/${CDS_ARCHIVE_NAME}" ]; then
  exec "$JAVA" -XX:TieredStopAtLevel=1 -Xshare:auto "-XX:SharedArchiveFile=$DIR/${CDS_ARCHIVE_NAME}" '-Xlog:cds*=off' \\
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$DIR/lib/*" ${MAIN_CLASS} "$@"
fi
exec "$JAVA" -XX:TieredStopAtLevel=1 -Xshare:auto \\
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$DIR/lib/*" ${MAIN_CLASS} "$@"
`;
}

/**
 * Records the classes loaded during start-up and a first gRPC exchange into a dynamic CDS archive
 * (JDK 13+). Must run against the final directory: the archive pins the exact classpath.
 */
async function buildCdsArchive(java: string, installDir: string): Promise<void> {
  const archive = path.join(installDir, CDS_ARCHIVE_NAME);
  const tmpArchive = `${archive}.tmp-${process.pid}`;
  const port = await freePort();
  const child = spawn(
    java,
    [
      '-XX:TieredStopAtLevel=1',
      `-XX:ArchiveClassesAtExit=${tmpArchive}`,
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      '-cp',
      path.join(installDir, 'lib', '*'),
      MAIN_CLASS,
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  try {
    await waitForPort(port, 30_000);
    const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    try {
      await connection.workflowService.getSystemInfo({});
    } finally {
      await connection.close();
    }
  } finally {
    // SIGTERM runs the JVM's normal exit path, which is where the dynamic archive is written.
    child.kill('SIGTERM');
  }
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    await exited;
  } finally {
    clearTimeout(killTimer);
  }
  if (!(await exists(tmpArchive))) throw new Error(`JVM wrote no archive. stderr: ${stderr.trim()}`);
  await fs.rename(tmpArchive, archive);
}

async function withLock(lockPath: string, fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
      if (await isStaleLock(lockPath)) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `等待锁文件超时：${lockPath}。如无其他进程在安装，请删除该文件。\n` +
            `Timed out waiting for ${lockPath}; delete it if no other process is installing the test server.`,
        );
      }
      await delay(250);
    }
  }
  try {
    await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

async function isStaleLock(lockPath: string): Promise<boolean> {
  try {
    const [content, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number.parseInt(content, 10);
    // An empty file means the owner is between open() and write(); give it time.
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      // EPERM: the pid exists but belongs to another user, so it is alive.
      return isErrno(err, 'ESRCH');
    }
  } catch (err) {
    // Vanished between our open() and now: not stale, just retry.
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

/** Same resolution order as the wrapper and as `mvn` itself, so all three use one JVM. */
async function requireJava(): Promise<string> {
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  const java = fromHome && (await exists(fromHome)) ? fromHome : 'java';
  try {
    await run(java, ['-version']);
  } catch (err) {
    throw new Error(
      '未找到 Java（需要 JDK/JRE 11 或更高版本，推荐 17）。Temporal 时间跳跃测试服务器是 Java 程序，请安装 Java 或设置 JAVA_HOME，' +
        '或者将 TEMPORAL_TEST_SERVER_PATH 指向已安装的测试服务器。\n' +
        'Java (11+, 17 recommended) was not found. The Temporal time-skipping test server is a Java program: install a JDK/JRE, ' +
        `set JAVA_HOME, or point TEMPORAL_TEST_SERVER_PATH at an installed test server. (${messageOf(err)})`,
    );
  }
  return java;
}

async function requireMaven(): Promise<void> {
  try {
    await run('mvn', ['-v', '-B', '-q']);
  } catch (err) {
    throw new Error(
      '未找到 Maven（mvn）。首次运行需要 Maven 从 Maven Central 下载 io.temporal:temporal-test-server，' +
        '请安装 Maven 3.6+，或者将 TEMPORAL_TEST_SERVER_PATH 指向已安装的测试服务器。\n' +
        'Maven (mvn) was not found. It is needed once to fetch io.temporal:temporal-test-server from Maven Central: ' +
        `install Maven 3.6+, or point TEMPORAL_TEST_SERVER_PATH at an installed test server. (${messageOf(err)})`,
    );
  }
}

function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // Only the tail is useful in an error message, and Maven can be verbose on failure.
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await delay(50);
  }
  throw new Error(`test server did not listen on port ${port} within ${timeoutMs} ms`);
}

async function assertExecutable(file: string, source: string): Promise<void> {
  try {
    await fs.access(file, fsConstants.X_OK);
  } catch {
    throw new Error(`${source}=${file}：文件不存在或不可执行。\n${source}=${file} does not exist or is not executable.`);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
