import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { projectWorkflowId } from '../workflows/project/project.definitions';
import { application, startSystem, stopSystem } from './system';

/**
 * `node dist/bench/paced-history.js`: what one project costs Temporal when people act on it as they
 * do, minutes or days apart rather than back to back: a draft, its submission and two approvals over
 * HTTP, each followed by a pause longer than any deferred work a step could schedule. Prints the
 * project workflow's history (events, workflow tasks, timers, activities). Takes about a minute.
 */
const PAUSE_MS = Number(process.env.PACED_PAUSE_MS ?? 12_000);
const { EventType } = temporal.api.enums.v1;

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'rural-funds-paced-'));
  chmodSync(dir, 0o755);
  const system = await startSystem(dir);
  try {
    const base = `http://127.0.0.1:${system.port}`;
    const call = async (path: string, token: string | null, body: unknown): Promise<{ id: string; accessToken: string }> => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string; accessToken: string };
    };
    const token = async (username: string) => (await call('/auth/login', null, { username, password: 'demo123' })).accessToken;
    const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    const project = await call('/projects', await token('village1'), application('逐步办理的项目'));
    await pause();
    await call(`/projects/${project.id}/submit`, await token('village1'), {});
    await pause();
    await call(`/projects/${project.id}/review`, await token('township1'), { decision: 'approve' });
    await pause();
    await call(`/projects/${project.id}/review`, await token('department1'), { decision: 'approve' });
    await pause();

    const connection = await Connection.connect({ address: `127.0.0.1:${system.temporalPort}` });
    const history = await new Client({ connection }).workflow.getHandle(projectWorkflowId(project.id)).fetchHistory();
    await connection.close();
    const count = (type: number) => history.events!.filter((e) => e.eventType === type).length;
    console.log(
      JSON.stringify({
        steps: 4,
        pauseMs: PAUSE_MS,
        events: history.events!.length,
        workflowTasks: count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
        timersStarted: count(EventType.EVENT_TYPE_TIMER_STARTED),
        activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
      }),
    );
  } finally {
    await stopSystem(system.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
