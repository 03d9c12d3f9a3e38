import { parseTrustProxy, type TrustProxy } from './trust-proxy';
import { fileStoreConfig, FileStoreConfigError, type FileStoreSettings } from './file-store-config';

/**
 * Process configuration, read once from the environment and validated at boot so that a bad
 * variable stops the process with one line naming it, instead of failing later mid-request.
 */
export interface AppConfig {
  /** HTTP port of the API. */
  port: number;
  /** Folder for embedded PostgreSQL and the Temporal dev server's SQLite file. */
  dataDir: string;
  /** External PostgreSQL; when absent an embedded server is started (local mode only). */
  databaseUrl?: string;
  /** A read replica of it for the monitor's and the reports' reads; the primary serves them when absent. */
  databaseReadUrl?: string;
  embeddedPgPort: number;
  /** External Temporal frontend (host:port); when absent a dev server is started (local mode only). */
  temporalAddress?: string;
  temporalNamespace: string;
  taskQueue: string;
  temporalDevPort: number;
  temporalUiPort: number;
  temporalCliPath?: string;
  jwtSecret: string;
  /** Whether start-up loads the demo data set into an empty database. */
  seedDemo: boolean;
  /** Reverse proxies whose X-Forwarded-* headers are believed (see trust-proxy.ts). */
  trustProxy: TrustProxy;
  /** Attachments: `$DATA_DIR/files`, or the S3-compatible bucket of S3_ENDPOINT / S3_BUCKET. */
  files: FileStoreSettings;
}

export type RunMode = 'local' | 'production';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`配置错误 ${variable}: ${problem}`);
  }
}

const DEV_JWT_SECRET = 'local-development-only-secret-change-me';

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError(name, `端口须为 1–65535 的整数 (got "${raw}")`);
  }
  return Number(raw);
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `须为 true 或 false (got "${raw}")`);
}

function databaseUrl(raw: string | undefined, variable = 'DATABASE_URL'): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, `不是合法的 URL，应形如 postgres://user:pass@host:5432/db (got "${raw}")`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(variable, `协议须为 postgres:// 或 postgresql:// (got "${url.protocol}")`);
  }
  if (!url.hostname) throw new ConfigError(variable, '缺少主机名');
  return raw;
}

function temporalAddress(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[A-Za-z0-9.\-_]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(raw)) {
    throw new ConfigError('TEMPORAL_ADDRESS', `应形如 host:7233 (got "${raw}")`);
  }
  return raw;
}

function trustProxy(raw: string | undefined): TrustProxy {
  const parsed = parseTrustProxy(raw);
  if (typeof parsed === 'object' && !Array.isArray(parsed)) throw new ConfigError('TRUST_PROXY', parsed.problem);
  return parsed;
}

function files(env: NodeJS.ProcessEnv): FileStoreSettings {
  try {
    return fileStoreConfig(env, env.DATA_DIR || '.data');
  } catch (error) {
    if (error instanceof FileStoreConfigError) throw new ConfigError(error.variable, error.message.replace(/^配置错误 \S+: /, ''));
    throw error;
  }
}

/**
 * Reads the configuration. In production mode the external services and a real JWT secret are
 * required, because an embedded database or a guessable secret must never back a real county.
 */
export function loadConfig(env: NodeJS.ProcessEnv, mode: RunMode): AppConfig {
  const config: AppConfig = {
    port: port(env, 'PORT', 3000),
    dataDir: env.DATA_DIR || '.data',
    databaseUrl: databaseUrl(env.DATABASE_URL),
    databaseReadUrl: databaseUrl(env.DATABASE_READ_URL, 'DATABASE_READ_URL'),
    embeddedPgPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    temporalAddress: temporalAddress(env.TEMPORAL_ADDRESS),
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'rural-funds',
    temporalDevPort: port(env, 'TEMPORAL_DEV_PORT', 7233),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', 8233),
    temporalCliPath: env.TEMPORAL_CLI_PATH || undefined,
    jwtSecret: env.JWT_SECRET || DEV_JWT_SECRET,
    seedDemo: bool(env, 'SEED_DEMO', mode === 'local'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    files: files(env),
  };
  if (mode === 'production') {
    if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', '生产模式必须设置');
    if (!config.temporalAddress) throw new ConfigError('TEMPORAL_ADDRESS', '生产模式必须设置');
    if (!env.JWT_SECRET) throw new ConfigError('JWT_SECRET', '生产模式必须设置');
  }
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 16) {
    throw new ConfigError('JWT_SECRET', '至少 16 个字符');
  }
  return config;
}
