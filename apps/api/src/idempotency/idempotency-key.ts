import { createHash } from 'node:crypto';

/** The request header a client sends to make a mutating request safe to repeat. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that was replayed from storage instead of produced by the handler. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** Methods that change something; GET, HEAD and OPTIONS ignore the header. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a key (and its stored answer) is remembered. */
export const IDEMPOTENCY_TTL_HOURS = 24;
export const MAX_KEY_LENGTH = 200;

/** Caller part of the scope for routes that need no token. */
export const PUBLIC_CALLER = 'public';

/**
 * A key is 1–200 printable ASCII characters (0x20–0x7E). Anything else — empty, too long,
 * control characters, non-ASCII — is refused rather than silently normalised, so two clients can
 * never disagree about which key they sent.
 */
export function isValidIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_KEY_LENGTH && /^[\x20-\x7e]+$/.test(value);
}

/**
 * JSON with object keys sorted at every depth, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same
 * request. Array order is kept (it is meaningful). `undefined` members are dropped as JSON.stringify
 * drops them; a missing body counts as `null`. Values with a `toJSON` (dates) are serialised by it first.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => {
        const member = (value as Record<string, unknown>)[key];
        return member !== undefined && typeof member !== 'function';
      })
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (value === undefined || typeof value === 'function') return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

/**
 * sha256 (hex) of the canonical JSON body. A query string is part of what was asked, so when one
 * is present it joins the fingerprint; without one the hash is exactly sha256(canonicalJson(body)).
 */
export function requestHash(body: unknown, query?: Record<string, unknown> | null): string {
  const hash = createHash('sha256').update(canonicalJson(body ?? null), 'utf8');
  if (query && Object.keys(query).length > 0) hash.update(`\n?${canonicalJson(query)}`, 'utf8');
  return hash.digest('hex');
}

/** The request path without query string and without trailing slashes (`/projects/` is `/projects`). */
export function normalisePath(url: string): string {
  const path = url.split('?')[0].split('#')[0];
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** Keys are scoped per caller, method and path: the same key on another route or by another user is a different key. */
export function idempotencyScope(caller: string, method: string, path: string): string {
  return `${caller} ${method.toUpperCase()} ${path}`;
}

/**
 * The id a thing made by a keyed request gets: the same caller, target and key always name the same
 * id (a UUID in form, version 8), so even a request that runs twice (its claim lapsed while it ran)
 * writes one row, the second time finding the first.
 */
export function idForKey(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
