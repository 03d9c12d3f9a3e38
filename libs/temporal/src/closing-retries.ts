import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

type RetryStatus = Parameters<ReturnType<typeof defaultGrpcRetryOptions>['retryableDecider']>[1];

/**
 * The SDK's retry of failed gRPC calls, with a way to stop it before the connection closes. A retry
 * the SDK has already scheduled starts a new call when its timer fires; on a closed connection that
 * throws from the timer, outside any request, and takes the process down. So closing first stops new
 * retries, then waits for those already scheduled to run: a second at most, so that Ctrl-C stays quick
 * (backoffs start at 100 ms; only a Temporal already failing for a while has longer ones pending).
 */
const MAX_DRAIN_MS = 1000;

export class ClosingRetries {
  private closing = false;
  private scheduledUntil = 0;
  private readonly defaults = defaultGrpcRetryOptions();
  readonly interceptors = [makeGrpcRetryInterceptor({ retryableDecider: (a, s) => this.retries(a, s), delayFunction: (a, s) => this.delay(a, s) })];

  /** Whether a failed call is tried again: as the SDK decides, until closing begins. */
  retries(attempt: number, status: RetryStatus): boolean {
    return !this.closing && this.defaults.retryableDecider(attempt, status);
  }

  /** The SDK's backoff, remembering until when a scheduled retry may still fire. */
  delay(attempt: number, status: RetryStatus): number {
    const ms = this.defaults.delayFunction(attempt, status);
    this.scheduledUntil = Math.max(this.scheduledUntil, Date.now() + ms);
    return ms;
  }

  /** Stops retrying and resolves once no scheduled retry is left to fire (waiting a second at most). */
  async drain(): Promise<void> {
    this.closing = true;
    const wait = Math.min(this.scheduledUntil - Date.now(), MAX_DRAIN_MS);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 10));
  }
}
