import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency-key';

export interface IdempotencyClaim {
  scope: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export type IdempotencyRecord =
  | { status: 'in_progress'; requestHash: string }
  | { status: 'completed'; requestHash: string; responseStatus: number; responseBody: unknown };

/** What the interceptor needs from storage; an in-memory fake stands in for it in unit tests. */
export interface IdempotencyStorage {
  /** True when this request now owns the key; false when a live record already holds it. */
  claim(claim: IdempotencyClaim): Promise<boolean>;
  find(scope: string, key: string): Promise<IdempotencyRecord | null>;
  complete(scope: string, key: string, responseStatus: number, responseBody: unknown): Promise<void>;
  /** Forgets an unfinished claim, so the client may try again with the same key. */
  release(scope: string, key: string): Promise<void>;
  /** Says the claim's request is still running: its lease starts again. */
  renew(scope: string, key: string): Promise<void>;
}

const TTL = `interval '${IDEMPOTENCY_TTL_HOURS} hours'`;
/**
 * A running request renews its claim every {@link CLAIM_RENEWAL_MS}; a claim still "in progress" this
 * long after its last renewal belongs to a request that is no longer running but could not release it:
 * its process died, or PostgreSQL was away. The key may then be claimed again, so a client retrying
 * on another replica after one died waits this long at most.
 */
export const IN_PROGRESS_LEASE_SECONDS = 15;
/** A third of the lease: two renewals may fail or run late before the claim lapses. */
export const CLAIM_RENEWAL_MS = (IN_PROGRESS_LEASE_SECONDS * 1000) / 3;
const LEASE = `interval '${IN_PROGRESS_LEASE_SECONDS} seconds'`;
/** A live record: completed within the TTL, or in progress within the lease. */
const LIVE = (k: string) => `(${k}.created_at >= now() - ${TTL} AND (${k}.status = 'completed' OR ${k}.created_at >= now() - ${LEASE}))`;
/** The expiry sweep runs at most this often per process, piggybacking on a claim. */
const SWEEP_EVERY_MS = 60_000;

interface Row {
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

@Injectable()
export class IdempotencyStore implements IdempotencyStorage {
  private readonly logger = new Logger('Idempotency');
  private lastSweep = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One atomic statement: insert the claim, or take over a record of the same (scope, key) that is no
   * longer live. A live record (completed within 24 h, in progress within its lease) wins and nothing
   * is returned, so of any number of concurrent requests with one key exactly one gets `true`.
   */
  async claim(claim: IdempotencyClaim): Promise<boolean> {
    await this.sweepExpired();
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (scope, key, method, path, request_hash, status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'in_progress', now())
       ON CONFLICT (scope, key) DO UPDATE
         SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
             status = 'in_progress', created_at = now(), response_status = NULL, response_body = NULL, completed_at = NULL
         WHERE NOT ${LIVE('k')}
       RETURNING 1 AS claimed`,
      [claim.scope, claim.key, claim.method, claim.path, claim.requestHash],
    );
    return rows.length === 1;
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT request_hash, status, response_status, response_body FROM idempotency_keys k
       WHERE scope = $1 AND key = $2 AND ${LIVE('k')}`,
      [scope, key],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.status === 'completed' && row.response_status !== null) {
      return { status: 'completed', requestHash: row.request_hash, responseStatus: row.response_status, responseBody: row.response_body };
    }
    return { status: 'in_progress', requestHash: row.request_hash };
  }

  async complete(scope: string, key: string, responseStatus: number, responseBody: unknown): Promise<void> {
    // Always bound as JSON text: a bare string body would otherwise not be valid jsonb input.
    await this.dataSource.query(
      `UPDATE idempotency_keys
       SET status = 'completed', response_status = $3, response_body = $4::jsonb, completed_at = now()
       WHERE scope = $1 AND key = $2 AND status = 'in_progress'`,
      [scope, key, responseStatus, JSON.stringify(responseBody ?? null)],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_progress'`, [scope, key]);
  }

  async renew(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_keys SET created_at = now() WHERE scope = $1 AND key = $2 AND status = 'in_progress'`, [scope, key]);
  }

  /** Cheap housekeeping on the insert path (indexed by created_at); a failure never fails the request. */
  private async sweepExpired(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    try {
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - ${TTL}`);
    } catch (error) {
      this.logger.warn(`过期 Idempotency-Key 清理失败：${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
