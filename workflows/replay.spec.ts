/**
 * Determinism guard: every recorded history (workflows/<name>/histories/*.json, written by
 * scripts/record-workflow-histories.ts) must replay against the workflow code as it is now. Running
 * workflows live for months (publicity, warranty); a change that would not replay their histories
 * must go behind `patched()` instead.
 */
import { join, relative } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { historyFromFile, recordedHistories } from '../libs/temporal/src/testing/replay-histories';

const histories = recordedHistories(__dirname);

describe('recorded workflow histories replay against the current workflow code', () => {
  let workflowBundle: WorkflowBundle;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this process.
    }
    workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: new DefaultLogger('WARN') });
  });

  it('has recordings of both workflows', () => {
    expect(histories.map((h) => relative(__dirname, h)).sort()).toEqual([
      join('funds', 'histories', 'matches-from-state.json'),
      join('funds', 'histories', 'matches-in-database.json'),
      join('funds', 'histories', 'matching-clock.json'),
      join('project', 'histories', 'approval-operations.json'),
      join('project', 'histories', 'before-approval-operations.json'),
      join('project', 'histories', 'full-lifecycle.json'),
    ]);
  });

  it.each(histories.map((h) => [relative(__dirname, h), h]))('replays %s', async (_name, path) => {
    const history = historyFromFile(path);
    // A whole recorded life, not a truncated file: the shortest, the clock of an allocation whose
    // matches PostgreSQL decides, is 49 events from start to completion.
    expect(history.events?.length).toBeGreaterThan(40);
    await expect(Worker.runReplayHistory({ workflowBundle }, history)).resolves.toBeUndefined();
  });
});
