import { CallHandler, ExecutionContext, HttpException, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, Observable, of, throwError } from 'rxjs';
import { ApiError } from '../common/api-error';
import { requestHash } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { CLAIM_RENEWAL_MS, IN_PROGRESS_LEASE_SECONDS, type IdempotencyClaim, type IdempotencyRecord, type IdempotencyStorage } from './idempotency.store';

/** The same contract as the Postgres store, in memory. */
class MemoryStore implements IdempotencyStorage {
  readonly rows = new Map<string, IdempotencyRecord>();
  private id = (scope: string, key: string) => `${scope}\u0000${key}`;
  async claim(claim: IdempotencyClaim): Promise<boolean> {
    const id = this.id(claim.scope, claim.key);
    if (this.rows.has(id)) return false;
    this.rows.set(id, { status: 'in_progress', requestHash: claim.requestHash });
    return true;
  }
  async find(scope: string, key: string): Promise<IdempotencyRecord | null> {
    return this.rows.get(this.id(scope, key)) ?? null;
  }
  async complete(scope: string, key: string, responseStatus: number, responseBody: unknown): Promise<void> {
    const row = this.rows.get(this.id(scope, key));
    if (row?.status === 'in_progress') {
      this.rows.set(this.id(scope, key), {
        status: 'completed',
        requestHash: row.requestHash,
        responseStatus,
        responseBody: JSON.parse(JSON.stringify(responseBody ?? null)),
      });
    }
  }
  async release(scope: string, key: string): Promise<void> {
    if (this.rows.get(this.id(scope, key))?.status === 'in_progress') this.rows.delete(this.id(scope, key));
  }
  readonly renewals: string[] = [];
  async renew(scope: string, key: string): Promise<void> {
    if (this.rows.get(this.id(scope, key))?.status === 'in_progress') this.renewals.push(key);
  }
}

interface FakeResponse {
  statusCode: number;
  headers: Record<string, string>;
  setHeader(name: string, value: string): void;
  status(code: number): FakeResponse;
}

function call(options: { method?: string; key?: string; body?: unknown; userId?: string; url?: string }) {
  const request = {
    method: options.method ?? 'POST',
    originalUrl: options.url ?? '/projects',
    url: options.url ?? '/projects',
    headers: options.key === undefined ? {} : { 'idempotency-key': options.key },
    body: options.body ?? { name: 'x' },
    query: {},
    user: options.userId ? { id: options.userId } : undefined,
  };
  const response: FakeResponse = {
    statusCode: (options.method ?? 'POST') === 'POST' ? 201 : 200,
    headers: {},
    setHeader(name, value) {
      this.headers[name] = value;
    },
    status(code) {
      this.statusCode = code;
      return this;
    },
  };
  const handler = () => undefined;
  class Controller {}
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    getHandler: () => handler,
    getClass: () => Controller,
  } as unknown as ExecutionContext;
  return { context, response };
}

function handlerReturning(result: () => Observable<unknown>) {
  const next: CallHandler & { calls: number } = {
    calls: 0,
    handle() {
      next.calls += 1;
      return result();
    },
  };
  return next;
}

