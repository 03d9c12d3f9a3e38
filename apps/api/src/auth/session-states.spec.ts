import type { DataSource } from 'typeorm';
import { SESSION_STATE_FRESH_MS, SessionStates } from './session-states';

/** A database of one account whose row the test changes, counting the lookups and able to hold one back. */
function fakeDatabase() {
  const db = {
    row: { session_version: 1, disabled: false, must_change_password: false } as Record<string, unknown> | null,
    lookups: 0,
    hold: null as Promise<void> | null,
    async query() {
      db.lookups += 1;
      const answer = db.row ? [{ ...db.row }] : [];
      if (db.hold) await db.hold;
      return answer;
    },
  };
  return db;
}

describe('SessionStates', () => {
  const t0 = 1_000_000;

  it('looks an account up once per freshness window, and again after it', async () => {
    const db = fakeDatabase();
    const sessions = new SessionStates(db as unknown as DataSource);
    expect(await sessions.current('u1', t0)).toEqual({ sessionVersion: 1, disabled: false, mustChangePassword: false });
    db.row = { session_version: 2, disabled: true, must_change_password: false };
    expect((await sessions.current('u1', t0 + SESSION_STATE_FRESH_MS - 1))?.sessionVersion).toBe(1);
    expect(await sessions.current('u1', t0 + SESSION_STATE_FRESH_MS)).toEqual({ sessionVersion: 2, disabled: true, mustChangePassword: false });
    expect(db.lookups).toBe(2);
  });

  it('sees a change made through this replica at once', async () => {
    const db = fakeDatabase();
    const sessions = new SessionStates(db as unknown as DataSource);
    await sessions.current('u1', t0);
    db.row = { session_version: 2, disabled: false, must_change_password: true };
    sessions.forget('u1');
    expect(await sessions.current('u1', t0 + 1)).toEqual({ sessionVersion: 2, disabled: false, mustChangePassword: true });
  });

  it('answers a burst of requests of one account with one lookup', async () => {
    const db = fakeDatabase();
    const sessions = new SessionStates(db as unknown as DataSource);
    const answers = await Promise.all(Array.from({ length: 20 }, () => sessions.current('u1', t0)));
    expect(new Set(answers.map((a) => a?.sessionVersion))).toEqual(new Set([1]));
    expect(db.lookups).toBe(1);
  });

  it('does not keep what a lookup begun before a change read', async () => {
    const db = fakeDatabase();
    const sessions = new SessionStates(db as unknown as DataSource);
    let release!: () => void;
    db.hold = new Promise<void>((resolve) => (release = resolve));
    const early = sessions.current('u1', t0);
    await new Promise((resolve) => setImmediate(resolve));
    db.row = { session_version: 2, disabled: true, must_change_password: false };
    sessions.forget('u1');
    db.hold = null;
    release();
    expect((await early)?.sessionVersion).toBe(1);
    expect(await sessions.current('u1', t0 + 1)).toEqual({ sessionVersion: 2, disabled: true, mustChangePassword: false });
  });

  it('answers null for an account that is gone', async () => {
    const db = fakeDatabase();
    db.row = null;
    expect(await new SessionStates(db as unknown as DataSource).current('u1', t0)).toBeNull();
  });
});
