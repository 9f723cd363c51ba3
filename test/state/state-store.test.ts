import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DuckDbStateStore } from '../../src/state/duckdb-state-store.js';
import type { FindingRecord, RunRecord } from '../../src/state/state-types.js';

const ROOT = mkdtempSync(join(tmpdir(), 'pdb-state-tests-'));
process.on('exit', () => rmSync(ROOT, { recursive: true, force: true }));
let n = 0;
const freshStore = (): { store: DuckDbStateStore; file: string } => {
  const file = join(ROOT, `state-${n++}`, 'state.duckdb');
  return { store: new DuckDbStateStore(file, '.pdb/state.duckdb'), file };
};

const run = (runId: string, startedAt: string, steps: RunRecord['steps'] = []): RunRecord => ({
  runId, runHash: `hash-${runId}`, project: 'demo', command: 'build', select: ['retention'], exclude: [], vars: { start_date: '2026-10-01' }, target: 'demo/dev',
  startedAt, seconds: 1.5, status: 'success', pdbVersion: 'test', steps,
});

const finding = (key: string, id: string, summary = `about ${key}`): FindingRecord => ({
  key, findingId: id, kind: 'anomaly', metric: key.split(':')[0]!, segment: 'all', dateFrom: '2026-10-09', dateTo: '2026-10-09', significant: true, summary,
});

test('runs come back newest first with their steps, selection and counts', async () => {
  const { store } = freshStore();
  await store.recordRun(run('r1', '2026-12-01T10:00:00.000Z', [{ stepId: 'model.a', kind: 'model', name: 'a', status: 'success', seconds: 1, rows: 3, relation: 'main.a', fingerprint: 'f1' }]));
  await store.recordRun(run('r2', '2026-12-01T11:00:00.000Z', [{ stepId: 'test.t', kind: 'test', name: 't', status: 'fail', seconds: 0.2, failures: 2 }]));
  const runs = await store.runs('demo', 10);
  assert.equal(runs.map((r) => r.runId), ['r2', 'r1']);
  assert.equal(runs[0]!.failures, 1);
  assert.equal(runs[1]!.models, 1);
  assert.equal(runs[1]!.select, ['retention']);
  assert.equal(runs[1]!.vars, { start_date: '2026-10-01' });
  const latest = await store.run('demo');
  assert.equal(latest?.runId, 'r2');
  assert.equal(latest?.steps, [{ stepId: 'test.t', kind: 'test', name: 't', status: 'fail', seconds: 0.2, failures: 2 }]);
  assert.equal((await store.run('demo', 'r1'))?.steps[0]?.fingerprint, 'f1');
  assert.equal(await store.run('other'), undefined);
});

test('built relations follow successful builds and forget failed ones', async () => {
  const { store } = freshStore();
  const model = (status: string, fingerprint: string) => ({ stepId: 'model.a', kind: 'model', name: 'a', status, seconds: 1, rows: 3, relation: 'main.a', fingerprint });
  await store.recordRun(run('r1', '2026-12-01T10:00:00.000Z', [model('success', 'f1')]));
  assert.equal((await store.builtRelations('demo/dev')).get('main.a')?.fingerprint, 'f1');
  await store.recordRun(run('r2', '2026-12-01T11:00:00.000Z', [model('success', 'f2')]));
  assert.equal((await store.builtRelations('demo/dev')).get('main.a')?.fingerprint, 'f2');
  assert.equal((await store.builtRelations('other/dev')).size, 0);
  await store.recordRun(run('r3', '2026-12-01T12:00:00.000Z', [model('error', 'f3')]));
  assert.equal((await store.builtRelations('demo/dev')).has('main.a'), false);
});

test('a built relation keeps the source files its run read, until it is rebuilt or forgotten', async () => {
  const { store } = freshStore();
  const model = { stepId: 'model.a', kind: 'model', name: 'a', status: 'success', seconds: 1, rows: 3, relation: 'main.a', fingerprint: 'f1' };
  const parts = { 'events.raw': { 'data/events_20260901.parquet': '10:aa', 'data/events_20260902.parquet': '12:bb' } };
  await store.recordRun({ ...run('r1', '2026-12-01T10:00:00.000Z', [model]), sourceParts: parts });
  assert.equal((await store.builtRelations('demo/dev')).get('main.a')?.sourceParts, parts);
  await store.recordRun(run('r2', '2026-12-01T11:00:00.000Z', [{ ...model, fingerprint: 'f2' }]));
  assert.is((await store.builtRelations('demo/dev')).get('main.a')?.sourceParts, undefined, 'a run that read no files of several leaves none');
  await store.recordRun({ ...run('r3', '2026-12-01T12:00:00.000Z', [model]), sourceParts: parts });
  await store.forgetRelations('demo/dev', ['main.a']);
  await store.recordRun(run('r4', '2026-12-01T13:00:00.000Z', [{ ...model, fingerprint: 'f4' }]));
  assert.is((await store.builtRelations('demo/dev')).get('main.a')?.sourceParts, undefined, 'forgotten with the relation');
});

