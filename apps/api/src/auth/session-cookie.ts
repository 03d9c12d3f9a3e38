import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * The web console's session: the access token in an httpOnly cookie that page scripts cannot read,
 * and a CSRF token in a readable cookie that the console echoes in a header (double submit). Both
 * are SameSite=Strict, so a cross-site page never sends them; the header check also refuses a
 * same-site forgery that cannot read our cookies. API clients keep using the bearer header.
 */
export const SESSION_COOKIE = 'rf_session';
export const CSRF_COOKIE = 'rf_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Sent by the console to ask for a cookie session instead of a token in the answer. */
export const AUTH_MODE_HEADER = 'x-auth-mode';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

/** The cookies of a request, without a parser middleware (the guard runs before any body is read). */
export function readCookies(request: Request): Record<string, string> {
  const header = request.headers.cookie;
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

export function wantsCookieSession(request: Request): boolean {
  return String(request.headers[AUTH_MODE_HEADER] ?? '').toLowerCase() === 'cookie';
}

/** Sets both cookies for as long as the token lives; `Secure` whenever the request came over TLS. */
export function setSessionCookies(request: Request, response: Response, token: string, maxAgeMs: number): string {
  const csrf = randomBytes(24).toString('base64url');
  const common = { sameSite: 'strict' as const, secure: request.secure, path: '/', maxAge: maxAgeMs };
  response.cookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  response.cookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
  return csrf;
}

export function clearSessionCookies(request: Request, response: Response): void {
  const common = { sameSite: 'strict' as const, secure: request.secure, path: '/' };
  response.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, common);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Why a cookie-authenticated request must be refused as a possible forgery, or null. Reading is
 * always allowed; a change needs the CSRF header to match its cookie and must not come cross-site.
 */
export function csrfRefusal(request: Request, cookies: Record<string, string>): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  // The console only ever writes from its own origin. A sibling subdomain (same-site) can plant its
  // own rf_csrf cookie and echo it, which the double submit alone would not notice.
  if (FOREIGN_FETCH_SITES.has(String(request.headers['sec-fetch-site'] ?? ''))) return '跨站请求被拒绝';
  const header = request.headers[CSRF_HEADER];
  const expected = cookies[CSRF_COOKIE];
  if (typeof header !== 'string' || !expected || !sameToken(header, expected)) return '缺少或错误的 CSRF 校验令牌，请刷新页面后重试';
  return null;
}
