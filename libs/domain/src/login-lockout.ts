/**
 * 登录锁定: consecutive wrong passwords of one account, kept in the database so that every API
 * replica and every restart sees them. The in-memory throttle of the API stops bursts (5 per 15
 * minutes per replica); this rule stops the slow, patient or distributed guessing the throttle lets
 * through, so it sits above the throttle's limit: a person mistyping a few times is never locked.
 */
export const LOCKOUT_RULE = { maxFailures: 10, lockMs: 30 * 60 * 1000 } as const;

export interface LoginFailures {
  /** Wrong passwords since the last successful sign-in (or since the last lock ended). */
  failedLogins: number;
  /** Until when sign-in is refused whatever the password; null when not locked. */
  lockedUntil: Date | null;
}

export interface LockoutRule {
  maxFailures: number;
  lockMs: number;
}

export function isLocked(state: LoginFailures, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** After one more wrong password: the count goes up, and at the limit the account is locked. A lock that ran out starts a fresh count. */
export function afterFailure(state: LoginFailures, now: Date, rule: LockoutRule = LOCKOUT_RULE): LoginFailures {
  if (isLocked(state, now)) return state;
  const expired = state.lockedUntil !== null;
  const failedLogins = (expired ? 0 : state.failedLogins) + 1;
  return { failedLogins, lockedUntil: failedLogins >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null };
}

/** After a successful sign-in or an administrator's unlock. */
export const CLEAR_FAILURES: LoginFailures = Object.freeze({ failedLogins: 0, lockedUntil: null });
