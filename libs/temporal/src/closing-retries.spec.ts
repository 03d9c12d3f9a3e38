import { ClosingRetries } from './closing-retries';

describe('ClosingRetries', () => {
  it('gives the SDK its retry interceptor', () => {
    expect(new ClosingRetries().interceptors).toHaveLength(1);
    expect(typeof new ClosingRetries().interceptors[0]).toBe('function');
  });

  it('drains at once when no retry is scheduled', async () => {
    const started = Date.now();
    await new ClosingRetries().drain();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
