/**
 * The run hash: the same inputs give the same hash on any machine (two clones of a project in
 * different folders, with files of other modification times), and each input that decides the
 * results changes it: pdb's version, the compiled SQL, the mapping, the vars, the target and the
 * source's content. What does not decide them (threads, a keyfile) leaves it alone.
 */
import { appendFile, cp, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runHash, type RunHashInputs } from '../../src/state/run-hash.js';
import { duckdbProject, PROFILES } from '../support/duckdb-project.js';
import { runCli, tempProject, writeFiles } from '../support/temp-project.js';

const FILES = {
  'project.yml': 'name: t\npackages: []\nmapping: mapping.yml\nmodels:\n  +materialized: table\n',
  'mapping.yml': 'source: raw.events\ncolumns:\n  user_id: user_id\n  event_time: ts\n  event_name: name\n',
  'data/events.csv': 'user_id,ts,name,amount\nu1,2026-10-01 10:00:00,open,3\nu2,2026-10-01 11:00:00,open,4\n',
  'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: events\n        duckdb: { path: "data/events.csv" }\n',
  'models/stg.sql': "select user_id, amount * {{ var('factor', 1) }} as amount from {{ source('raw', 'events') }}\n",
  'models/totals.sql': "select sum(amount) as amount from {{ ref('stg') }}\n",
};

/** Builds and returns the run's hash, as `pdb runs` lists it. */
async function hashOf(dir: string, ...flags: string[]): Promise<string> {
  const built = await runCli(dir, ['build', '--threads', '1', ...flags]);
  assert.is(built.code, 0, built.stdout + built.stderr);
  const runs = await runCli(dir, ['runs', '--output', 'json']);
  assert.is(runs.code, 0, runs.stderr);
  const [latest] = JSON.parse(runs.stdout) as { run_hash: string }[];
  assert.match(latest!.run_hash, /^[0-9a-f]{64}$/);
  return latest!.run_hash;
}

test('two clones of a project in other folders, with other modification times, give the same hash', async () => {
  const first = await duckdbProject(FILES);
  const second = await tempProject({});
  await cp(first, second, { recursive: true });
  await utimes(join(second, 'data/events.csv'), new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
  assert.is.not(first, second);
  assert.is(await hashOf(second), await hashOf(first));
});

test('the compiled SQL, the mapping, the vars, the target and the source each change the hash; threads and a keyfile do not', async () => {
  const dir = await duckdbProject({
    ...FILES,
    'profiles.yml': `${PROFILES}  other:\n    type: duckdb\n    path: target/t.duckdb\n    schema: other\n`,
  });
  const seen = new Map<string, string>();
  const expectNew = async (what: string, ...flags: string[]): Promise<string> => {
    const hash = await hashOf(dir, ...flags);
    assert.not.ok(seen.has(hash), `${what} gave the hash of: ${seen.get(hash)}`);
    seen.set(hash, what);
    return hash;
  };
  const base = await expectNew('the first build');
  assert.is(await hashOf(dir), base, 'nothing changed');

  await writeFiles(dir, { 'models/totals.sql': "select sum(amount) as amount, count(*) as n from {{ ref('stg') }}\n" });
  await expectNew('a model edited');
  await writeFiles(dir, { 'mapping.yml': 'source: raw.events\ncolumns:\n  user_id: user_id\n  event_time: ts\n  event_name: upper(name)\n' });
  await expectNew('the mapping edited');
  await expectNew('a var given', '--vars', '{"factor": 2}');
  await expectNew('another target', '--target', 'other');
  const before = await hashOf(dir);
  await appendFile(join(dir, 'data/events.csv'), 'u3,2026-10-02 09:00:00,open,5\n');
  await expectNew('a new source row');

  const settled = await hashOf(dir);
  assert.is.not(settled, before);
  await writeFiles(dir, { 'profiles.yml': `${PROFILES.replace('schema: main\n', 'schema: main\n    threads: 3\n')}  other:\n    type: duckdb\n    path: target/t.duckdb\n    schema: other\n` });
  assert.is(await hashOf(dir), settled, 'threads decide nothing about the results');
});

const INPUTS: RunHashInputs = {
  pdbVersion: '0.1.0', command: 'build', target: { name: 'dev', type: 'duckdb', path: 'target/t.duckdb', schema: 'main' },
  mapping: { source: 'raw.events' }, vars: {}, models: { stg: 'c1' }, tests: { t1: 'select 1' }, sources: { 'raw.events': 'f1' },
};

test("each input of the hash changes it, pdb's version included; key order does not", () => {
  const base = runHash(INPUTS);
  const changes: Partial<RunHashInputs>[] = [
    { pdbVersion: '0.1.1' }, { command: 'run' }, { target: { ...INPUTS.target, schema: 'other' } }, { mapping: { source: 'raw.other' } },
    { vars: { factor: 2 } }, { models: { stg: 'c2' } }, { tests: { t1: 'select 2' } }, { sources: { 'raw.events': 'f2' } }, { sources: { 'raw.events': null } },
  ];
  const hashes = new Set([base]);
  for (const change of changes) {
    const hash = runHash({ ...INPUTS, ...change });
    assert.not.ok(hashes.has(hash), JSON.stringify(change));
    hashes.add(hash);
  }
  assert.is(runHash({ sources: INPUTS.sources, tests: INPUTS.tests, models: INPUTS.models, vars: INPUTS.vars, mapping: INPUTS.mapping, target: INPUTS.target, command: INPUTS.command, pdbVersion: INPUTS.pdbVersion }), base);
});

test.run();
