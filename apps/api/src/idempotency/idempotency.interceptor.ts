import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, defer, finalize, from, mergeMap, Observable, of, takeLast, throwError } from 'rxjs';
import { Readable } from 'node:stream';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { describeError } from '../common/error.filter';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  idempotencyScope,
  isValidIdempotencyKey,
  MAX_KEY_LENGTH,
  MUTATING_METHODS,
  normalisePath,
  PUBLIC_CALLER,
  requestHash,
} from './idempotency-key';
import { CLAIM_RENEWAL_MS, IdempotencyStore, IN_PROGRESS_LEASE_SECONDS, type IdempotencyRecord, type IdempotencyStorage } from './idempotency.store';

export const SKIP_IDEMPOTENCY_KEY = 'skipIdempotency';
/** The handler ignores Idempotency-Key (e.g. its answer carries credentials that must never be stored). */
export const SkipIdempotency = () => SetMetadata(SKIP_IDEMPOTENCY_KEY, true);

/**
 * Routes that cannot carry @SkipIdempotency() here: logging in changes nothing, and its answer is an
 * access token, which must not sit in a table for 24 hours.
 */
const EXEMPT_ROUTES: ReadonlySet<string> = new Set(['POST /auth/login']);

/** Statuses that mean "try again later": never remembered as the request's final answer. */
const RETRYABLE_4XX: ReadonlySet<number> = new Set([408, 429]);

/** How often a request retries the claim when the record vanishes between claim and read. */
const CLAIM_ATTEMPTS = 3;
/** One a second, ending well inside the claim's lease, so a late release never removes a newer claim. */
const RELEASE_ATTEMPTS = IN_PROGRESS_LEASE_SECONDS / 2;

type HttpRequest = Request & { user?: AuthUser };

/**
 * Makes every mutating request (POST, PUT, PATCH, DELETE) with an `Idempotency-Key` header safe to
 * repeat. Runs after the guards (so `request.user` is known) and around pipes and handler (so
 * validation refusals are remembered like any other 4xx).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    @Inject(IdempotencyStore) private readonly store: IdempotencyStorage,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const method = request.method.toUpperCase();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (!MUTATING_METHODS.has(method) || header === undefined) return next.handle();

    const path = normalisePath(request.originalUrl ?? request.url);
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_IDEMPOTENCY_KEY, [context.getHandler(), context.getClass()]);
    if (skip || EXEMPT_ROUTES.has(`${method} ${path}`)) return next.handle();

    const key = Array.isArray(header) ? header.join(', ') : header;
    if (!isValidIdempotencyKey(key)) {
      throw ApiError.badRequest('INVALID_IDEMPOTENCY_KEY', `Idempotency-Key 须为 1–${MAX_KEY_LENGTH} 个可打印 ASCII 字符`);
    }

    const scope = idempotencyScope(request.user?.id ?? PUBLIC_CALLER, method, path);
    const hash = requestHash(request.body, request.query as Record<string, unknown> | undefined);

    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      if (await this.store.claim({ scope, key, method, path, requestHash: hash })) {
        return this.runAndRecord(next, response, scope, key);
      }
      const record = await this.store.find(scope, key);
      // Released (5xx) or expired between the claim and the read: try to claim again.
      if (!record) continue;
      if (record.requestHash !== hash) {
        throw ApiError.unprocessable('同一 Idempotency-Key 已用于不同的请求内容', 'IDEMPOTENCY_KEY_REUSED');
      }
      if (record.status === 'in_progress') break;
      return this.replay(record, response);
    }
    response.setHeader('Retry-After', '1');
    throw ApiError.conflict('使用同一 Idempotency-Key 的请求正在处理中，请稍后重试', 'IDEMPOTENCY_IN_PROGRESS');
  }

  /** The first answer, again: same status and body, marked as replayed; the handler is not called. */
  private replay(record: Extract<IdempotencyRecord, { status: 'completed' }>, response: Response): Observable<unknown> {
    response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    // The error filter turns this back into exactly the stored `{ code, message, details }`.
    if (record.responseStatus >= 400) throw new HttpException(record.responseBody as Record<string, unknown>, record.responseStatus);
    response.status(record.responseStatus);
    return of(record.responseBody);
  }

  private runAndRecord(next: CallHandler, response: Response, scope: string, key: string): Observable<unknown> {
    let settled = false;
    // While the request runs its claim stays alive, so the lease can be short enough for a retry after a crash.
    return defer(() => {
      const renewal = setInterval(() => void this.renewQuietly(scope, key), CLAIM_RENEWAL_MS).unref();
      return next.handle().pipe(finalize(() => clearInterval(renewal)));
    }).pipe(
      takeLast(1),
      catchError((error: unknown) => {
        settled = true;
        return from(this.recordError(scope, key, error)).pipe(mergeMap(() => throwError(() => error)));
      }),
      mergeMap(async (body: unknown) => {
        settled = true;
        await this.recordSuccess(scope, key, response.statusCode, body);
        return body;
      }),
      // Torn down without an answer (client gone, empty stream): let the key be used again.
      finalize(() => {
        if (!settled) void this.releaseQuietly(scope, key);
      }),
    );
  }

  private async recordSuccess(scope: string, key: string, status: number, body: unknown): Promise<void> {
    if (status >= 500 || body instanceof StreamableFile || body instanceof Readable || Buffer.isBuffer(body)) {
      // Not a JSON answer that can be stored and replayed faithfully.
      await this.releaseQuietly(scope, key);
      return;
    }
    try {
      await this.store.complete(scope, key, status, body);
    } catch (error) {
      this.logger.error(`无法保存 Idempotency-Key 的应答：${String(error)}`);
      await this.releaseQuietly(scope, key);
    }
  }

  /** 4xx answers are final and remembered; 5xx (including 503) are released so the client can retry. */
  private async recordError(scope: string, key: string, error: unknown): Promise<void> {
    const { status, body } = describeError(error);
    if (status >= 500 || RETRYABLE_4XX.has(status)) {
      await this.releaseQuietly(scope, key);
      return;
    }
    try {
      await this.store.complete(scope, key, status, body);
    } catch (storeError) {
      this.logger.error(`无法保存 Idempotency-Key 的应答：${String(storeError)}`);
      await this.releaseQuietly(scope, key);
    }
  }

  /** A renewal that fails is only logged: the next one may succeed, and the lease allows two to fail. */
  private async renewQuietly(scope: string, key: string): Promise<void> {
    try {
      await this.store.renew(scope, key);
    } catch (error) {
      this.logger.warn(`无法续期 Idempotency-Key：${String(error)}`);
    }
  }

  /**
   * A release that fails (PostgreSQL away) is tried again every second in the background, so a client
   * retrying after the outage need not wait for the claim's lease to run out; the lease covers a
   * process that dies meanwhile.
   */
  private async releaseQuietly(scope: string, key: string, attempt = 1): Promise<void> {
    try {
      await this.store.release(scope, key);
    } catch (error) {
      if (attempt === 1) this.logger.error(`无法释放 Idempotency-Key，将在后台重试：${String(error)}`);
      if (attempt < RELEASE_ATTEMPTS) setTimeout(() => void this.releaseQuietly(scope, key, attempt + 1), 1000).unref();
    }
  }
}
