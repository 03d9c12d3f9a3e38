import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../process/src/ports';
import { startDevServer } from './dev-server';

describe('Temporal dev server that cannot be started', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rural-funds-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one line naming the binary and the remedy, not an unhandled error event', async () => {
    const cli = join(dir, 'temporal');
    writeFileSync(cli, '#!/bin/sh\nexit 0\n');
    chmodSync(cli, 0o644);
    const start = startDevServer({ port: await freePort(), namespace: 'default', cliPath: cli, log: () => undefined });
    await expect(start).rejects.toThrow(/^无法启动 Temporal 开发服务器（.*temporal EACCES）：.*TEMPORAL_CLI_PATH.*TEMPORAL_ADDRESS/);
    await expect(start).rejects.not.toThrow(/\n/);
  });
});