async function run(interceptor: IdempotencyInterceptor, context: ExecutionContext, next: CallHandler): Promise<unknown> {
  return lastValueFrom(await interceptor.intercept(context, next));
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('IdempotencyInterceptor', () => {
  let store: MemoryStore;
  let interceptor: IdempotencyInterceptor;
  beforeEach(() => {
    store = new MemoryStore();
    interceptor = new IdempotencyInterceptor(new Reflector(), store);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('passes through without a key, for reads, and for logging in', async () => {
    const next = handlerReturning(() => of({ ok: true }));
    await run(interceptor, call({}).context, next);
    await run(interceptor, call({ method: 'GET', key: '\n' }).context, next);
    await run(interceptor, call({ key: 'k', url: '/auth/login' }).context, next);
    expect(next.calls).toBe(3);
    expect(store.rows.size).toBe(0);
  });

  it('refuses a malformed key with 400 INVALID_IDEMPOTENCY_KEY', async () => {
    const refused = await failure(
      run(
        interceptor,
        call({ key: 'bad\u0001key' }).context,
        handlerReturning(() => of(1)),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY' });
  });

  it('replays a success with its status and the replay header, without calling the handler', async () => {
    const next = handlerReturning(() => of({ id: 'p1', at: new Date('2025-01-01T00:00:00Z') }));
    const first = call({ key: 'k1', userId: 'u1' });
    expect(await run(interceptor, first.context, next)).toEqual({ id: 'p1', at: new Date('2025-01-01T00:00:00Z') });
    expect(first.response.headers['Idempotent-Replayed']).toBeUndefined();

    const again = call({ key: 'k1', userId: 'u1' });
    expect(await run(interceptor, again.context, next)).toEqual({ id: 'p1', at: '2025-01-01T00:00:00.000Z' });
    expect(again.response.statusCode).toBe(201);
    expect(again.response.headers['Idempotent-Replayed']).toBe('true');
    expect(next.calls).toBe(1);
  });

  it('scopes keys per caller', async () => {
    const next = handlerReturning(() => of({ ok: true }));
    await run(interceptor, call({ key: 'k', userId: 'u1' }).context, next);
    await run(interceptor, call({ key: 'k', userId: 'u2' }).context, next);
    await run(interceptor, call({ key: 'k' }).context, next);
    expect(next.calls).toBe(3);
  });

  it('answers 422 for the same key with another body, and 409 while the first is in progress', async () => {
    await run(
      interceptor,
      call({ key: 'k', body: { a: 1 } }).context,
      handlerReturning(() => of({})),
    );
    const reused = await failure(
      run(
        interceptor,
        call({ key: 'k', body: { a: 2 } }).context,
        handlerReturning(() => of({})),
      ),
    );
    expect(reused).toEqual({
      status: 422,
      body: { code: 'IDEMPOTENCY_KEY_REUSED', message: '同一 Idempotency-Key 已用于不同的请求内容', details: null },
    });

    await store.claim({
      scope: 'public POST /projects',
      key: 'busy',
      method: 'POST',
      path: '/projects',
      requestHash: requestHash({ a: 1 }),
    });
    const busy = call({ key: 'busy', body: { a: 1 } });
    const inProgress = await failure(
      run(
        interceptor,
        busy.context,
        handlerReturning(() => of({})),
      ),
    );
    expect(inProgress.status).toBe(409);
    expect(inProgress.body).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(busy.response.headers['Retry-After']).toBe('1');
  });

  it('remembers a 4xx refusal and replays it as the same error', async () => {
    const refusal = ApiError.unprocessable('负面清单项目不得申报', 'NEGATIVE_LIST', { item: 'x' });
    const next = handlerReturning(() => throwError(() => refusal));
    const first = await failure(run(interceptor, call({ key: 'k' }).context, next));
    const again = call({ key: 'k' });
    const second = await failure(run(interceptor, again.context, next));
    expect(second).toEqual(first);
    expect(second.body).toEqual({ code: 'NEGATIVE_LIST', message: '负面清单项目不得申报', details: { item: 'x' } });
    expect(again.response.headers['Idempotent-Replayed']).toBe('true');
    expect(next.calls).toBe(1);
  });

  it.each([
    ['a 500 (a bug)', new Error('boom')],
    ['a 503 (a backing service is down)', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a 429', new HttpException({ code: 'TOO_MANY_REQUESTS', message: '请求过于频繁' }, 429)],
  ])('forgets the key after %s so the client can retry', async (_label, error) => {
    let fail = true;
    const next = handlerReturning(() => (fail ? throwError(() => error) : of({ ok: true })));
    await expect(run(interceptor, call({ key: 'k' }).context, next)).rejects.toBe(error);
    expect(store.rows.size).toBe(0);
    fail = false;
    expect(await run(interceptor, call({ key: 'k' }).context, next)).toEqual({ ok: true });
    expect(next.calls).toBe(2);
  });

  it('releases the claim when the handler completes without an answer', async () => {
    const next = handlerReturning(() => new Observable<unknown>((subscriber) => subscriber.complete()));
    await expect(run(interceptor, call({ key: 'k' }).context, next)).rejects.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.rows.size).toBe(0);
  });

  it('keeps renewing the claim while its request runs, well inside the lease, and stops once it is answered', async () => {
    jest.useFakeTimers();
    try {
      expect(CLAIM_RENEWAL_MS * 2).toBeLessThan(IN_PROGRESS_LEASE_SECONDS * 1000);
      let finish: (value: unknown) => void = () => undefined;
      const next = handlerReturning(() => from(new Promise((resolve) => (finish = resolve))));
      const answered = run(interceptor, call({ key: 'slow' }).context, next);
      await jest.advanceTimersByTimeAsync(CLAIM_RENEWAL_MS * 3 + 10);
      expect(store.renewals).toEqual(['slow', 'slow', 'slow']);
      finish({ id: 'p1' });
      expect(await answered).toEqual({ id: 'p1' });
      await jest.advanceTimersByTimeAsync(CLAIM_RENEWAL_MS * 3);
      expect(store.renewals).toHaveLength(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('still answers when the answer cannot be stored, and frees the key', async () => {
    store.complete = async () => {
      throw new Error('database gone');
    };
    const next = handlerReturning(() => of({ id: 'p1' }));
    expect(await run(interceptor, call({ key: 'k' }).context, next)).toEqual({ id: 'p1' });
    expect(store.rows.size).toBe(0);
  });
});
