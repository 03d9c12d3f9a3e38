import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * The CLI release we build from source. v1.5.1 is the newest whose go.mod has no `replace`
 * directive, which `go install pkg@version` refuses.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export class TemporalCliUnavailableError extends Error {}

/** Tools live outside the clone so that fresh clones and CI runs on the same machine reuse them. */
export function toolsCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'rural-funds', 'tools');
}

export function cachedCliPath(): string {
  return join(toolsCacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function buildWithGo(log: (line: string) => void): string | undefined {
  const go = onPath('go');
  if (!go) return undefined;
  const target = cachedCliPath();
  const gobin = join(toolsCacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  mkdirSync(gobin, { recursive: true });
  log(`正在用 Go 构建 Temporal CLI ${TEMPORAL_CLI_VERSION}（仅首次，约需数分钟）→ ${target}`);
  const build = (extraEnv: Record<string, string>) =>
    spawnSync(go, ['install', '-trimpath', '-ldflags=-s -w', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0', ...extraEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  let result = build({});
  // The module's go.sum still pins every dependency when the checksum database is out of reach.
  if (result.status !== 0) result = build({ GOSUMDB: 'off' });
  return result.status === 0 && existsSync(target) ? target : undefined;
}

/**
 * Finds a Temporal CLI binary: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the tools cache,
 * then a Go build into the cache. Returns undefined when none is available so that the caller can
 * fall back to the SDK's own download.
 */
export function findTemporalCli(options: { explicitPath?: string; allowBuild?: boolean; log?: (line: string) => void } = {}): string | undefined {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.explicitPath) {
    if (!existsSync(options.explicitPath)) {
      throw new TemporalCliUnavailableError(`TEMPORAL_CLI_PATH 指向的文件不存在: ${options.explicitPath}`);
    }
    return options.explicitPath;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  if (existsSync(cachedCliPath())) return cachedCliPath();
  if (options.allowBuild === false) return undefined;
  return buildWithGo(log);
}

export function temporalCliVersion(path: string): string {
  return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
}
