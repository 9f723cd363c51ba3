import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildTimings, describeTimings } from './model-timings.js';

const RUN_RESULTS = {
  elapsed_seconds: 10,
  results: [
    { id: 'model.stg_events', kind: 'model', status: 'success', seconds: 6, rows: 1_000_000 },
    { id: 'test.unique__int_users__user_id', kind: 'test', status: 'pass', seconds: 0.5, failures: 0 },
    { id: 'model.int_users', kind: 'model', status: 'success', seconds: 2, rows: 20_000 },
    { id: 'model.int_window', kind: 'model', status: 'success', seconds: 0.5, rows: 1 },
  ],
};

test('steps are sorted slowest first, ties by id, with totals per kind', () => {
  const t = buildTimings(RUN_RESULTS);
  assert.equal([t.elapsedSeconds, t.models, t.tests, t.modelSeconds, t.testSeconds], [10, 3, 1, 8.5, 0.5]);
  assert.equal(t.steps.map((s) => s.id), ['model.stg_events', 'model.int_users', 'model.int_window', 'test.unique__int_users__user_id']);
  assert.equal(t.steps[3], { id: 'test.unique__int_users__user_id', kind: 'test', status: 'pass', seconds: 0.5 });
});

test('the log lines: totals, then the slowest steps with their share of the run', () => {
  assert.is(
    describeTimings(buildTimings(RUN_RESULTS), 2),
    [
      'run 10.00 s: 3 models 8.50 s, 1 tests 0.50 s (summed over steps)',
      '     6.00 s  60%  model.stg_events (1,000,000 rows)',
      '     2.00 s  20%  model.int_users (20,000 rows)',
    ].join('\n'),
  );
});

test('something that is not a run_results.json is refused', () => {
  assert.throws(() => buildTimings({ results: [] }), (e: Error) => e.message === 'not a pdb run_results.json: no elapsed_seconds or results');
  assert.throws(() => buildTimings(null), (e: Error) => e.message === 'not a pdb run_results.json: no elapsed_seconds or results');
});

test.run();
