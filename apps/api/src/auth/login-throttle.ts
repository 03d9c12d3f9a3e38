import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from '../common/api-error';

export interface LoginLimits {
  windowMs: number;
  /** Failed sign-ins of one username, from anywhere, before it must wait. */
  perUsername: number;
  /** Failed sign-ins from one address (an IPv6 /64), for any usernames, before it must wait. */
  perAddress: number;
}

/**
 * Five wrong passwords for one account, or thirty from one address (a county office behind one NAT
 * address shares it), within 15 minutes.
 */
export const LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60 * 1000, perUsername: 5, perAddress: 30 };

/** Bounds the memory an attacker can make us spend by inventing usernames. */
const MAX_KEYS = 50_000;

export type Admission = { allowed: true; succeeded: () => void; abandoned: () => void } | { allowed: false; retryAfterS: number };

/** An IPv6 client controls a whole /64, so it counts as one address; IPv4-mapped addresses as IPv4. */
export function addressKey(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g || '0', 16).toString(16)).join(':')}::/64`;
}

/**
 * Counts sign-in attempts per username and per address. An attempt counts from the moment it is
 * admitted until it succeeds, so a burst of parallel guesses cannot all pass before the first
 * failure is recorded; a success takes its own attempt back and clears its username's failures,
 * which an attacker who lacks the password cannot do. Only the caller's own username and address
 * decide, so other people's failures elsewhere never block a sign-in.
 *
 * Kept in this process's memory: each API replica counts on its own (with n replicas behind a
 * balancer an attacker gets at most n times the attempts) and a restart forgets. That bounds
 * guessing without a table written on every failed sign-in, and the e2e suite's test files, each
 * its own process against one shared database, do not throttle each other.
 */
@Injectable()
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();
  private readonly limits: LoginLimits = LOGIN_LIMITS;

  /**
   * Runs a sign-in unless this username or address has failed too often: then 429
   * `TOO_MANY_REQUESTS` with `Retry-After`, without checking the password, so that a guess made
   * while blocked tells the guesser nothing.
   */
  async attempt<T>(ip: string, username: string, response: Response, signIn: () => Promise<T>): Promise<T> {
    const admission = this.admit(ip, username);
    if (!admission.allowed) {
      response.setHeader('Retry-After', String(admission.retryAfterS));
      const minutes = Math.ceil(admission.retryAfterS / 60);
      throw new ApiError(429, 'TOO_MANY_REQUESTS', `登录失败次数过多，请 ${minutes} 分钟后再试`, { retryAfterSeconds: admission.retryAfterS });
    }
    let result: T;
    try {
      result = await signIn();
    } catch (error) {
      // Only a refused password is a failure: a sign-in the database could not answer is not held against anyone.
      if (!(error instanceof ApiError && error.getStatus() === 401)) admission.abandoned();
      throw error;
    }
    admission.succeeded();
    return result;
  }

  admit(ip: string, username: string, now = Date.now()): Admission {
    const userKey = `user:${username.trim().toLowerCase()}`;
    const ipKey = `ip:${addressKey(ip)}`;
    const wait = Math.max(this.wait(userKey, this.limits.perUsername, now), this.wait(ipKey, this.limits.perAddress, now));
    if (wait > 0) return { allowed: false, retryAfterS: Math.ceil(wait / 1000) };
    this.record(userKey, now);
    this.record(ipKey, now);
    const takeBack = (key: string) => {
      const list = this.attempts.get(key);
      const at = list?.lastIndexOf(now) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
    };
    return {
      allowed: true,
      succeeded: () => {
        this.attempts.delete(userKey);
        takeBack(ipKey);
      },
      abandoned: () => {
        takeBack(userKey);
        takeBack(ipKey);
      },
    };
  }

  /** Drops a username's failures here, when an administrator unlocked the account or set its password. */
  forget(username: string): void {
    this.attempts.delete(`user:${username.trim().toLowerCase()}`);
  }

  /** Milliseconds until the key is under its limit again, 0 when it is now. */
  private wait(key: string, limit: number, now: number): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
    if (recent.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, recent);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit] + this.limits.windowMs - now;
  }

  private record(key: string, now: number): void {
    const list = this.attempts.get(key);
    if (list) list.push(now);
    else this.attempts.set(key, [now]);
    if (this.attempts.size > MAX_KEYS) this.forgetOldest(now);
  }

  private forgetOldest(now: number): void {
    for (const [key, list] of this.attempts) {
      if (list.every((t) => now - t >= this.limits.windowMs)) this.attempts.delete(key);
    }
    // Still full of live keys: drop the earliest made, which Map iteration yields first.
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= MAX_KEYS * 0.9) break;
      this.attempts.delete(key);
    }
  }
}
