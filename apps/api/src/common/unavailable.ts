/**
 * True when an error means a backing service (Postgres, Temporal) is unreachable rather than the
 * request being wrong: such a request gets 503 so clients retry, never a 500.
 */
export function isUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof e.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(e.code)) {
      return true;
    }
    // gRPC status 14 (UNAVAILABLE) and 4 (DEADLINE_EXCEEDED) from the Temporal client.
    if (typeof e.code === 'number' && (e.code === 14 || e.code === 4)) return true;
    if (e.name === 'ServiceError' || e.name === 'ConnectionError') return true;
    if (typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection refused/i.test(e.message)) {
      return true;
    }
  }
  return false;
}
