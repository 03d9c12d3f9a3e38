import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownDatabase, type OwnDatabase } from './support/own-database';
import { describeRun, runSchemathesis, schemathesisPath, type FuzzRun } from './support/schemathesis';
import { login, startTestStack, type TestStack } from './support/test-stack';

/**
 * The OpenAPI document against the API it describes: schemathesis generates requests from
 * `/docs-json` (valid ones and near misses) and checks every answer against the same document. Seed,
 * example count and time budget are fixed here so that a failure reproduces with the printed command
 * (`st replay <id>` needs the run's own database, which `--generation-database none` does not keep:
 * rerun the command instead). Every operation is fuzzed, logout included; none is left out. With
 * CONTRACT_LOG_DIR set, a failing run leaves each role's whole output there.
 */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'positive_data_acceptance',
  'negative_data_rejection',
  'ignored_auth',
];
const SEED = '20261204';

/**
 * Answers that no schema can predict, accepted for what they mean:
 * - 422 to a schema-valid request: it is well formed, and what it says cannot be done (an
 *   Idempotency-Key reused with another body, sources that do not add up to the budget, a village
 *   that does not exist, a broken rule): 400 stays what the schema can rule out;
 * - 413 to any request: every body is limited to 256 kB, which a schema cannot say in bytes, and an
 *   array past its maxItems usually ends there.
 */
const CONFIG = `
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "413", "422", "429", "5xx"]

[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
`;
const MAX_EXAMPLES = '25';
/** Per role; the roles run at once, so the file stays inside CI's three minutes. */
const MAX_SECONDS = 75;

/**
 * Callers who see the API differently: a county official (funds, reviews), a village (applications),
 * finance (payments) and the administrator (policies, every region). All run at once, one worker each.
 */
const ROLES = ['county1', 'village1', 'finance1', 'admin'];

describe('OpenAPI contract (schemathesis)', () => {
  let stack: TestStack;
  let baseUrl: string;
  let st: string;
  let configDir: string;
  let configFile: string;
  let database: OwnDatabase;

  beforeAll(async () => {
    st = schemathesisPath();
    configDir = mkdtempSync(join(tmpdir(), 'rural-funds-contract-'));
    configFile = join(configDir, 'schemathesis.toml');
    writeFileSync(configFile, CONFIG);
    // Only the demo data: what other test files wrote (rows made by hand, projects mid-way) is not what
    // the fuzzer should meet, and the outcome must not depend on which files ran first.
    database = await ownDatabase('contract');
    stack = await startTestStack({ databaseUrl: database.url });
    await stack.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (configDir) rmSync(configDir, { recursive: true, force: true });
    await stack?.stop();
    await database?.drop();
  });

  function fuzz(token: string): Promise<FuzzRun> {
    const args = [
      `${baseUrl}/docs-json`,
      '--checks', CHECKS.join(','),
      '--phases', 'examples,coverage,fuzzing',
      '--seed', SEED,
      '--max-examples', MAX_EXAMPLES,
      '--max-time', String(MAX_SECONDS),
      '--workers', '1',
      '--request-timeout', '20',
      // Nothing carried over from an earlier run: the seed alone decides what is generated.
      '--generation-database', 'none',
      // Patterns (region codes, durations, money) make Hypothesis filter and slow down; that is not a failure of the API.
      '--suppress-health-check', 'all',
      '-H', `Authorization: Bearer ${token}`,
    ];
    return runSchemathesis(st, configFile, args, (MAX_SECONDS + 45) * 1000);
  }

  it(`finds no failure of ${CHECKS.join(', ')} as ${ROLES.join(' or ')}`, async () => {
    const tokens = await Promise.all(ROLES.map(async (role) => (await login(stack, role)).Authorization.slice('Bearer '.length)));
    const runs = await Promise.all(tokens.map((token) => fuzz(token)));
    const problems = runs.filter((run) => run.report.failures.length > 0 || run.report.errors.length > 0 || run.report.exit_code !== 0);
    for (const [i, run] of runs.entries()) {
      const { operations, test_cases } = run.report;
      process.stderr.write(`[contract] ${ROLES[i]}: ${operations?.tested ?? 0}/${operations?.total ?? 0} operations, ${test_cases.generated} test cases, ${test_cases.unique_failures} unique failures\n`);
    }
    if (problems.length) {
      const told = runs.map((run, i) => (problems.includes(run) ? describeRun(ROLES[i], run) : '')).join('\n\n');
      throw new Error(`${told}\n\n--config-file schemathesis.toml:${CONFIG}`);
    }
    for (const run of runs) expect(run.report.operations?.tested).toBe(run.report.operations?.selected);
  }, 240_000);
});
