import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ProjectStep } from '../../../workflows/project/project.types';
import { recordedVersion, writeProjectSteps } from './project-steps';

/**
 * Step intents: the API writes one before it sends an action to a project's workflow, and the
 * statement that records the step the workflow answers with removes it. Between the two the
 * workflow may have taken a step the read model lacks; an intent still here after its request has
 * surely ended (the API gave up waiting, or died, or PostgreSQL failed after the workflow answered)
 * is how the sweeper finds such a project. A PostgreSQL that is down before the action is sent
 * fails the intent, so the action is refused with 503 and nothing happens.
 */
export async function openStepIntent(db: DataSource, projectId: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO step_intents (id, project_id) VALUES ($1, $2)`, [id, projectId]);
  return id;
}

/** The action was refused or took no step: its intent goes without anything to record. */
export async function closeStepIntent(db: DataSource, id: string): Promise<void> {
  await db.query(`DELETE FROM step_intents WHERE id = $1`, [id]);
}

/**
 * What the workflow holds beyond a version: its steps, `[]` when it has none or does not exist
 * (the action that would have created it never arrived), `null` when it cannot be asked now.
 */
export type StepSource = (projectId: string, since: number) => Promise<ProjectStep[] | null>;

export interface SweepResult {
  intents: number;
  steps: number;
  /** Projects whose steps the database refused; their intents stay, and the others are not held up. */
  failed: Array<{ projectId: string; error: string }>;
}

/**
 * One pass of the sweeper: records what the workflows of projects with intents older than `graceMs`
 * hold beyond the read model, then removes those intents. Intents are claimed with SKIP LOCKED, so
 * several workers sweep side by side; once a workflow cannot be asked, the pass ends and the
 * remaining intents stay for the next one.
 */
export async function sweepStepIntents(db: DataSource, source: StepSource, graceMs: number, limit = 100): Promise<SweepResult> {
  return db.transaction(async (m) => {
    const claimed: Array<{ id: string; project_id: string }> = await m.query(
      `SELECT id, project_id FROM step_intents
        WHERE requested_at < now() - $1 * interval '1 millisecond'
        ORDER BY requested_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [graceMs, limit],
    );
    const byProject = new Map<string, string[]>();
    for (const row of claimed) byProject.set(row.project_id, [...(byProject.get(row.project_id) ?? []), row.id]);
    const done: string[] = [];
    const failed: SweepResult['failed'] = [];
    let steps = 0;
    for (const [projectId, ids] of byProject) {
      const missing = await source(projectId, await recordedVersion(db, projectId));
      // Temporal cannot be asked now: the rest would only wait out the same deadline, one by one.
      if (missing === null) break;
      try {
        await writeProjectSteps(db, missing);
      } catch (error) {
        failed.push({ projectId, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      steps += missing.length;
      done.push(...ids);
    }
    if (done.length > 0) await m.query(`DELETE FROM step_intents WHERE id = ANY($1::uuid[])`, [done]);
    return { intents: done.length, steps, failed };
  });
}
