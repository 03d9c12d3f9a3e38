import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__e2eStack as
    | { postgres: { stop(): Promise<void> }; temporal: { stop(): Promise<void> }; dir: string }
    | undefined;
  if (!stack) return;
  await stack.temporal.stop();
  await stack.postgres.stop();
  rmSync(stack.dir, { recursive: true, force: true });
}
