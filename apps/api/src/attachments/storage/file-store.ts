import type { Readable } from 'node:stream';
export type { FileStoreSettings } from '../../../../../libs/config/src/file-store-config';

/**
 * Content-addressed storage: a file is named by its SHA-256, so the same bytes are kept once
 * whichever project they were uploaded for, and a name can never point at other bytes.
 */
export interface FileStore {
  /** The folder uploads are received into before they are kept. */
  readonly incoming: string;
  /**
   * Makes the received file at `path`, whose hash the caller has computed, durable under that hash.
   * Returns only once the bytes would survive a crash; the received file is consumed.
   */
  keep(path: string, sha256: string, size: number, mime: string): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the hash. */
  open(sha256: string): Promise<Readable | null>;
}

export const FILE_STORE = Symbol('FILE_STORE');

export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
