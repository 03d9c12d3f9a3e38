import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/persistence/src/data-source';
import { PolicyCache } from '../libs/persistence/src/policies/policy-cache';
import { savePolicyPatch } from '../libs/persistence/src/policies/policy-store';
import { openStepIntent, sweepStepIntents, type StepSource } from '../libs/persistence/src/step-intents';
import { workflowSteps } from '../apps/worker/src/step-intent-sweeper';
import type { ProjectCommand } from '../workflows/project/project.commands';
import { projectActionUpdate, projectWorkflowId } from '../workflows/project/project.definitions';
import { eventually } from './support/update-assertions';
import { application, createDraft } from './support/fixtures';
import { login, startTestStack, type TestStack } from './support/test-stack';

const RUN = randomUUID().slice(0, 8);
/** 神头镇东神头村 (village2's). */
const VILLAGE = '140602100204';

/**
 * How a step reaches PostgreSQL: the API writes what the workflow's update answers; when that answer
 * is lost, the next caller or the worker's sweeper of stale step intents records the step.
 */
describe('recording project steps', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Sends an action straight to its workflow: nothing records what the update answered, as if the API died at once. */
  async function actedUnrecorded(id: string, username: string, command: ProjectCommand, recordedVersion: number): Promise<void> {
    const me = (await stack.http().get('/auth/me').set(await login(stack, username)).expect(200)).body;
    await stack.temporal.workflow.getHandle(projectWorkflowId(id)).executeUpdate(projectActionUpdate, {
      args: [{ actor: { userId: me.id, name: me.displayName, role: me.role, regionCode: me.regionCode }, command, recordedVersion }],
    });
  }
  const draftSubmittedUnrecorded = (id: string) => actedUnrecorded(id, 'village1', { action: 'submit' }, 1);

  const stageInDb = async (id: string) => (await stack.db.query(`SELECT stage, state_version FROM projects WHERE id = $1`, [id]))[0];

  it('records at once a step whose answer was lost, when the same action is refused for its stage', async () => {
    const village = await login(stack, 'village1');
    const id = await createDraft(stack, village, { name: `答复丢失-${RUN}` });
    await draftSubmittedUnrecorded(id);
    expect(await stageInDb(id)).toMatchObject({ stage: 'draft', state_version: 1 });

    // The village, seeing no answer, submits again: refused, and the read model is brought up meanwhile.
    const again = await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(409);
    expect(again.body.code).toBe('WRONG_STAGE');
    expect(await stageInDb(id)).toMatchObject({ stage: 'township_review', state_version: 2 });
    const history = (await stack.http().get(`/projects/${id}/history`).set(village).expect(200)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit']);
    const inbox = (await stack.http().get('/tasks').set(await login(stack, 'township1')).expect(200)).body.items;
    expect(inbox.filter((t: { projectId: string }) => t.projectId === id)).toHaveLength(1);
  });

  it("records at once a township approval whose answer was lost, when the township's retry is refused in the department's stage", async () => {
    const village = await login(stack, 'village1');
    const id = await createDraft(stack, village, { name: `审核答复丢失-${RUN}` });
    await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(200);
    await actedUnrecorded(id, 'township1', { action: 'approve', comment: null, meetingRef: null }, 2);
    expect(await stageInDb(id)).toMatchObject({ stage: 'township_review', state_version: 2 });

    const again = await stack.http().post(`/projects/${id}/review`).set(await login(stack, 'township1')).send({ decision: 'approve' }).expect(403);
    expect(again.body.code).toBe('WRONG_ROLE');
    expect(await stageInDb(id)).toMatchObject({ stage: 'department_review', state_version: 3 });
  });

  const intentsOf = async (id: string) => (await stack.db.query(`SELECT id FROM step_intents WHERE project_id = $1`, [id])).length;
  /**
   * Test files share the database, and a sweep takes every intent old enough: this file's intents are
   * made an hour old and swept with a grace of 59 minutes, so no other file's in-flight request is touched.
   */
  const HOUR_MS = 3_600_000;
  const SWEEP_OLD = HOUR_MS - 60_000;
  const ageIntents = (...ids: string[]) => stack.db.query(`UPDATE step_intents SET requested_at = now() - interval '1 hour' WHERE project_id = ANY($1::uuid[])`, [ids]);

  it('leaves no step intent behind an action the API answered', async () => {
    const village = await login(stack, 'village1');
    const id = await createDraft(stack, village, { name: `意向清理-${RUN}` });
    await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(200);
    await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(409);
    expect(await intentsOf(id)).toBe(0);
  });

  it('records a step nobody recorded, by the sweeper of the intent the API left', async () => {
    const village = await login(stack, 'village1');
    const id = await createDraft(stack, village, { name: `无人记录-${RUN}` });
    // As the API does before it sends an action; then it dies with the answer.
    await openStepIntent(stack.db, id);
    await draftSubmittedUnrecorded(id);
    expect((await stageInDb(id)).stage).toBe('draft');

    // An intent younger than the grace period may belong to a request still waiting: left alone.
    await stack.worker.sweeper.sweep();
    expect((await stageInDb(id)).stage).toBe('draft');

    await ageIntents(id);
    await stack.worker.sweeper.sweep(SWEEP_OLD);
    expect(await stageInDb(id)).toMatchObject({ stage: 'township_review', state_version: 2 });
    const events = await stack.db.query(`SELECT seq, action FROM project_events WHERE project_id = $1 ORDER BY seq`, [id]);
    expect(events).toEqual([
      { seq: 1, action: 'create' },
      { seq: 2, action: 'submit' },
    ]);
    const inbox = (await stack.http().get('/tasks').set(await login(stack, 'township1')).expect(200)).body.items;
    expect(inbox.filter((t: { projectId: string }) => t.projectId === id)).toHaveLength(1);
    expect(await intentsOf(id)).toBe(0);
  });

  it('removes intents of actions that never took a step, writing nothing', async () => {
    const village = await login(stack, 'village1');
    const id = await createDraft(stack, village, { name: `未办理-${RUN}` });
    const neverStarted = randomUUID();
    await openStepIntent(stack.db, id);
    await openStepIntent(stack.db, neverStarted);
    await ageIntents(id, neverStarted);
    await stack.worker.sweeper.sweep(SWEEP_OLD);
    expect(await intentsOf(id)).toBe(0);
    expect(await intentsOf(neverStarted)).toBe(0);
    expect(await stageInDb(id)).toMatchObject({ stage: 'draft', state_version: 1 });
    expect(await stack.db.query(`SELECT 1 FROM projects WHERE id = $1`, [neverStarted])).toEqual([]);
  });

  it('keeps the intents for a later pass while Temporal cannot be asked', async () => {
    const village = await login(stack, 'village1');
    const id = await createDraft(stack, village, { name: `暂不可查-${RUN}` });
    await openStepIntent(stack.db, id);
    await draftSubmittedUnrecorded(id);
    const second = await createDraft(stack, village, { name: `暂不可查二-${RUN}` });
    await openStepIntent(stack.db, second);
    await ageIntents(id, second);
    const asked: string[] = [];
    const away = await sweepStepIntents(stack.db, async (projectId) => (asked.push(projectId), null), SWEEP_OLD);
    expect(asked).toHaveLength(1); // the pass ends at the first workflow it cannot ask
    expect(away.intents).toBe(0);
    expect(await intentsOf(id)).toBe(1);
    expect((await stageInDb(id)).stage).toBe('draft');
    await stack.worker.sweeper.sweep(SWEEP_OLD);
    expect(await intentsOf(id)).toBe(0);
    expect(await intentsOf(second)).toBe(0);
    expect((await stageInDb(id)).stage).toBe('township_review');
  });

  it('goes on past a project whose steps the database refuses, keeping its intent', async () => {
    const village = await login(stack, 'village1');
    const refused = await createDraft(stack, village, { name: `拒写-${RUN}` });
    const fine = await createDraft(stack, village, { name: `照写-${RUN}` });
    for (const id of [refused, fine]) {
      await openStepIntent(stack.db, id);
      await draftSubmittedUnrecorded(id);
    }
    await ageIntents(refused, fine);
    const real = workflowSteps(stack.temporal);
    // A name longer than its column: as if a step carried something PostgreSQL will not store.
    const source: StepSource = async (projectId, since) =>
      (await real(projectId, since))!.map((step) => (projectId === refused ? { ...step, application: { ...step.application, name: '名'.repeat(300) } } : step));
    const result = await sweepStepIntents(stack.db, source, SWEEP_OLD);
    expect(result.failed.map((f) => f.projectId)).toEqual([refused]);
    expect((await stageInDb(fine)).stage).toBe('township_review');
    expect(await intentsOf(fine)).toBe(0);
    expect((await stageInDb(refused)).stage).toBe('draft');
    expect(await intentsOf(refused)).toBe(1);
    // With the real steps, the next pass records it.
    await stack.worker.sweeper.sweep(SWEEP_OLD);
    expect((await stageInDb(refused)).stage).toBe('township_review');
  });

  it("every process's policy cache forgets a policy when any process changes it", async () => {
    const url = (stack.db.options as { url?: string }).url!;
    const other = await new DataSource(dataSourceOptions(url)).initialize();
    const adminId: string = (await stack.db.query(`SELECT id FROM users WHERE username = 'admin'`))[0].id;
    const mine = new PolicyCache(stack.db, url);
    const theirs = new PolicyCache(other, url);
    try {
      await Promise.all([mine.start(), theirs.start()]);
      const before = await theirs.forRegion(VILLAGE);
      expect(await theirs.forRegion(VILLAGE)).toBe(before); // served from memory
      await savePolicyPatch(stack.db, VILLAGE, { publicityPeriod: before.publicityPeriod === 'P7D' ? 'P8D' : 'P7D' }, adminId);
      await eventually(async () => expect((await theirs.forRegion(VILLAGE)).publicityPeriod).not.toBe(before.publicityPeriod), 5_000);
      expect((await mine.forRegion(VILLAGE)).publicityPeriod).not.toBe(before.publicityPeriod);
    } finally {
      await savePolicyPatch(stack.db, VILLAGE, { publicityPeriod: null } as never, adminId);
      await Promise.all([mine.stop(), theirs.stop()]);
      await other.destroy();
    }
  });

  it('a new project uses the policy changed through the API just before', async () => {
    const admin = await login(stack, 'admin');
    const village = await login(stack, 'village2');
    await stack.http().put(`/policies/${VILLAGE}`).set(admin).send({ taskDue: { township: 'P3D', department: 'P7D', county: 'P10D', village: 'P15D' } }).expect(200);
    try {
      const id = await createDraft(stack, village, { ...application(), name: `新政策-${RUN}`, villageCode: VILLAGE, place: '神头镇东神头村' });
      const submitted = (await stack.http().post(`/projects/${id}/submit`).set(village).send({}).expect(200)).body;
      // The township's task is due by the end of the 3rd Shanghai calendar day, not the default 5th.
      const opened = Date.parse(submitted.updatedAt);
      const due = Date.parse(submitted.dueAt);
      expect(due - opened).toBeLessThanOrEqual(4 * 24 * 3600_000);
      expect(due - opened).toBeGreaterThan(2 * 24 * 3600_000);
    } finally {
      await stack.http().put(`/policies/${VILLAGE}`).set(admin).send({ taskDue: null });
    }
  });
});