test('findings are new, then persisting, then resolved; feedback stays with the key', async () => {
  const { store } = freshStore();
  const first = await store.recordFindings('demo', 'r1', [finding('dau:drop', 'F1'), finding('revenue:spike', 'F2')]);
  assert.equal(first.current.map((f) => f.status), ['new', 'new']);
  assert.equal(first.resolved, []);
  await store.addFeedback('demo', { key: 'dau:drop', verdict: 'dismissed', note: 'tracking outage, fixed 10-10', at: '2026-12-01T12:00:00.000Z' });
  const second = await store.recordFindings('demo', 'r2', [finding('dau:drop', 'F7')]);
  assert.equal(second.current.map((f) => [f.key, f.status, f.firstSeenRun]), [['dau:drop', 'persisting', 'r1']]);
  assert.equal(second.current[0]?.feedback?.note, 'tracking outage, fixed 10-10');
  assert.equal(second.resolved.map((f) => f.key), ['revenue:spike']);
  const third = await store.recordFindings('demo', 'r3', [finding('revenue:spike', 'F1')]);
  assert.equal(third.current[0]?.status, 'new');
});

test('history filters by metric, segment and free text over summaries and notes', async () => {
  const { store } = freshStore();
  await store.recordFindings('demo', 'r1', [finding('dau:drop', 'F1', 'DAU fell on 2026-10-09'), { ...finding('retention:tiktok', 'F2'), segment: 'channel=tiktok' }]);
  await store.recordFindings('demo', 'r2', [finding('dau:drop', 'F1', 'DAU fell on 2026-10-09')]);
  await store.addFeedback('demo', { key: 'retention:tiktok', verdict: 'confirmed', note: 'bad campaign creative', at: '2026-12-01T12:00:00.000Z' });
  assert.equal((await store.history({ project: 'demo', metric: 'dau' })).map((h) => h.runId), ['r2', 'r1']);
  assert.equal((await store.history({ project: 'demo', segment: 'tiktok' })).map((h) => h.key), ['retention:tiktok']);
  assert.equal((await store.history({ project: 'demo', text: 'CREATIVE' })).map((h) => h.feedback?.verdict), ['confirmed']);
  assert.equal((await store.history({ project: 'demo', metric: 'revenue' })), []);
  assert.equal((await store.findFinding('demo', 'F1'))?.runId, 'r2');
  assert.equal((await store.findFinding('demo', 'nope')), undefined);
  await store.recordFindings('demo', 'r3', ['F10', 'F2', 'F1'].map((id) => finding(`revenue:${id}`, id)));
  assert.equal((await store.history({ project: 'demo', metric: 'revenue' })).map((h) => h.findingId), ['F1', 'F2', 'F10'], 'findings in rank order, not as text');
});

test('two processes writing at once both land every run, and the file stays readable', async () => {
  const { store, file } = freshStore();
  const child = fileURLToPath(new URL('./state-writer-child.js', import.meta.url));
  await Promise.all(['a', 'b'].map((prefix) => promisify(execFile)(process.execPath, [child, file, prefix, '15'])));
  const runs = await store.runs('p', 100);
  assert.is(runs.length, 30);
  assert.is(new Set(runs.map((r) => r.runId)).size, 30);
});

test('a store held by another process too long fails clearly, naming the file and the holder', async () => {
  const { file } = freshStore();
  mkdirSync(dirname(file), { recursive: true });
  // Hold the file from a child process (a lock within one process is not a conflict for DuckDB).
  const holder = execFile(process.execPath, [fileURLToPath(new URL('./hold-lock-child.js', import.meta.url)), file]);
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', () => resolve());
    holder.on('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  try {
    const store = new DuckDbStateStore(file, '.pdb/state.duckdb', { waitMs: 300 });
    const error = await store.runs('demo', 1).then(() => undefined, (e: unknown) => e);
    assert.is((error as { code?: string }).code, 'E_STATE_LOCKED');
    assert.match(String((error as Error).message), /the run-state store \.pdb\/state\.duckdb stayed in use by another process \(PID \d+\)/);
  } finally {
    holder.kill();
  }
});

test('a store of another schema version is refused with a clear error, not misread', async () => {
  const { store, file } = freshStore();
  await store.runs('demo', 1);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run('update pdb_state set schema_version = 99');
  connection.closeSync();
  instance.closeSync();
  const error = await store.runs('demo', 1).then(() => undefined, (e: unknown) => e);
  assert.is((error as { code?: string }).code, 'E_STATE_VERSION');
  assert.is((error as Error).message, 'the run-state store .pdb/state.duckdb has schema version 99; this pdb reads version 1.');
});

test.run();
