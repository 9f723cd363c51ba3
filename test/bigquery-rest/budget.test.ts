import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkBudget } from '../../src/cost/check-budget.js';
import { summarize, type CostRow } from '../../src/cost/cost-estimate.js';

const GiB = 2 ** 30;
const row = (model: string, bytes: number | null): CostRow =>
  bytes === null
    ? { model, materialized: 'table', bytes: null, cost: null, status: 'unknown', reason: 'the dry run failed: x' }
    : { model, materialized: 'table', bytes, cost: (bytes / 2 ** 40) * 6.25, status: 'estimated' };

const estimate = summarize([row('stg_events', 300 * GiB), row('daily_users', 2 * GiB), row('retention', 40 * GiB), row('funnel', 40 * GiB), row('revenue', GiB)], 6.25);

test('a build over budget is refused, naming the three most expensive models', () => {
  const error = checkBudget(estimate, 100 * GiB);
  assert.equal([error?.code, error?.message, error?.hint, error?.location], [
    'E_BUDGET_EXCEEDED',
    'the build would process 383.00 GiB (about $2.34), over the budget of 100.00 GiB (--max-bytes). The most expensive: stg_events (300.00 GiB), retention (40.00 GiB), funnel (40.00 GiB). Nothing was run.',
    'Build fewer models (--select), make the expensive ones read less (a partition filter, an incremental model), or raise the budget (--max-bytes).',
    { file: '--max-bytes' },
  ]);
});

test('a build within budget passes; exactly at the budget passes', () => {
  assert.is(checkBudget(estimate, 500 * GiB), undefined);
  assert.is(checkBudget(estimate, 383 * GiB), undefined);
});

test('unknown costs are counted in the refusal, and alone they block a budgeted build', () => {
  const withUnknown = summarize([row('stg_events', 300 * GiB), row('orphan', null)], 6.25);
  assert.is(
    checkBudget(withUnknown, GiB, 'profiles.yml')?.message,
    'the build would process 300.00 GiB (about $1.83), plus 1 model of unknown cost, over the budget of 1.00 GiB (profiles.yml). The most expensive: stg_events (300.00 GiB). Nothing was run.',
  );
  const error = checkBudget(withUnknown, 1000 * GiB);
  assert.equal([error?.code, error?.message, error?.hint], [
    'E_BUDGET_UNKNOWN',
    'the build cannot be checked against the budget of 1000.00 GiB (--max-bytes): the cost of orphan is unknown (see the dry-run table). Nothing was run.',
    'Fix the dry-run errors shown for those models, or build their upstream models first, then build again.',
  ]);
});

test.run();
