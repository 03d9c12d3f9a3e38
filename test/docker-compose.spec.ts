/**
 * Static checks of the container deployment (Dockerfile, docker-compose.yml). The development
 * machine has no Docker engine, so these tests read the files instead of starting containers, and
 * feed each service's environment through the real production config loader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../libs/config/src/config';

const ROOT = join(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number | object)[];
  volumes?: (string | object)[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as ComposeFile;
const services = compose.services;

/** What an operator would put in .env on the host; none of it is a real secret. */
const HOST_ENV: Record<string, string> = {
  JWT_SECRET: 'test-only-jwt-secret-0123456789',
  TEMPORAL_DB_PASSWORD: 'test-temporal-password',
  APP_DB_PASSWORD: 'test-app-password',
  MINIO_ROOT_PASSWORD: 'test-minio-password',
};

/**
 * Compose's variable interpolation, for the forms this file may use: $$, ${VAR}, ${VAR:-default},
 * ${VAR-default}, ${VAR:?error} and ${VAR?error}. Throws where compose would refuse to start.
 */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (match, name?: string, colon?: string, op?: string, arg?: string) => {
      if (match === '$$') return '$';
      const raw = env[name!];
      const missing = raw === undefined || (colon === ':' && raw === '');
      if (!missing) return raw!;
      if (op === '?') throw new Error(`required variable ${name} is missing: ${arg}`);
      if (op === '-') return arg ?? '';
      return '';
    },
  );
}

/** A service's environment as the container sees it: a string map after interpolation. */
function environmentOf(service: ComposeService, env: Record<string, string | undefined> = HOST_ENV): Record<string, string> {
  const declared = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(declared)
    ? declared.map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(declared).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(value, env)]));
}

function commandOf(service: ComposeService): string[] {
  const { command } = service;
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}

function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']));
}

/** The Dockerfile as stages of [instruction, arguments], with line continuations and comments removed. */
function dockerfileStages(): { name: string; from: string; instructions: [string, string][] }[] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    pending += (pending ? ' ' : '') + line.replace(/\\\s*$/, '').trim();
    if (!continued) {
      if (pending.trim()) logical.push(pending.trim());
      pending = '';
    }
  }
  const stages: { name: string; from: string; instructions: [string, string][] }[] = [];
  for (const line of logical) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = keyword.toUpperCase();
    if (instruction === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest)!;
      stages.push({ name: name ?? String(stages.length), from: image, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push([instruction, rest]);
    }
  }
  return stages;
}

/** Parses an exec-form (JSON array) instruction argument. */
function execForm(args: string): string[] {
  const value: unknown = JSON.parse(args);
  if (!Array.isArray(value)) throw new Error(`not in exec form: ${args}`);
  return value.map(String);
}

const ENTRY = {
  api: { compiled: 'dist/apps/api/src/main.js', source: 'apps/api/src/main.ts' },
  worker: { compiled: 'dist/apps/worker/src/main.js', source: 'apps/worker/src/main.ts' },
} as const;

