import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from './api-error';

const WINDOW_MS = 10 * 60 * 1000;
const LIMIT = 5;

/**
 * Limits anonymous writes (public objections) per client address: 5 per 10 minutes. Kept in
 * memory, so each API replica counts on its own; that bounds abuse without a shared store.
 */
@Injectable()
export class PublicWriteRateLimit implements CanActivate {
  private readonly hits = new Map<string, number[]>();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const recent = (this.hits.get(client) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= LIMIT) {
      throw new ApiError(429, 'TOO_MANY_REQUESTS', '提交过于频繁，请 10 分钟后再试');
    }
    recent.push(now);
    this.hits.set(client, recent);
    if (this.hits.size > 10_000) this.hits.clear();
    return true;
  }
}
