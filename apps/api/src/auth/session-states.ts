import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the guard must know of an account on every request, beyond what its token says. */
export interface SessionState {
  sessionVersion: number;
  disabled: boolean;
  mustChangePassword: boolean;
}

/**
 * How long a looked-up account state is trusted. The guard runs on every request: a primary-key
 * lookup each time would add a database round trip (and a pool connection) to every call, while a
 * state kept for two seconds costs one lookup per account per two seconds per replica. A change
 * made through this replica is seen at once ({@link SessionStates.forget}); one made through another
 * replica within two seconds, which is what "revoked" has to mean for a disabled account.
 */
export const SESSION_STATE_FRESH_MS = 2000;
/** Bounds the memory the cache can take; far above the number of accounts a county system has. */
const MAX_ENTRIES = 20_000;

@Injectable()
export class SessionStates {
  private readonly known = new Map<string, { state: SessionState | null; at: number }>();
  /** Lookups under way, so a burst of requests of one account waits for one query. */
  private readonly pending = new Map<string, Promise<SessionState | null>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account's state, or null when the account does not exist. */
  async current(userId: string, now = Date.now()): Promise<SessionState | null> {
    const hit = this.known.get(userId);
    if (hit && now - hit.at < SESSION_STATE_FRESH_MS) return hit.state;
    const running = this.pending.get(userId);
    if (running) return running;
    const lookup: Promise<SessionState | null> = this.load(userId).then(
      (state) => {
        // A lookup that started before a change was forgotten must not put the old state back.
        if (this.pending.get(userId) !== lookup) return state;
        this.pending.delete(userId);
        if (this.known.size >= MAX_ENTRIES) this.known.clear();
        this.known.set(userId, { state, at: now });
        return state;
      },
      (error: unknown) => {
        if (this.pending.get(userId) === lookup) this.pending.delete(userId);
        throw error;
      },
    );
    this.pending.set(userId, lookup);
    return lookup;
  }

  /** Called after this replica changed the account, so its next request sees the change. */
  forget(userId: string): void {
    this.known.delete(userId);
    this.pending.delete(userId);
  }

  private async load(userId: string): Promise<SessionState | null> {
    const rows: Array<{ session_version: number; disabled: boolean; must_change_password: boolean }> = await this.dataSource.query(
      `SELECT session_version, disabled, must_change_password FROM users WHERE id = $1`,
      [userId],
    );
    const row = rows[0];
    return row ? { sessionVersion: row.session_version, disabled: row.disabled, mustChangePassword: row.must_change_password } : null;
  }
}
