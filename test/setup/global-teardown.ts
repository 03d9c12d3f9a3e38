import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { removeEmbeddedPostgresData } from '../../libs/persistence/src/embedded/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__e2eStack as
    | { postgres: { stop(): Promise<void> }; temporal: { stop(): Promise<void> }; dir: string }
    | undefined;
  if (!stack) return;
  await stack.temporal.stop();
  await stack.postgres.stop();
  // A temporary folder inside a private one (TMPDIR under /root, run as root) has its cluster in the shared folder.
  removeEmbeddedPostgresData(join(stack.dir, 'postgres'));
  rmSync(stack.dir, { recursive: true, force: true });
}
