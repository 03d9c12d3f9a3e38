import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The version scripts/ensure-schemathesis.sh installs; a different one may generate and judge differently. */
export const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * The `st` executable: SCHEMATHESIS_PATH, or where scripts/ensure-schemathesis.sh installs it. A
 * missing fuzzer fails the test with the remedy: a contract test that skips itself proves nothing.
 */
export function schemathesisPath(): string {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const candidates = [process.env.SCHEMATHESIS_PATH, join(cache, 'rural-funds', 'tools', `schemathesis-${SCHEMATHESIS_VERSION}`, 'venv', 'bin', 'st')];
  for (const path of candidates) {
    if (!path) continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next place
    }
  }
  throw new Error(`找不到 schemathesis ${SCHEMATHESIS_VERSION}（st）：请运行 bash scripts/ensure-schemathesis.sh，或用 SCHEMATHESIS_PATH 指定 st 的路径`);
}

/** The parts of schemathesis' JSON report (`--report json`) the test reads. */
export interface FuzzReport {
  exit_code: number;
  stop_reason: string;
  operations: { total: number; selected: number; tested: number; errored: number; skipped: number } | null;
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: Array<{ type: string; code: string; title: string; count: number; operations: string[] }>;
  errors: Array<{ title: string; count: number }>;
}

export interface FuzzRun {
  command: string;
  report: FuzzReport;
  /** What `st` printed: the per-check summary and, for every failure, the curl command that reproduces it. */
  output: string;
}

/** Runs `st --config-file <configFile> run` with these arguments and reads its JSON report; resolves whatever the verdict. */
export async function runSchemathesis(st: string, configFile: string, args: string[], timeoutMs: number): Promise<FuzzRun> {
  const dir = mkdtempSync(join(tmpdir(), 'rural-funds-schemathesis-'));
  const reportPath = join(dir, 'report.json');
  const fullArgs = ['--config-file', configFile, 'run', ...args, '--report', 'json', '--report-json-path', reportPath, '--no-color'];
  // The printed command hides the bearer token: it is in the output a failing test shows.
  const command = ['st', ...fullArgs.map((a) => (/^Authorization:/i.test(a) ? "'Authorization: Bearer <token>'" : a))].join(' ');
  try {
    const output = await new Promise<string>((resolve, reject) => {
      // Hypothesis and the report go into the run's own folder, never into the clone.
      const child = spawn(st, fullArgs, { cwd: dir, env: { ...process.env, NO_COLOR: '1', COLUMNS: '160' } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`无法启动 schemathesis（${st}）：${error.message}；请运行 bash scripts/ensure-schemathesis.sh`));
      });
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    let report: FuzzReport;
    try {
      report = JSON.parse(readFileSync(reportPath, 'utf8')) as FuzzReport;
    } catch {
      throw new Error(`schemathesis 没有写出报告（超时 ${timeoutMs / 1000} 秒或启动失败）：\n${command}\n${output.slice(-8000)}`);
    }
    return { command, report, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A failing run's story for the test's failure message: the verdict first, then what `st` printed. */
export function describeRun(role: string, run: FuzzRun): string {
  if (process.env.CONTRACT_LOG_DIR) writeFileSync(join(process.env.CONTRACT_LOG_DIR, `schemathesis-${role}.log`), run.output);
  const failures = run.report.failures.map((f) => `  ${f.title} ×${f.count}：${f.operations.join(', ')}`).join('\n') || '  （无）';
  const errors = run.report.errors.map((e) => `  ${e.title} ×${e.count}`).join('\n') || '  （无）';
  return [`schemathesis as ${role}: ${run.command}`, `failures:\n${failures}`, `errors:\n${errors}`, run.output.slice(-20000)].join('\n');
}
