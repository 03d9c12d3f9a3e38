import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { sleep, type Api, type Exchange, type Token } from './http';

/** 北曹村 (village1's village): the demo reviewers township1, department1 and county1 all reach it. */
export const VILLAGE_CODE = '140602205901';

/** Where every driven project must end: past county approval and a short publicity, into implementation. */
export const TARGET_STAGE = 'implementation';

/** The audit trail every project must have, exactly, at the end. */
export const EXPECTED_EVENTS: Array<{ seq: number; action: string; from_stage: string | null; to_stage: string }> = [
  { seq: 1, action: 'create', from_stage: null, to_stage: 'draft' },
  { seq: 2, action: 'submit', from_stage: 'draft', to_stage: 'township_review' },
  { seq: 3, action: 'approve', from_stage: 'township_review', to_stage: 'department_review' },
  { seq: 4, action: 'approve', from_stage: 'department_review', to_stage: 'county_review' },
  { seq: 5, action: 'approve', from_stage: 'county_review', to_stage: 'publicity' },
  { seq: 6, action: 'publicity_elapsed', from_stage: 'publicity', to_stage: 'implementation' },
];

/** The inbox rows every project must have: one per step that opened a task, only the last one open. */
export const EXPECTED_TASKS: Array<{ opened_seq: number; role: string; action: string; status: string; closed_seq: number | null }> = [
  { opened_seq: 2, role: 'township', action: 'review', status: 'done', closed_seq: 3 },
  { opened_seq: 3, role: 'department', action: 'review', status: 'done', closed_seq: 4 },
  { opened_seq: 4, role: 'county', action: 'review', status: 'done', closed_seq: 5 },
  { opened_seq: 6, role: 'village', action: 'implement', status: 'open', closed_seq: null },
];

/** A project seen in publicity this long (its period is PT2S; Temporal may be away 24 s of it) has no running timer. */
const PUBLICITY_STALL_MS = 60_000;
/** How long a 409/403 after a 503 may be blamed on the read model catching up. */
const REFUSAL_GRACE_MS = 15_000;
/** The publicity period this run sets for VILLAGE_CODE. */
export const PUBLICITY_PERIOD = 'PT2S';

/** HTTP actions per project (create, submit, three approvals); the publicity ends by timer. */
export const ACTIONS_PER_PROJECT = 5;

export interface Users {
  village: Token;
  township: Token;
  department: Token;
  county: Token;
  admin: Token;
}

type Role = Exclude<keyof Users, 'admin'>;

/** What a user does to a project standing in a stage, to move it on. */
const NEXT_STEP: Record<string, { role: Role; path: string; body: object; action: string }> = {
  draft: { role: 'village', path: 'submit', body: {}, action: 'submit' },
  township_review: { role: 'township', path: 'review', body: { decision: 'approve', comment: '同意' }, action: 'approve' },
  department_review: { role: 'department', path: 'review', body: { decision: 'approve', comment: '同意' }, action: 'approve' },
  county_review: { role: 'county', path: 'review', body: { decision: 'approve', comment: '同意入库' }, action: 'approve' },
};

export interface ProjectRun {
  name: string;
  id: string | null;
  /** Actions answered 200/201, as (action, stage it was taken in). */
  succeeded: Array<{ action: string; fromStage: string | null; at: number }>;
  /** Stages at which an action got 503: a later 409/403 there may be that action having gone through after all. */
  ambiguousAt: Set<string>;
  /** 409/403 answers explained by an earlier 503 at the same stage. */
  tolerated: number;
  /** Why this project's drive is wrong, if it is. */
  problems: string[];
  finalStage: string | null;
  adoptedAfter503: boolean;
}

export function application(name: string) {
  return {
    name,
    type: 'infrastructure',
    villageCode: VILLAGE_CODE,
    place: '贾庄乡北曹村',
    content: '改造蔬菜大棚 20 座，配套滴灌设施',
    scale: '20 座',
    totalBudget: '200000.00',
    fundingSources: [{ source: '市级衔接资金', amount: '200000.00' }],
    beneficiaries: { householdsLifted: 12, householdsMonitored: 3, people: 45 },
    farmerLink: '吸纳脱贫户务工，村集体收益按股分红',
    departmentCode: 'agriculture',
  };
}

/** Counts successful actions and lets the scenario wait until the flow is far enough along to strike. */
export class Progress {
  done = 0;
  private waiters: Array<{ at: number; resolve: () => void }> = [];

  tick(): void {
    this.done += 1;
    this.waiters = this.waiters.filter((w) => (this.done >= w.at ? (w.resolve(), false) : true));
  }

  reached(count: number): Promise<void> {
    if (this.done >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ at: count, resolve }));
  }
}

/**
 * Drives one project to TARGET_STAGE like a patient user: reads where it stands and takes the one
 * action that moves it on. When the read answers 503 the user still presses the button they last
 * saw (so actions keep arriving during an outage); on 503 they wait a little and try again.
 * Anything other than 200/201/503 is a problem, except a 409/403 after a 503 at the same stage (the
 * first try may have gone through after all) — and only until the read model catches up, for at
 * most REFUSAL_GRACE_MS.
 */
