import { status as grpcStatus } from '@grpc/grpc-js';
import { ClosingRetries } from './closing-retries';

const unavailable = { code: grpcStatus.UNAVAILABLE, details: 'connection reset', metadata: undefined } as never;
const notFound = { code: grpcStatus.NOT_FOUND, details: 'workflow not found', metadata: undefined } as never;

describe('ClosingRetries', () => {
  it('retries what the SDK retries until closing begins, then nothing', async () => {
    const retries = new ClosingRetries();
    expect(retries.retries(1, unavailable)).toBe(true);
    expect(retries.retries(1, notFound)).toBe(false);
    await retries.drain();
    expect(retries.retries(1, unavailable)).toBe(false);
  });

  it('waits on closing for a retry already scheduled, but never more than a second', async () => {
    const soon = new ClosingRetries();
    const ms = soon.delay(1, unavailable);
    let started = Date.now();
    await soon.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(ms - 5);

    const late = new ClosingRetries();
    late.delay(20, unavailable); // the SDK's backoff grows to its five-second ceiling
    started = Date.now();
    await late.drain();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('closes at once when nothing is scheduled', async () => {
    const started = Date.now();
    await new ClosingRetries().drain();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
