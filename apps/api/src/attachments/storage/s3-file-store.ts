import { createReadStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { isSha256, type FileStore, type FileStoreSettings } from './file-store';

type S3Settings = Extract<FileStoreSettings, { kind: 's3' }>;

function isMissing(error: unknown): boolean {
  return error instanceof NotFound || error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;
}

/**
 * Objects `files/<sha256>` in one bucket of any S3-compatible store (MinIO, a cloud's object
 * storage). A PUT is answered only once the object is stored, so keeping is that one request; an
 * object already there is the same bytes by its name and is not sent again.
 */
export class S3FileStore implements FileStore {
  readonly incoming = join(tmpdir(), 'rural-funds-incoming');
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    });
  }

  /** A fresh MinIO has no bucket: create it, so a new deployment stores its first upload. */
  async init(): Promise<void> {
    await mkdir(this.incoming, { recursive: true });
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      if (!isMissing(error)) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.settings.bucket }));
    }
  }

  private key(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `files/${sha256}`;
  }

  private async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async keep(path: string, sha256: string, size: number, mime: string): Promise<void> {
    try {
      if (await this.has(sha256)) return;
      const checksum = Buffer.from(sha256, 'hex').toString('base64');
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.key(sha256),
          Body: createReadStream(path),
          ContentLength: size,
          ContentType: mime,
          // The store checks the bytes it received against the hash the row will carry.
          ChecksumSHA256: checksum,
        }),
      );
    } finally {
      await unlink(path).catch(() => undefined);
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
      return answer.Body instanceof Readable ? answer.Body : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
