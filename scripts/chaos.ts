import 'reflect-metadata';
import {
  ACTIONS_PER_PROJECT,
  PUBLICITY_PERIOD,
  VILLAGE_CODE,
  checkInDatabase,
  driveProjects,
  Progress,
  statusSummary,
  withDb,
  type ProjectRun,
  type Users,
} from './chaos/flow';
import { Api, HealthProbe, healthOf, sleep, type Exchange } from './chaos/http';
import { ChaosStack, type WorkerProcess } from './chaos/stack';

/**
 * `npm run chaos`: starts a private stack (embedded PostgreSQL, a Temporal dev server keeping its
 * state in a SQLite file, the API in this process, workers as child processes) on free loopback
 * ports in a temporary folder, then breaks it three ways while projects move through their reviews:
 *
 *   1. SIGKILL of the worker, then a new worker;
 *   2. Temporal dev server stopped and started again on the same port and SQLite file;
 *   3. PostgreSQL stopped for 10 seconds and started again on the same data folder and port.
 *
 * Each scenario drives new projects draft → submit → township → department → county approval →
 * (short publicity) → implementation over HTTP only, and afterwards checks PostgreSQL: every project
 * in `implementation`, exactly the expected audit trail, exactly the expected inbox rows (one open),
 * and every 200 in the database; and the answers: no 500, 503 while a backing service is down.
 * Exit code 1 when any check fails.
 */

const PROJECTS = Number(process.env.CHAOS_PROJECTS ?? 50);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 10);
/** Fraction of a scenario's HTTP actions done when the fault strikes. */
const STRIKE_AT = Number(process.env.CHAOS_STRIKE_AT ?? 0.35);
/**
 * Long enough that some requests arriving while Temporal is away exhaust the client's gRPC retries
 * (about 20 s) and answer 503, rather than all of them simply waiting for the restart.
 */
const TEMPORAL_DOWN_MS = Number(process.env.CHAOS_TEMPORAL_DOWN_MS ?? 24_000);
const POSTGRES_DOWN_MS = Number(process.env.CHAOS_POSTGRES_DOWN_MS ?? 10_000);
/** Per scenario: the drive gives up (and the scenario fails) after this long. */
const SCENARIO_BUDGET_MS = Number(process.env.CHAOS_SCENARIO_BUDGET_MS ?? 150_000);

