import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

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
  readonly interceptors: Array<ReturnType<typeof makeGrpcRetryInterceptor>>;

  constructor() {
    const defaults = defaultGrpcRetryOptions();
    this.interceptors = [
      makeGrpcRetryInterceptor({
        retryableDecider: (attempt, status) => !this.closing && defaults.retryableDecider(attempt, status),
        delayFunction: (attempt, status) => {
          const ms = defaults.delayFunction(attempt, status);
          this.scheduledUntil = Math.max(this.scheduledUntil, Date.now() + ms);
          return ms;
        },
      }),
    ];
  }

  /** Stops retrying and resolves once no scheduled retry is left to fire. */
  async drain(): Promise<void> {
    this.closing = true;
    const wait = Math.min(this.scheduledUntil - Date.now(), MAX_DRAIN_MS);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 10));
  }
}