async function driveProject(
  api: Api,
  users: Users,
  run: ProjectRun,
  progress: Progress,
  deadline: number,
  scenario: string,
): Promise<void> {
  const problem = (text: string): void => void run.problems.push(text);
  const unexpected = (what: string, answer: Exchange) =>
    problem(`${what}: unexpected ${answer.status || answer.error} ${JSON.stringify(answer.body)?.slice(0, 200)}`);

  // The create carries an Idempotency-Key, as a client that retries must: a retry after a 503 finds the
  // draft of a first try that went through (even one recorded only in the workflow so far).
  const idempotencyKey = `chaos-${Buffer.from(run.name).toString('hex')}`;
  while (!run.id) {
    if (Date.now() > deadline) return problem('deadline passed before the draft was created');
    const answer = await api.call('POST', '/projects', { token: users.village, body: application(run.name), label: `${scenario}:create`, idempotencyKey });
    if (answer.status === 201) {
      run.id = (answer.body as { id: string }).id;
      run.succeeded.push({ action: 'create', fromStage: null, at: answer.endedAt });
      progress.tick();
      break;
    }
    // A first try still holds its key (it could not release it while PostgreSQL was down): retry, as asked.
    if (answer.status === 409 && (answer.body as { code?: string } | null)?.code === 'IDEMPOTENCY_IN_PROGRESS') {
      await sleep(1000);
      continue;
    }
    if (answer.status !== 503) return unexpected('create', answer);
    run.ambiguousAt.add('create');
    run.adoptedAfter503 = true;
    await sleep(1000);
  }

  let publicitySince: number | undefined;
  let known: string | null = null;
  const refusedSince = new Map<string, number>();
  for (;;) {
    if (Date.now() > deadline) return problem(`deadline passed; last stage ${run.finalStage}`);
    const view = await api.call('GET', `/projects/${run.id}`, { token: users.county, label: `${scenario}:read` });
    let stage: string;
    if (view.status === 200) {
      stage = (view.body as { stage: string }).stage;
      known = stage;
      run.finalStage = stage;
      if (stage === TARGET_STAGE) return;
      if (stage === 'publicity') {
        // The publicity period (seconds in this run) ends by the workflow's timer.
        publicitySince ??= Date.now();
        if (Date.now() - publicitySince > PUBLICITY_STALL_MS) {
          return problem(
            `still in publicity ${PUBLICITY_STALL_MS / 1000} s after it was first seen there (its period is ${PUBLICITY_PERIOD}): no workflow timer ends it`,
          );
        }
        await sleep(400);
        continue;
      }
    } else if (view.status === 503) {
      if (!known || !NEXT_STEP[known]) {
        await sleep(500);
        continue;
      }
      stage = known;
    } else {
      return unexpected('read', view);
    }
    const step = NEXT_STEP[stage];
    if (!step) return problem(`unexpected stage ${stage}`);
    const answer = await api.call('POST', `/projects/${run.id}/${step.path}`, {
      token: users[step.role],
      body: step.body,
      label: `${scenario}:${step.action}@${stage}`,
    });
    if (answer.status === 200) {
      run.succeeded.push({ action: step.action, fromStage: stage, at: answer.endedAt });
      progress.tick();
      continue;
    }
    if (answer.status === 503) {
      run.ambiguousAt.add(stage);
      await sleep(500);
      continue;
    }
    if ((answer.status === 409 || answer.status === 403) && run.ambiguousAt.has(stage)) {
      const since = refusedSince.get(stage) ?? Date.now();
      refusedSince.set(stage, since);
      if (Date.now() - since > REFUSAL_GRACE_MS) {
        return unexpected(
          `${step.action} at ${stage} (refused for ${REFUSAL_GRACE_MS / 1000} s, the stage in the database never moved)`,
          answer,
        );
      }
      run.tolerated += 1;
      await sleep(500);
      continue;
    }
    return unexpected(`${step.action} at ${stage}`, answer);
  }
}

/** Drives `count` new projects with at most `concurrency` at a time; settles when all are done or the deadline passed. */
export async function driveProjects(options: {
  api: Api;
  users: Users;
  count: number;
  concurrency: number;
  deadline: number;
  scenario: string;
  progress: Progress;
}): Promise<ProjectRun[]> {
  const tag = randomUUID().slice(0, 6);
  const runs: ProjectRun[] = Array.from({ length: options.count }, (_, i) => ({
    name: `混沌-${options.scenario}-${tag}-${String(i + 1).padStart(2, '0')}`,
    id: null,
    succeeded: [],
    ambiguousAt: new Set<string>(),
    tolerated: 0,
    problems: [],
    finalStage: null,
    adoptedAfter503: false,
  }));
  let next = 0;
  const lanes = Array.from({ length: options.concurrency }, async () => {
    while (next < runs.length) {
      const run = runs[next++];
      try {
        await driveProject(options.api, options.users, run, options.progress, options.deadline, options.scenario);
      } catch (error) {
        run.problems.push(`driver threw: ${(error as Error).message}`);
      }
    }
  });
  await Promise.all(lanes);
  return runs;
}

