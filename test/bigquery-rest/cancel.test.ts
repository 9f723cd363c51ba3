import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runStep } from '../../src/runner/run-step.js';
import { model, startHarness, type Harness } from './harness.js';

/** A broken interrupt() must fail the test, not hang it. */
function within<T>(promise: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms).unref())]);
}

async function untilRequest(h: Harness, predicate: (path: string) => boolean): Promise<void> {
  for (let i = 0; i < 500 && !h.server.requests.some((r) => predicate(r.path)); i += 1) await new Promise((r) => setTimeout(r, 2));
}

test('interrupt() cancels the running job through jobs.cancel and the build ends as interrupted', async () => {
  const h = await startHarness();
  try {
    h.server.hold = () => true;
    const building = h.adapter.materialize(model('daily', 'select 1 as x'), { fullRefresh: false });
    await untilRequest(h, (p) => p.endsWith('/jobs/pdb_run-1_daily_1'));
    h.adapter.interrupt();
    const outcome = await within(building);
    assert.equal(outcome, { ok: false, error: { message: 'daily was cancelled', interrupted: true } });
    const cancel = h.server.requests.filter((r) => r.path.endsWith('/cancel'));
    assert.equal(cancel.map((r) => [r.method, r.path, r.query['location']]), [['POST', '/bigquery/v2/projects/acme-analytics/jobs/pdb_run-1_daily_1/cancel', 'EU']]);
    assert.is(h.server.tables.has('acme-analytics.pdb_dev.daily'), false, 'a cancelled build leaves no table');
    assert.ok(h.logs.includes('job pdb_run-1_daily_1: cancel requested'));
  } finally {
    await h.close();
  }
});

test('the runner reports a cancelled model as cancelled, not failed', async () => {
  const h = await startHarness();
  try {
    h.server.hold = () => true;
    const daily = model('daily', 'select 1 as x');
    const step = runStep({ kind: 'materialize', id: 'model.daily', model: daily, waitsFor: [] }, h.adapter, { threads: 1, failFast: false, fullRefresh: false, compiledPathOf: (p) => `target/compiled/prod/${p}` });
    await untilRequest(h, (p) => p.endsWith('/jobs/pdb_run-1_daily_1'));
    h.adapter.interrupt();
    const [result] = (await within(step)).results;
    assert.is(result?.status, 'cancelled');
    assert.is(result?.message, 'daily was cancelled');
  } finally {
    await h.close();
  }
});

test('a job interrupted while its insert is in flight is cancelled as soon as it exists', async () => {
  const h = await startHarness();
  try {
    h.server.hold = () => true;
    const running = h.adapter.query('select 1');
    h.adapter.interrupt(); // before the insert has been answered
    const outcome = await within(running);
    assert.equal(outcome, { ok: false, error: { message: 'query was cancelled', interrupted: true } });
    assert.is(h.server.requests.filter((r) => r.path.endsWith('/jobs/pdb_run-1_query_1/cancel')).length, 1);
  } finally {
    await h.close();
  }
});

test('a job that does not confirm its cancellation is given up after cancelWaitMs', async () => {
  const h = await startHarness({}, { cancelWaitMs: 20 });
  try {
    h.server.hold = () => true;
    // The cancel request fails: the job keeps running on the server.
    h.server.replyOnce((r) => r.path.endsWith('/cancel'), { status: 500, body: { error: { code: 500, message: 'oops', errors: [{ reason: 'internalError' }] } } });
    const running = h.adapter.query('select 1');
    await untilRequest(h, (p) => p.endsWith('/jobs/pdb_run-1_query_1'));
    h.adapter.interrupt();
    assert.equal(await within(running), { ok: false, error: { message: 'query was cancelled', interrupted: true } });
    assert.ok(h.logs.includes('job pdb_run-1_query_1: cancel failed: oops'));
  } finally {
    await h.close();
  }
});

test.run();
