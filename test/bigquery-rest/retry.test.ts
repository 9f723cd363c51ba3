import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backoffDelay } from '../../src/adapters/bigquery/retry-policy.js';
import { errorReply } from '../support/fake-bigquery-server.js';
import { model, startHarness } from './harness.js';

const isInsert = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path.endsWith('/jobs');

test('a job insert answered 429 rateLimitExceeded is retried with the same job id, after a backoff', async () => {
  const h = await startHarness();
  try {
    h.server.replyOnce(isInsert, errorReply(429, 'rateLimitExceeded', 'Exceeded rate limits: too many api requests per user per method'));
    const outcome = await h.adapter.materialize(model('daily', 'select 1 as x'), { fullRefresh: false });
    assert.equal(outcome, { ok: true, value: { rows: 0 } });
    assert.equal(h.server.inserts().map((i) => i.body.jobReference?.jobId), ['pdb_run-1_daily_1', 'pdb_run-1_daily_1']);
    assert.equal(h.logs, [
      'daily: rateLimitExceeded, retrying in 1 ms (attempt 2 of 3)',
      'job pdb_run-1_daily_1 started: daily',
      'job pdb_run-1_daily_1 done: 0 bytes processed',
    ]);
  } finally {
    await h.close();
  }
});

test('an insert that reached BigQuery before its reply was lost is adopted, not run twice', async () => {
  const h = await startHarness();
  try {
    h.server.loseReplyOnce(isInsert, errorReply(503, 'backendError', 'The service is currently unavailable.'));
    const outcome = await h.adapter.materialize(model('daily', 'select 1 as x'), { fullRefresh: false });
    assert.equal(outcome, { ok: true, value: { rows: 0 } });
    assert.equal(h.server.requests.map((r) => `${r.method} ${r.path.replace('/bigquery/v2/projects/acme-analytics', '')}`), [
      'GET /datasets/pdb_dev/tables/daily',
      'POST /jobs',
      'POST /jobs',
      'GET /jobs/pdb_run-1_daily_1',
      'GET /datasets/pdb_dev/tables/daily',
    ]);
  } finally {
    await h.close();
  }
});

test('a job that fails with backendError is run again as a new job', async () => {
  const h = await startHarness();
  try {
    let failures = 1;
    h.server.failJob = () => (failures-- > 0 ? { reason: 'backendError', message: 'Backend error. Job aborted.' } : undefined);
    const outcome = await h.adapter.materialize(model('daily', 'select 1 as x'), { fullRefresh: false });
    assert.equal(outcome, { ok: true, value: { rows: 0 } });
    assert.equal(h.server.inserts().map((i) => i.body.jobReference?.jobId), ['pdb_run-1_daily_1', 'pdb_run-1_daily_2']);
  } finally {
    await h.close();
  }
});

test('retries stop after the configured attempts, and the last error is returned', async () => {
  const h = await startHarness();
  try {
    for (let i = 0; i < 3; i += 1) h.server.replyOnce(isInsert, errorReply(429, 'rateLimitExceeded', 'Exceeded rate limits: too many concurrent queries'));
    const outcome = await h.adapter.query('select 1');
    assert.equal(outcome, { ok: false, error: { message: 'Exceeded rate limits: too many concurrent queries' } });
    assert.is(h.server.inserts().length, 3);
  } finally {
    await h.close();
  }
});

test('a rate-limited table read is retried too', async () => {
  const h = await startHarness();
  try {
    h.server.replyOnce((r) => r.path.includes('/tables/'), errorReply(500, 'backendError', 'Backend error'));
    assert.is(await h.adapter.relationExists(model('daily', 'select 1')), false);
    assert.is(h.server.requests.length, 2);
  } finally {
    await h.close();
  }
});

test('backoff doubles from the first delay and is capped', () => {
  const policy = { attempts: 6, initialDelayMs: 100, maxDelayMs: 500 };
  assert.equal([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n)), [100, 200, 400, 500, 500]);
});

test.run();
