/** A small loopback HTTP client that records every exchange, so a scenario can judge them afterwards. */

export interface Exchange {
  method: string;
  path: string;
  /** HTTP status, or 0 when no answer arrived (connection error, client timeout). */
  status: number;
  startedAt: number;
  endedAt: number;
  body: unknown;
  /** What the request was for, e.g. `submit` or `approve@county_review`; health checks are `health`. */
  label: string;
  /** Network error text when status is 0. */
  error?: string;
}

export type Token = string;

export class Api {
  readonly exchanges: Exchange[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 150_000,
  ) {}

  async call(
    method: string,
    path: string,
    options: { token?: Token; body?: unknown; label?: string; idempotencyKey?: string } = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const startedAt = Date.now();
    const exchange: Exchange = {
      method,
      path,
      status: 0,
      startedAt,
      endedAt: startedAt,
      body: null,
      label: options.label ?? `${method} ${path}`,
    };
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      exchange.status = response.status;
      try {
        exchange.body = text ? JSON.parse(text) : null;
      } catch {
        exchange.body = text;
      }
    } catch (error) {
      exchange.error = (error as Error).message;
    }
    exchange.endedAt = Date.now();
    this.exchanges.push(exchange);
    return exchange;
  }

  /** Exchanges that started at or after `from` (ms epoch) — one scenario's share. */
  since(from: number): Exchange[] {
    return this.exchanges.filter((e) => e.startedAt >= from);
  }

  async login(username: string): Promise<Token> {
    const answer = await this.call('POST', '/auth/login', { body: { username, password: 'demo123' }, label: 'login' });
    const token = (answer.body as { accessToken?: string } | null)?.accessToken;
    if (answer.status !== 200 || !token) throw new Error(`login ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return token;
  }
}

/** Records GET /health every `everyMs` until stopped (each probe waits for the previous one). */
export class HealthProbe {
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly api: Api,
    everyMs = 400,
  ) {
    this.loop = (async () => {
      while (this.running) {
        await this.api.call('GET', '/health', { label: 'health' });
        await sleep(everyMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function healthOf(exchange: Exchange): { database?: string; temporal?: string } {
  const body = exchange.body as { database?: { status?: string }; temporal?: { status?: string } } | null;
  return { database: body?.database?.status, temporal: body?.temporal?.status };
}
