import { findTemporalCli, temporalCliVersion } from '../libs/temporal/src/temporal-cli';
import { ensureTimeSkippingServer } from '../libs/temporal/src/testing/time-skipping-server';

/**
 * Makes the binaries the tests need appear on a machine that has none: the Temporal CLI (built
 * with Go once into the tools cache) and the Java time-skipping test server (fetched with Maven).
 */
async function main(): Promise<void> {
  const started = Date.now();
  const cli = findTemporalCli({ explicitPath: process.env.TEMPORAL_CLI_PATH, log: console.log });
  if (!cli) throw new Error('Temporal CLI 不可用：需要 Go（或设置 TEMPORAL_CLI_PATH）');
  console.log(`Temporal CLI: ${cli} (${temporalCliVersion(cli).split('\n')[0]})`);
  console.log(`time-skipping test server: ${await ensureTimeSkippingServer()}`);
  console.log(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
