/**
 * An afterRun hook that declares its inputs (`afterRunInputs`) is skipped when nothing it reads
 * changed: its logged lines come again and its findings stand, marked reused. Any change of what
 * it reads (its declared inputs, a model's table, its artifacts, its own file) runs it again;
 * so do --no-cache and --full-refresh. A hook that declares nothing always runs.
 */
import { appendFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hookKey, type HookKeyParts, type HookReuse } from '../../src/plugins/hook-reuse.js';
import { duckdbProject, runResultsFile } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

/** Counts its calls on globalThis (the CLI runs in this process) and writes one artifact. */
const plugin = (name: string, declares: boolean): string => `
const calls = (globalThis as Record<string, unknown>);
export default {
  name: '${name}',
  async afterRun({ query, readProjectFile, writeTextArtifact, log }) {
    calls['${name}'] = Number(calls['${name}'] ?? 0) + 1;
    const [row] = await query('select sum(amount) as total from main.totals');
    await writeTextArtifact('out.txt', \`total \${row?.['total']} note \${readProjectFile('note.txt')}\`);
    log(\`total is \${row?.['total']}\`);
    return [{ severity: 'warn', message: 'looked at the totals' }];
  },
  ${declares ? "afterRunInputs({ readProjectFile }) { return { note: readProjectFile('note.txt') }; }," : ''}
};
`;

const FILES = {
  'project.yml': 'name: t\nmodels:\n  +materialized: table\nplugins:\n  - path: plugins/cached.ts\n  - path: plugins/always.ts\n',
  'plugins/cached.ts': plugin('cached', true),
  'plugins/always.ts': plugin('always', false),
  'note.txt': 'first',
  'data/events.csv': 'user_id,amount\nu1,3\nu2,4\n',
  'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: events\n        duckdb: { path: "data/events.csv" }\n',
  'models/stg.sql': "select user_id, amount from {{ source('raw', 'events') }}\n",
  'models/totals.sql': "select sum(amount) as amount from {{ ref('stg') }}\n",
};

const calls = (): Record<string, unknown> => globalThis as Record<string, unknown>;

/** Builds and says, per plugin, whether its hook ran in this build. */
async function build(dir: string, ...flags: string[]): Promise<{ cached: boolean; always: boolean; stdout: string; hook: Record<string, unknown> }> {
  const before = { cached: Number(calls()['cached'] ?? 0), always: Number(calls()['always'] ?? 0) };
  const result = await runCli(dir, ['build', '--threads', '1', ...flags]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  const { json } = await runResultsFile(dir);
  const hook = json.results.find((r) => r['name'] === 'cached afterRun')!;
  return { cached: Number(calls()['cached']) > before.cached, always: Number(calls()['always']) > before.always, stdout: result.stdout, hook };
}

test('an unchanged build reuses a declared hook with its lines and findings; an undeclared one runs', async () => {
  const dir = await duckdbProject(FILES);
  const first = await build(dir);
  assert.equal([first.cached, first.always], [true, true]);
  assert.is(first.hook['reused'], undefined);
  const second = await build(dir);
  assert.equal([second.cached, second.always], [false, true]);
  assert.equal([second.hook['status'], second.hook['reused'], second.hook['findings']], ['warn', true, [{ severity: 'warn', message: 'looked at the totals' }]]);
  assert.match(second.stdout, '[cached] total is 7');
});

test('a declared input, a table, a deleted artifact, the plugin file, or --no-cache / --full-refresh run the hook again', async () => {
  const dir = await duckdbProject(FILES);
  await build(dir);
  await writeFiles(dir, { 'note.txt': 'second' });
  assert.ok((await build(dir)).cached, 'a declared input changed');
  assert.not.ok((await build(dir)).cached);
  await appendFile(join(dir, 'data/events.csv'), 'u3,5\n');
  const newRows = await build(dir);
  assert.ok(newRows.cached, 'the source gained rows');
  assert.match(newRows.stdout, '[cached] total is 12');
  await rm(join(dir, 'target/cached/out.txt'));
  assert.ok((await build(dir)).cached, 'its artifact was deleted');
  await writeFile(join(dir, 'target/cached/out.txt'), 'edited');
  assert.ok((await build(dir)).cached, 'its artifact was edited');
  await writeFiles(dir, { 'plugins/cached.ts': `${plugin('cached', true)}\n// edited\n` });
  assert.ok((await build(dir)).cached, 'the plugin file changed');
  assert.ok((await build(dir, '--no-cache')).cached, '--no-cache');
  assert.ok((await build(dir, '--full-refresh')).cached, '--full-refresh');
  assert.not.ok((await build(dir)).cached);
});

const PARTS: HookKeyParts = {
  plugin: 'p', pluginFile: 'export default {}', config: {}, command: 'build', product: {}, target: { name: 'dev', type: 'duckdb' }, vars: { retention_days: [1, 7] },
  models: ['a', 'b'], statuses: [['model.a', 'success'], ['model.b', 'success']], declared: { note: 'x' },
};
const REUSE = { modelFingerprints: new Map([['a', 'fa'], ['b', 'fb']]), shared: { feedback: [] } } as unknown as HookReuse;

test('the hook key changes with each part, and is unknown when a model has no fingerprint', () => {
  const key = hookKey(PARTS, REUSE);
  assert.type(key, 'string');
  assert.is(hookKey({ ...PARTS }, REUSE), key);
  const changed: Partial<HookKeyParts>[] = [
    { plugin: 'q' }, { pluginFile: 'export default { name: 1 }' }, { config: { top: 3 } }, { command: 'run' }, { product: { category: 'mobile_game' } },
    { target: { name: 'prod', type: 'duckdb' } }, { vars: { retention_days: [1, 7, 30] } }, { models: ['a'] }, { statuses: [['model.a', 'success'], ['model.b', 'error']] }, { declared: { note: 'y' } },
  ];
  for (const change of changed) assert.is.not(hookKey({ ...PARTS, ...change }, REUSE), key, JSON.stringify(change));
  assert.is.not(hookKey(PARTS, { ...REUSE, modelFingerprints: new Map([['a', 'fa'], ['b', 'fb2']]) }), key);
  assert.is.not(hookKey(PARTS, { ...REUSE, shared: { feedback: [['k', { verdict: 'dismissed' }]] } }), key);
  assert.is(hookKey(PARTS, { ...REUSE, modelFingerprints: new Map([['a', 'fa'], ['b', undefined]]) }), undefined);
});

test.run();
