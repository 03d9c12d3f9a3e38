import type { Duration } from '@temporalio/common';
import { existsSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

let runtimeInstalled = false;

/** The SDK logs every worker state change at INFO; a county server's log should show problems only. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: new DefaultLogger((process.env.TEMPORAL_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN'),
    // The SDK would stop every worker on SIGINT at once; the processes that run one stop it
    // themselves, after the API in the same process has answered the requests that need it.
    shutdownSignals: [],
  });
}

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** A prebuilt bundle (production); without it the workflows are bundled at start-up. */
  workflowBundlePath?: string;
  /** How long activities running at shutdown may go on before they are told to cancel (SDK default 0). */
  shutdownGraceTime?: Duration;
  /** When shutdown gives up waiting; an activity still running then is retried by Temporal after its timeout. */
  shutdownForceTime?: Duration;
}

export function defaultWorkflowsPath(): string {
  return require.resolve('../../../workflows');
}

export async function createWorker(options: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: options.address });
  const bundle = options.workflowBundlePath;
  if (bundle && !existsSync(bundle)) throw new Error(`找不到工作流包 ${bundle}：请先运行 npm run build`);
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.shutdownGraceTime ? { shutdownGraceTime: options.shutdownGraceTime } : {}),
    ...(options.shutdownForceTime ? { shutdownForceTime: options.shutdownForceTime } : {}),
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: defaultWorkflowsPath() }),
  });
  return { worker, connection };
}
