import { CLEAR_FAILURES, LOCKOUT_RULE, afterFailure, isLocked, type LoginFailures } from './login-lockout';

const t0 = new Date('2026-03-02T08:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

function failTimes(n: number, from: LoginFailures = CLEAR_FAILURES): LoginFailures {
  let state = from;
  for (let i = 0; i < n; i++) state = afterFailure(state, later(i * 1000));
  return state;
}

describe('login lockout', () => {
  it('counts wrong passwords and locks at the limit for the lock time', () => {
    const before = failTimes(LOCKOUT_RULE.maxFailures - 1);
    expect(before).toEqual({ failedLogins: LOCKOUT_RULE.maxFailures - 1, lockedUntil: null });
    expect(isLocked(before, later(0))).toBe(false);
    const locked = afterFailure(before, later(60_000));
    expect(locked).toEqual({ failedLogins: LOCKOUT_RULE.maxFailures, lockedUntil: later(60_000 + LOCKOUT_RULE.lockMs) });
    expect(isLocked(locked, later(60_000 + LOCKOUT_RULE.lockMs - 1))).toBe(true);
    expect(isLocked(locked, later(60_000 + LOCKOUT_RULE.lockMs))).toBe(false);
  });

  it('sits above the API throttle, so a few typing mistakes never lock an account', () => {
    expect(LOCKOUT_RULE.maxFailures).toBeGreaterThan(5);
    expect(isLocked(failTimes(5), later(10_000))).toBe(false);
  });

  it('does not extend a running lock with more attempts', () => {
    const locked = failTimes(LOCKOUT_RULE.maxFailures);
    expect(afterFailure(locked, later(LOCKOUT_RULE.lockMs / 2))).toBe(locked);
  });

  it('starts a fresh count once a lock has run out', () => {
    const locked = failTimes(LOCKOUT_RULE.maxFailures);
    const after = afterFailure(locked, later(LOCKOUT_RULE.lockMs + LOCKOUT_RULE.maxFailures * 1000));
    expect(after).toEqual({ failedLogins: 1, lockedUntil: null });
  });

  it('takes its limits from the rule it is given', () => {
    const rule = { maxFailures: 2, lockMs: 1000 };
    const once = afterFailure(CLEAR_FAILURES, t0, rule);
    expect(afterFailure(once, t0, rule)).toEqual({ failedLogins: 2, lockedUntil: later(1000) });
  });
});
