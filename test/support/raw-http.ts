import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestStack } from './test-stack';

/**
 * A bare HTTP client for abuse tests: sends bodies exactly as given (broken JSON, wrong content
 * types, DELETE with a body), from a chosen loopback source address, with a hard per-request
 * timeout, and counts what it sent. supertest would reformat or refuse some of these bodies.
 */
export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; `undefined` sends no body at all (no content-length either). */
  body?: string | Buffer;
  /** Source address, e.g. `127.0.0.7`: the API sees another client (the public-write rate limit counts per address). */
  localAddress?: string;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
  ms: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Makes the app's own server listen on 127.0.0.1, so raw requests and supertest share one port. */
export async function listenOnLoopback(stack: TestStack): Promise<number> {
  const server = stack.app.getHttpServer() as http.Server;
  if (!server.address()) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }
  return (server.address() as AddressInfo).port;
}

export class RawClient {
  /** Requests sent, by label (e.g. an endpoint). */
  readonly counts = new Map<string, number>();
  private nextSource = 2;

  constructor(private readonly port: number) {}

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** A fresh loopback source address (127.0.0.2 … 127.0.250.254), one per call. */
  freshSource(): string {
    const n = this.nextSource++;
    const third = Math.floor(n / 250) % 250;
    const fourth = (n % 250) + 2;
    return `127.0.${third}.${fourth}`;
  }

  send(request: RawRequest, label = `${request.method} ${request.path}`): Promise<RawResponse> {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    const started = Date.now();
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const headers: Record<string, string | number> = { ...(request.headers ?? {}) };
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = body.length;
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | null, response?: RawResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(response!);
      };
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method: request.method, path: request.path, headers, localAddress: request.localAddress, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => finish(e));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            if (/json/.test(String(res.headers['content-type'] ?? ''))) {
              try {
                json = JSON.parse(text);
              } catch {
                json = undefined;
              }
            }
            finish(null, { status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started });
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        finish(new Error(`timeout after ${timeoutMs} ms: ${request.method} ${request.path}`));
      }, timeoutMs);
      req.on('error', (e) => finish(e));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await work(items[i], i);
    }
  });
  await Promise.all(runners);
  return results;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * What is wrong with an error answer: it must be a 4xx whose body is exactly
 * `{ code, message, details }` with a string code and a message in Chinese. Empty when it is right.
 */
export function errorShapeProblems(response: RawResponse): string[] {
  const problems: string[] = [];
  if (response.status < 400 || response.status >= 500) problems.push(`status ${response.status}`);
  const body = response.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    problems.push(`body is not a JSON object: ${response.text.slice(0, 120)}`);
    return problems;
  }
  const keys = Object.keys(body).sort();
  if (keys.join(',') !== 'code,details,message') problems.push(`keys ${keys.join(',')}`);
  if (typeof body.code !== 'string' || body.code === '') problems.push(`code ${JSON.stringify(body.code)}`);
  if (typeof body.message !== 'string' || !CJK.test(body.message)) problems.push(`message not Chinese: ${JSON.stringify(body.message)?.slice(0, 120)}`);
  return problems;
}
