import { resolve, join } from 'node:path';

/** Where attachment bytes live: a folder of the data directory, or an S3-compatible bucket. */
export type FileStoreSettings =
  | { kind: 'disk'; root: string }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };

export class FileStoreConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`配置错误 ${variable}: ${problem}`);
  }
}

/**
 * Attachments go to `$DATA_DIR/files` unless S3_ENDPOINT and S3_BUCKET name a bucket. Path-style
 * addressing by default, as MinIO and most self-hosted stores expect; credentials from
 * S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, else the SDK's usual chain (AWS_* variables, instance role).
 */
export function fileStoreConfig(env: NodeJS.ProcessEnv, dataDir: string): FileStoreSettings {
  const endpoint = env.S3_ENDPOINT || undefined;
  const bucket = env.S3_BUCKET || undefined;
  if (!endpoint && !bucket) return { kind: 'disk', root: join(resolve(dataDir), 'files') };
  if (!endpoint) throw new FileStoreConfigError('S3_ENDPOINT', '设置了 S3_BUCKET 时必须同时设置');
  if (!bucket) throw new FileStoreConfigError('S3_BUCKET', '设置了 S3_ENDPOINT 时必须同时设置');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new FileStoreConfigError('S3_ENDPOINT', `不是合法的 URL，应形如 http://minio:9000 (got "${endpoint}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FileStoreConfigError('S3_ENDPOINT', `协议须为 http:// 或 https:// (got "${url.protocol}")`);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new FileStoreConfigError('S3_BUCKET', `不是合法的桶名 (got "${bucket}")`);
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new FileStoreConfigError(accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID', 'S3_ACCESS_KEY_ID 与 S3_SECRET_ACCESS_KEY 须同时设置');
  }
  const pathStyle = env.S3_FORCE_PATH_STYLE;
  if (pathStyle && !/^(true|false)$/i.test(pathStyle)) throw new FileStoreConfigError('S3_FORCE_PATH_STYLE', `须为 true 或 false (got "${pathStyle}")`);
  return {
    kind: 's3',
    endpoint,
    bucket,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: pathStyle ? /^true$/i.test(pathStyle) : true,
  };
}