/** Runs `work` with a fresh connection to PostgreSQL (the run's own pools may be mid-outage). */
export async function withDb<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/**
 * The database checks every scenario shares: each driven project (and no twin of it) ended in the
 * target stage with exactly the expected audit trail and inbox, and every action answered 200 is there.
 */
export async function checkInDatabase(db: Client, runs: ProjectRun[]): Promise<string[]> {
  const failures: string[] = [];
  for (const run of runs) failures.push(...run.problems.map((p) => `${run.name}: ${p}`));
  const ids = runs.map((r) => r.id).filter((id): id is string => id !== null);
  if (ids.length !== runs.length) failures.push(`${runs.length - ids.length} project(s) never got an id`);

  const names = runs.map((r) => r.name);
  const twins = await db.query<{ name: string; n: number }>(
    `SELECT name, count(*)::int AS n FROM projects WHERE name = ANY($1) GROUP BY name HAVING count(*) <> 1`,
    [names],
  );
  for (const row of twins.rows) failures.push(`project name ${row.name} has ${row.n} rows (a duplicate draft from a retried create)`);

  const duplicates = await db.query(
    `SELECT project_id, seq, count(*)::int AS n FROM project_events WHERE project_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
    [ids],
  );
  if (duplicates.rowCount) failures.push(`${duplicates.rowCount} duplicated (project_id, seq) rows in project_events`);
  const taskDuplicates = await db.query(
    `SELECT project_id, opened_seq FROM tasks WHERE project_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
    [ids],
  );
  if (taskDuplicates.rowCount) failures.push(`${taskDuplicates.rowCount} duplicated (project_id, opened_seq) rows in tasks`);

  const projects = await db.query<{ id: string; stage: string; state_version: number }>(
    `SELECT id, stage, state_version FROM projects WHERE id = ANY($1)`,
    [ids],
  );
  const byId = new Map(projects.rows.map((p) => [p.id, p]));
  const events = await db.query<{ project_id: string; seq: number; action: string; from_stage: string | null; to_stage: string }>(
    `SELECT project_id, seq, action, from_stage, to_stage FROM project_events WHERE project_id = ANY($1) ORDER BY project_id, seq`,
    [ids],
  );
  const tasks = await db.query<{
    project_id: string;
    opened_seq: number;
    role: string;
    action: string;
    status: string;
    closed_seq: number | null;
  }>(
    `SELECT project_id, opened_seq, role, action, status, closed_seq FROM tasks WHERE project_id = ANY($1) ORDER BY project_id, opened_seq`,
    [ids],
  );
  const group = <R extends { project_id: string }>(rows: R[]) => {
    const map = new Map<string, Array<Omit<R, 'project_id'>>>();
    for (const { project_id, ...rest } of rows) map.set(project_id, [...(map.get(project_id) ?? []), rest]);
    return map;
  };
  const eventsOf = group(events.rows);
  const tasksOf = group(tasks.rows);

  for (const run of runs) {
    if (!run.id) continue;
    const project = byId.get(run.id);
    if (!project) {
      failures.push(`${run.name}: no row in projects`);
      continue;
    }
    if (project.stage !== TARGET_STAGE) failures.push(`${run.name}: stage ${project.stage}, expected ${TARGET_STAGE}`);
    const trail = eventsOf.get(run.id) ?? [];
    if (JSON.stringify(trail) !== JSON.stringify(EXPECTED_EVENTS)) {
      failures.push(
        `${run.name}: history ${trail.map((e) => `${e.seq}:${e.action}`).join(',')} ≠ expected ${EXPECTED_EVENTS.map((e) => `${e.seq}:${e.action}`).join(',')}`,
      );
    }
    const inbox = tasksOf.get(run.id) ?? [];
    if (JSON.stringify(inbox) !== JSON.stringify(EXPECTED_TASKS)) {
      const open = inbox.filter((t) => t.status === 'open').length;
      failures.push(
        `${run.name}: ${inbox.length} task rows (${open} open), expected ${EXPECTED_TASKS.length} (1 open): ${JSON.stringify(inbox)}`,
      );
    }
    // Every action the API confirmed must be in the audit trail.
    for (const ok of run.succeeded) {
      if (!trail.some((e) => e.action === ok.action && e.from_stage === ok.fromStage)) {
        failures.push(
          `${run.name}: ${ok.action}${ok.fromStage ? ` at ${ok.fromStage}` : ''} answered ${ok.action === 'create' ? 201 : 200} but is not in project_events`,
        );
      }
    }
  }
  return failures;
}

/** Counts of answers by label kind and status, e.g. `approve 200×120, 503×3`. */
export function statusSummary(exchanges: Exchange[]): string {
  const counts = new Map<string, number>();
  for (const e of exchanges) {
    const kind = e.label.replace(/^[^:]*:/, '').replace(/@.*/, '');
    const key = `${kind} ${e.status || 'ERR'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}×${n}`)
    .join(', ');
}