describe('docker-compose.yml', () => {
  it('defines the six services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'minio', 'postgres', 'temporal', 'temporal-ui', 'worker']);
  });

  describe.each(['api', 'worker'] as const)('%s', (name) => {
    const service = services[name];

    it('builds from the Dockerfile in the repository root', () => {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      expect(build).toBeDefined();
      expect(['.', './']).toContain(build!.context);
      expect(build!.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(existsSync(join(ROOT, build!.context!, build!.dockerfile ?? 'Dockerfile'))).toBe(true);
    });

    it('runs its own compiled entry file, whose TypeScript source exists', () => {
      expect(commandOf(service)).toEqual(['node', ENTRY[name].compiled]);
      // tsc maps <source>.ts to dist/<source>.js (rootDir "." in tsconfig.json).
      expect(ENTRY[name].compiled).toBe(`dist/${ENTRY[name].source.replace(/\.ts$/, '.js')}`);
      expect(existsSync(join(ROOT, ENTRY[name].source))).toBe(true);
    });

    it('gets the variables that production config requires, and they pass loadConfig', () => {
      const env = environmentOf(service);
      for (const variable of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'JWT_SECRET']) {
        expect(env[variable]).toBeTruthy();
      }
      const config = loadConfig(env, 'production');
      expect(config.jwtSecret).toBe(HOST_ENV.JWT_SECRET);
      expect(config.temporalAddress).toBe('temporal:7233');
      expect(config.seedDemo).toBe(false);
      const url = new URL(config.databaseUrl!);
      expect(url.hostname).toBe('postgres');
      expect(url.pathname).toBe('/rural_funds');
      expect(url.password).toBe(HOST_ENV.APP_DB_PASSWORD);
    });

    it('refuses to start without a JWT secret rather than falling back to the development one', () => {
      const { JWT_SECRET: _omitted, ...withoutSecret } = HOST_ENV;
      expect(() => environmentOf(service, withoutSecret)).toThrow(/JWT_SECRET/);
      expect(() => environmentOf(service, { ...HOST_ENV, JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
    });
  });

  it('gives the API port 3000 and publishes it', () => {
    const api = services.api;
    expect(loadConfig(environmentOf(api), 'production').port).toBe(3000);
    expect(api.ports?.map(String)).toContain('3000:3000');
  });

  it('keeps the application database apart from Temporal’s', () => {
    const app = new URL(environmentOf(services.api).DATABASE_URL);
    const postgres = environmentOf(services.postgres);
    expect(app.pathname.slice(1)).toBe('rural_funds');
    expect(['temporal', 'temporal_visibility']).not.toContain(app.pathname.slice(1));
    // The app connects with its own role, not the superuser that Temporal uses.
    expect(app.username).not.toBe(postgres.POSTGRES_USER);
    const init = (services.postgres.volumes ?? []).map(String).find((v) => v.includes('/docker-entrypoint-initdb.d/'));
    expect(init).toBeDefined();
    const initSql = readFileSync(join(ROOT, init!.split(':')[0]), 'utf8');
    expect(initSql).toMatch(new RegExp(`CREATE ROLE ${app.username}\\b`));
    expect(initSql).toMatch(new RegExp(`CREATE DATABASE ${app.pathname.slice(1)} OWNER ${app.username}\\b`));
  });

  it('runs PostgreSQL 16 with a volume and a pg_isready health check', () => {
    const postgres = services.postgres;
    expect(postgres.image).toMatch(/^postgres:16(\b|$)/);
    expect((postgres.volumes ?? []).map(String).some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(JSON.stringify(postgres.healthcheck?.test)).toContain('pg_isready');
    const env = environmentOf(postgres);
    for (const variable of ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB']) expect(env[variable]).toBeTruthy();
  });

  it('persists Temporal in the same PostgreSQL', () => {
    const temporal = services.temporal;
    const env = environmentOf(temporal);
    const postgres = environmentOf(services.postgres);
    expect(temporal.image).toMatch(/^temporalio\/auto-setup(:|$)/);
    expect(env.DB).toBe('postgres12');
    expect(env.DB_PORT).toBe('5432');
    expect(env.POSTGRES_SEEDS).toBe('postgres');
    expect(env.POSTGRES_USER).toBe(postgres.POSTGRES_USER);
    expect(env.POSTGRES_PWD).toBe(postgres.POSTGRES_PASSWORD);
    expect(temporal.ports?.map(String).some((p) => p.endsWith(':7233'))).toBe(true);
  });

  it('points the Temporal UI at the frontend', () => {
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui(:|$)/);
    expect(environmentOf(services['temporal-ui']).TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services['temporal-ui'].ports?.map(String).some((p) => p.endsWith(':8080'))).toBe(true);
  });

  it('starts in order: postgres healthy, temporal started, api healthy (migrated), then the worker', () => {
    expect(dependsOn(services.temporal)).toEqual({ postgres: 'service_healthy' });
    expect(dependsOn(services['temporal-ui'])).toEqual({ temporal: 'service_started' });
    expect(dependsOn(services.api)).toEqual({ postgres: 'service_healthy', temporal: 'service_started', minio: 'service_healthy' });
    expect(dependsOn(services.worker)).toEqual({ api: 'service_healthy' });
  });

  it('keeps attachments in MinIO, with the API holding the root credentials and no port published', () => {
    const minio = services.minio;
    expect(minio.image).toMatch(/^minio\/minio:RELEASE\./);
    expect(commandOf(minio)).toEqual(['server', '/data']);
    expect((minio.volumes ?? []).map(String)).toContain('minio-data:/data');
    expect(compose.volumes).toHaveProperty('minio-data');
    expect(minio.ports).toBeUndefined();
    const files = loadConfig(environmentOf(services.api), 'production').files;
    const root = environmentOf(minio);
    expect(files).toEqual({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'rural-funds-attachments', region: 'us-east-1', accessKeyId: root.MINIO_ROOT_USER, secretAccessKey: root.MINIO_ROOT_PASSWORD, forcePathStyle: true });
    expect(() => environmentOf(minio, { ...HOST_ENV, MINIO_ROOT_PASSWORD: '' })).toThrow(/MINIO_ROOT_PASSWORD/);
  });

  it('health-checks the API on /health and not the worker, which opens no port', () => {
    expect(JSON.stringify(services.api.healthcheck?.test)).toContain('/health');
    expect(services.worker.healthcheck?.disable).toBe(true);
    expect(environmentOf(services.worker).PORT).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const stages = dockerfileStages();
  const build = stages[0];
  const runtime = stages[stages.length - 1];
  const runs = (stage: typeof build) => stage.instructions.filter(([i]) => i === 'RUN').map(([, args]) => args);

  it('builds on node:20-bookworm-slim in two stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toBe('node:20-bookworm-slim');
  });

  it('installs the locked dependencies and runs the build in the build stage', () => {
    expect(runs(build).some((r) => /\bnpm ci\b/.test(r) && !/--omit=dev/.test(r))).toBe(true);
    expect(runs(build).some((r) => /\bnpm run build\b/.test(r))).toBe(true);
  });

  it('ships dist and production dependencies only', () => {
    expect(runs(runtime).some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs(runtime).some((r) => /\bnpm run build\b/.test(r))).toBe(false);
    const copies = runtime.instructions.filter(([i]) => i === 'COPY').map(([, args]) => args);
    expect(copies).toContain(`--from=${build.name} /app/dist ./dist`);
    expect(copies.some((c) => /package\.json/.test(c) && /package-lock\.json/.test(c))).toBe(true);
  });

  it('does not run as root in the runtime stage', () => {
    const users = runtime.instructions.filter(([i]) => i === 'USER').map(([, args]) => args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users[users.length - 1]);
  });

  it('exposes 3000, health-checks /health and starts the API by default', () => {
    expect(runtime.instructions).toContainEqual(['EXPOSE', '3000']);
    const healthcheck = runtime.instructions.find(([i]) => i === 'HEALTHCHECK');
    expect(healthcheck?.[1]).toMatch(/fetch\(.*\/health/);
    const cmd = runtime.instructions.filter(([i]) => i === 'CMD').pop();
    expect(execForm(cmd![1])).toEqual(['node', ENTRY.api.compiled]);
  });

  it('keeps host build output, dependencies and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.data', '.env', '.git']) expect(ignored).toContain(entry);
  });
});