const log = (line: string) => process.stdout.write(`[chaos] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Errors nobody awaited — in the API's process they would bring a server down; each is a failure. */
const stray: Array<{ at: number; text: string }> = [];
process.on('uncaughtException', (error) => stray.push({ at: Date.now(), text: `uncaughtException: ${error?.stack ?? String(error)}` }));
process.on('unhandledRejection', (error) =>
  stray.push({ at: Date.now(), text: `unhandledRejection: ${(error as Error)?.stack ?? String(error)}` }),
);

interface Scenario {
  fail(message: string): void;
  check(ok: boolean, message: string): void;
  note(message: string): void;
  phase(name: string): void;
}

interface Outcome {
  title: string;
  failures: string[];
  notes: string[];
  phases: Array<[string, number]>;
  ms: number;
}

class Chaos {
  readonly stack = new ChaosStack(log);
  api!: Api;
  users!: Users;
  worker: WorkerProcess | null = null;
  readonly outcomes: Outcome[] = [];

  async setUp(): Promise<void> {
    const started = Date.now();
    await this.stack.start();
    this.api = new Api(this.stack.baseUrl);
    this.worker = await this.stack.spawnWorker();
    const [village, township, department, county, admin] = await Promise.all(
      ['village1', 'township1', 'department1', 'county1', 'admin'].map((name) => this.api.login(name)),
    );
    this.users = { village, township, department, county, admin };
    const policy = await this.api.call('PUT', `/policies/${VILLAGE_CODE}`, {
      token: admin,
      body: { publicityPeriod: PUBLICITY_PERIOD },
      label: 'policy',
    });
    if (policy.status !== 200) throw new Error(`PUT /policies/${VILLAGE_CODE} answered ${policy.status}: ${JSON.stringify(policy.body)}`);
    log(
      `stack up in ${seconds(Date.now() - started)}: PostgreSQL :${this.stack.pgPort}, Temporal :${this.stack.temporalPort}, ` +
        `API :${this.stack.apiPort}, worker pid ${this.worker.pid}; folder ${this.stack.dir}`,
    );
  }

  /** A scenario starts from a whole stack, whatever the previous one left behind. */
  private async ensureWhole(): Promise<void> {
    if (!this.stack.postgres) await this.stack.startPostgres();
    if (!this.stack.temporal) await this.stack.startTemporal();
    if (!this.worker || this.worker.child.exitCode !== null || this.worker.child.signalCode !== null)
      this.worker = await this.stack.spawnWorker();
  }

  async run(title: string, body: (s: Scenario) => Promise<void>): Promise<void> {
    const outcome: Outcome = { title, failures: [], notes: [], phases: [], ms: 0 };
    const started = Date.now();
    let last = started;
    const s: Scenario = {
      fail: (m) => outcome.failures.push(m),
      check: (ok, m) => void (ok || outcome.failures.push(m)),
      note: (m) => outcome.notes.push(m),
      phase: (name) => {
        const now = Date.now();
        outcome.phases.push([name, now - last]);
        last = now;
      },
    };
    log(`▶ ${title}`);
    try {
      await this.ensureWhole();
      await body(s);
    } catch (error) {
      s.fail(`aborted: ${(error as Error)?.stack ?? String(error)}`);
    }
    for (const e of stray.filter((x) => x.at >= started)) s.fail(e.text);
    outcome.ms = Date.now() - started;
    this.outcomes.push(outcome);
    this.report(outcome);
  }

  private report(o: Outcome): void {
    const verdict = o.failures.length === 0 ? 'PASS' : 'FAIL';
    process.stdout.write(`${verdict}  ${o.title}  [${seconds(o.ms)}]\n`);
    process.stdout.write(`      timings: ${o.phases.map(([n, ms]) => `${n} ${seconds(ms)}`).join(' · ')}\n`);
    for (const n of o.notes) process.stdout.write(`      · ${n}\n`);
    const shown = o.failures.slice(0, 25);
    for (const f of shown) process.stdout.write(`      ✗ ${f}\n`);
    if (o.failures.length > shown.length) process.stdout.write(`      ✗ … and ${o.failures.length - shown.length} more\n`);
  }

  /** Starts the drive and resolves when the fault should strike (or the drive already ended). */
  private drive(scenario: string) {
    const progress = new Progress();
    const total = PROJECTS * ACTIONS_PER_PROJECT;
    const deadline = Date.now() + SCENARIO_BUDGET_MS;
    const driving = driveProjects({
      api: this.api,
      users: this.users,
      count: PROJECTS,
      concurrency: CONCURRENCY,
      deadline,
      scenario,
      progress,
    });
    const strike = Math.floor(total * STRIKE_AT);
    const ready = Promise.race([progress.reached(strike), driving.then(() => undefined)]);
    return { progress, total, driving, ready };
  }

  private async databaseChecks(s: Scenario, runs: ProjectRun[]): Promise<void> {
    const failures = await withDb(this.stack.databaseUrl, (db) => checkInDatabase(db, runs));
    for (const f of failures) s.fail(f);
    const clean = runs.filter((r) => !failures.some((f) => f.startsWith(`${r.name}:`))).length;
    s.note(`database: ${runs.length} projects checked (stage, project_events trail, tasks, 200s recorded), ${clean} without findings`);
    const tolerated = runs.reduce((n, r) => n + r.tolerated, 0);
    const adopted = runs.filter((r) => r.adoptedAfter503).length;
    if (tolerated || adopted)
      s.note(
        `after a 503: ${tolerated} refusal(s) because the first try had gone through, ${adopted} draft(s) created by a retry with the same Idempotency-Key`,
      );
  }

  /** No 500 and no missing answer, ever; each one is listed. */
  private noServerErrors(s: Scenario, exchanges: Exchange[]): void {
    const bad = exchanges.filter((e) => e.status === 0 || (e.status >= 500 && e.status !== 503));
    for (const e of bad.slice(0, 10)) {
      s.fail(`${e.label} ${e.method} ${e.path} answered ${e.status || `nothing (${e.error})`}: ${JSON.stringify(e.body)?.slice(0, 200)}`);
    }
    s.check(bad.length === 0, `${bad.length} answer(s) were 5xx other than 503, or missing`);
  }

  private async workerAlive(s: Scenario, what: string): Promise<void> {
    const w = this.worker!;
    if (w.child.exitCode !== null || w.child.signalCode !== null) {
      s.fail(`worker pid ${w.pid} died during ${what} (code ${w.child.exitCode}, signal ${w.child.signalCode}):\n${w.tail()}`);
      this.worker = await this.stack.spawnWorker();
    }
  }

  /** 1. SIGKILL the worker while projects are mid-flow; a new worker takes over. */
  async killWorker(s: Scenario): Promise<void> {
    const started = Date.now();
    const { progress, total, driving, ready } = this.drive('s1');
    await ready;
    s.phase('drive until strike');
    const victim = this.worker!;
    const at = progress.done;
    await this.stack.killWorker(victim);
    const exit = await victim.exited;
    s.check(exit.signal === 'SIGKILL', `worker ${victim.pid} ended with ${exit.signal ?? exit.code}, not SIGKILL`);
    s.note(`worker pid ${victim.pid} killed with SIGKILL after ${at}/${total} actions answered`);
    this.worker = await this.stack.spawnWorker();
    s.phase('new worker ready');
    const killedAt = Date.now();
    const runs = await driving;
    s.phase('drive to the end');
    s.note(`all projects done ${seconds(Date.now() - killedAt)} after the new worker started`);
    await this.databaseChecks(s, runs);
    const exchanges = this.api.since(started);
    s.note(`answers: ${statusSummary(exchanges)}`);
    this.noServerErrors(s, exchanges);
    // Nothing was down but the worker: the API should have waited for the new one, not refused.
    const refused = exchanges.filter((e) => ![200, 201].includes(e.status));
    s.check(refused.length === 0, `${refused.length} request(s) not answered 200/201 although only the worker was away`);
    s.phase('checks');
  }

  /** 2. Stop the Temporal dev server mid-flow and start it again on the same port and SQLite file. */
  async restartTemporal(s: Scenario): Promise<void> {
    const started = Date.now();
    const { progress, total, driving, ready } = this.drive('s2');
    await ready;
    s.phase('drive until strike');
    const probe = new HealthProbe(this.api);
    const at = progress.done;
    const stopAt = Date.now();
    await this.stack.stopTemporal();
    const downAt = Date.now();
    s.phase('stop Temporal');
    await sleep(TEMPORAL_DOWN_MS);
    const restartAt = Date.now();
    await this.stack.startTemporal();
    const upAt = Date.now();
    s.phase('down');
    s.note(
      `Temporal stopped after ${at}/${total} actions answered (stop took ${seconds(downAt - stopAt)}); ` +
        `down ${seconds(restartAt - downAt)}; the restarted server (same SQLite file) served again ${seconds(upAt - restartAt)} later`,
    );
    await this.waitHealthy(s, upAt);
    const runs = await driving;
    s.phase('drive to the end');
    await probe.stop();
    await this.workerAlive(s, 'the Temporal restart');
    await this.databaseChecks(s, runs);

    const exchanges = this.api.since(started);
    s.note(`answers: ${statusSummary(exchanges)}`);
    this.noServerErrors(s, exchanges);
    this.outageChecks(s, exchanges, { stopAt, downAt, restartAt, upAt }, 'Temporal');
    this.healthChecks(s, exchanges, downAt, restartAt, 'temporal');
    s.phase('checks');
  }

  /** 3. Stop PostgreSQL for 10 s while actions continue; start it again on the same data folder and port. */
  async stopPostgres(s: Scenario): Promise<void> {
    const started = Date.now();
    const { progress, total, driving, ready } = this.drive('s3');
    await ready;
    s.phase('drive until strike');
    const probe = new HealthProbe(this.api);
    const at = progress.done;
    const stopAt = Date.now();
    await this.stack.stopPostgres();
    const downAt = Date.now();
    s.phase('stop PostgreSQL');
    await sleep(POSTGRES_DOWN_MS);
    const restartAt = Date.now();
    await this.stack.startPostgres();
    const upAt = Date.now();
    s.phase('down');
    s.note(
      `PostgreSQL stopped after ${at}/${total} actions answered (stop took ${seconds(downAt - stopAt)}); ` +
        `down ${seconds(restartAt - downAt)}; accepting connections again ${seconds(upAt - restartAt)} after the restart began`,
    );
    await this.waitHealthy(s, upAt);
    const runs = await driving;
    s.phase('drive to the end');
    await probe.stop();
    await this.workerAlive(s, 'the PostgreSQL outage');
    await this.databaseChecks(s, runs);

    const exchanges = this.api.since(started);
    s.note(`answers: ${statusSummary(exchanges)}`);
    this.noServerErrors(s, exchanges);
    this.outageChecks(s, exchanges, { stopAt, downAt, restartAt, upAt }, 'PostgreSQL');
    // Reads need only the database: while it is away they must be refused with 503 as well.
    const readsDown = exchanges.filter((e) => /:read$/.test(e.label) && e.startedAt >= downAt && e.endedAt <= restartAt);
    s.check(readsDown.length > 0, 'no GET /projects/:id was made and answered while PostgreSQL was down');
    for (const e of readsDown.filter((x) => x.status !== 503).slice(0, 5))
      s.fail(`GET ${e.path} while PostgreSQL was down answered ${e.status}, not 503`);
    s.note(`reads made and answered while down: ${readsDown.length}, ${statusSummary(readsDown) || 'none'}`);
    this.healthChecks(s, exchanges, downAt, restartAt, 'database');
    s.phase('checks');
  }

  /**
   * Actions (create, submit, approve) around an outage: every answer given while the service was
   * down is 503; every action made while it was down got 503 or completed once it was back (or, as a
   * retry of one answered 503 that went through, was refused for the stage); every action in flight
   * when it went down likewise; no 200 is lost (checked in the database).
   */
  private outageChecks(
    s: Scenario,
    exchanges: Exchange[],
    t: { stopAt: number; downAt: number; restartAt: number; upAt: number },
    service: string,
  ): void {
    const actions = exchanges.filter((e) => /:(create|submit|approve)$/.test(e.label.replace(/@.*/, '')));
    const answeredDown = actions.filter((e) => e.endedAt >= t.downAt && e.endedAt <= t.restartAt);
    const madeDown = actions.filter((e) => e.startedAt >= t.downAt && e.startedAt <= t.upAt);
    const inFlight = actions.filter((e) => e.startedAt < t.downAt && e.endedAt > t.stopAt);
    s.check(answeredDown.length > 0, `no action was answered while ${service} was down: nothing shows that it answers 503 then`);
    for (const e of answeredDown.filter((x) => x.status !== 503).slice(0, 10)) {
      s.fail(`${e.label} answered ${e.status} while ${service} was down (not 503): ${JSON.stringify(e.body)?.slice(0, 200)}`);
    }
    // A retry refused because its first try (answered 503 when the step could not be recorded) went
    // through after all is the right answer; the drive and the database checks hold it to the trail.
    const answered503 = new Map<string, number>();
    for (const e of actions) if (e.status === 503) answered503.set(`${e.path} ${e.label}`, Math.min(answered503.get(`${e.path} ${e.label}`) ?? Infinity, e.endedAt));
    const retriedAfter503 = (e: Exchange) => [403, 409].includes(e.status) && (answered503.get(`${e.path} ${e.label}`) ?? Infinity) <= e.startedAt;
    for (const e of [...madeDown, ...inFlight].filter((x) => ![200, 201, 503].includes(x.status) && !retriedAfter503(x)).slice(0, 10)) {
      s.fail(
        `${e.label} around the ${service} outage answered ${e.status} (expected 503, or 200 once it was back): ${JSON.stringify(e.body)?.slice(0, 200)}`,
      );
    }
    const longest = (list: Exchange[]) => seconds(Math.max(0, ...list.map((e) => e.endedAt - e.startedAt)));
    s.note(
      `actions answered while ${service} was down: ${answeredDown.length} (${statusSummary(answeredDown) || 'none'}); ` +
        `made while down: ${madeDown.length} (${statusSummary(madeDown) || 'none'}); ` +
        `in flight when it went down: ${inFlight.length} (${statusSummary(inFlight) || 'none'}, longest ${longest(inFlight)})`,
    );
  }

  /** After a restart the API reports healthy again within 30 s. */
  private async waitHealthy(s: Scenario, since: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const answer = await this.api.call('GET', '/health', { label: 'health' });
      if (answer.status === 200) {
        s.note(`GET /health 200 again ${seconds(Date.now() - since)} after the restart`);
        return;
      }
      if (Date.now() > deadline) return s.fail(`GET /health still ${answer.status} 30 s after the restart: ${JSON.stringify(answer.body)}`);
      await sleep(250);
    }
  }

  /** While `service` is down, /health answers 503 naming it down and the other up; the last answer is 200. */
  private healthChecks(s: Scenario, exchanges: Exchange[], downAt: number, restartAt: number, service: 'database' | 'temporal'): void {
    const other = service === 'database' ? 'temporal' : 'database';
    const probes = exchanges.filter((e) => e.label === 'health');
    const during = probes.filter((e) => e.startedAt >= downAt && e.endedAt <= restartAt);
    s.check(during.length >= 3, `only ${during.length} /health answers while ${service} was down`);
    for (const e of during) {
      const h = healthOf(e);
      if (e.status !== 503 || h[service] !== 'down' || h[other] !== 'up') {
        s.fail(`GET /health while ${service} was down answered ${e.status} ${JSON.stringify(e.body)}`);
        break;
      }
    }
    const last = probes[probes.length - 1];
    s.check(
      last?.status === 200 && healthOf(last)[service] === 'up',
      `last GET /health answered ${last?.status} ${JSON.stringify(last?.body)}`,
    );
    s.note(`GET /health while down: ${during.length}×${[...new Set(during.map((e) => e.status))].join('/')} (${service} down)`);
  }
}

const SCENARIOS: Array<[string, string, (chaos: Chaos, s: Scenario) => Promise<void>]> = [
  ['1', `1. kill -9 of the worker while ${PROJECTS} projects are mid-flow`, (c, s) => c.killWorker(s)],
  [
    '2',
    `2. Temporal dev server stopped ${TEMPORAL_DOWN_MS / 1000} s and restarted mid-flow (${PROJECTS} projects)`,
    (c, s) => c.restartTemporal(s),
  ],
  ['3', `3. PostgreSQL stopped ${POSTGRES_DOWN_MS / 1000} s while actions continue (${PROJECTS} projects)`, (c, s) => c.stopPostgres(s)],
];
/** CHAOS_ONLY=2,3 runs only those scenarios (for working on one). */
const ONLY = (process.env.CHAOS_ONLY ?? '').split(',').filter(Boolean);
let apiConsoleLines = 0;

async function main(): Promise<number> {
  const started = Date.now();
  const chaos = new Chaos();
  let code = 0;
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupted: cleaning up');
    void chaos.stack.cleanup({ keepDir: false }).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await chaos.setUp();
    // The in-process API's own console output (TypeORM's failed queries while PostgreSQL is away) goes to the log file.
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      console[method] = (...args: unknown[]) => {
        apiConsoleLines += 1;
        chaos.stack.infraLog(`[api console.${method}] ${args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')}`);
      };
    }
    for (const [n, title, body] of SCENARIOS) {
      if (ONLY.length === 0 || ONLY.includes(n)) await chaos.run(title, (s) => body(chaos, s));
    }
  } catch (error) {
    process.stdout.write(`FAIL  set-up: ${(error as Error)?.stack ?? String(error)}\n`);
    code = 1;
  } finally {
    const failed = chaos.outcomes.filter((o) => o.failures.length > 0).length;
    if (failed > 0) code = 1;
    const keepDir = process.env.CHAOS_KEEP === '1';
    if (keepDir) chaos.stack.save('exchanges.json', JSON.stringify(chaos.api?.exchanges ?? [], null, 1));
    if (apiConsoleLines > 0) log(`${apiConsoleLines} line(s) of the API's console output went to chaos.log (kept with CHAOS_KEEP=1)`);
    const cleanupStarted = Date.now();
    await chaos.stack.cleanup({ keepDir });
    log(`cleaned up in ${seconds(Date.now() - cleanupStarted)}${keepDir ? `; logs kept in ${chaos.stack.dir}` : ''}`);
    const planned = ONLY.length === 0 ? SCENARIOS.length : SCENARIOS.filter(([n]) => ONLY.includes(n)).length;
    const notRun = Math.max(0, planned - chaos.outcomes.length);
    process.stdout.write(`${chaos.outcomes.length - failed} passed, ${failed + notRun} failed  (total ${seconds(Date.now() - started)})\n`);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
