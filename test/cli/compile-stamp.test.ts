/**
 * An unchanged `pdb compile` is answered from the stamp of the last one (src/cli/compile-stamp.ts)
 * only while every input and output is as that compile left them; any change compiles again.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { replayCompileStamp } from '../../src/cli/compile-stamp.js';
import { fixtureFiles, repoRoot, runCli, tempProject, withoutTiming } from '../support/temp-project.js';

const SMALL = 'test/fixtures/compile/small';
const ARGV = ['compile', '--target', 'bq', '--no-validate', '--select', 'stg_events', 'nothing_like_this'];
const ENV = { PDB_TEST: 'a' };

/** A compiled project whose files are older than the compile (a file changed during it is not stamped). */
async function compiled(): Promise<{ dir: string; stdout: string; stderr: string }> {
  const dir = await tempProject(await fixtureFiles(SMALL));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const result = await runCli(dir, ARGV, ENV);
  assert.is(result.code, 0, result.stderr);
  return { dir, stdout: result.stdout, stderr: result.stderr };
}

function replay(dir: string, argv: readonly string[] = ARGV, env: Record<string, string> = ENV): { replayed: boolean; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const replayed = replayCompileStamp(argv, {
    cwd: dir, env, pdbRoot: repoRoot(), startedAtMs: Date.now(),
    write: (stream, text) => (stream === 'stdout' ? (stdout += text) : (stderr += text)),
  });
  return { replayed, stdout, stderr };
}

test('compile stamp: while nothing changed, the same output is given again, warnings included', async () => {
  const { dir, stdout, stderr } = await compiled();
  assert.match(stderr, /warning: the selector 'nothing_like_this' matched no model/);
  const again = replay(dir);
  assert.ok(again.replayed);
  assert.is(withoutTiming(again.stdout), withoutTiming(stdout));
  assert.is(again.stderr, stderr);
  assert.match(again.stdout, /^Compiled 1 model for target bq \(bigquery\) in \d+\.\d\d s: target\/compiled\/bq\/\n$/);
});

test('compile stamp: any change to an input, an output, the command line or the environment compiles again', async () => {
  const model = (dir: string): string => join(dir, 'models/staging/stg_events.sql');
  const changes: [string, (dir: string) => void][] = [
    ['a model rewritten, same length', (dir) => writeFileSync(model(dir), readFileSync(model(dir), 'utf8').replace('select', 'SELECT'))],
    ['a model added', (dir) => writeFileSync(join(dir, 'models/staging/new_model.sql'), 'select 1 as x\n')],
    ['a YAML file touched', (dir) => utimesSync(join(dir, 'models/sources.yml'), new Date(), new Date(Date.now() + 1000))],
    ['project.yml rewritten', (dir) => writeFileSync(join(dir, 'project.yml'), `${readFileSync(join(dir, 'project.yml'), 'utf8')}\n`)],
    ['the macros removed', (dir) => rmSync(join(dir, 'macros'), { recursive: true })],
    ['the compiled files deleted', (dir) => rmSync(join(dir, 'target/compiled/bq'), { recursive: true })],
    ['the manifest rewritten as it was', (dir) => writeFileSync(join(dir, 'target/manifest.json'), readFileSync(join(dir, 'target/manifest.json')))],
  ];
  for (const [what, change] of changes) {
    const { dir } = await compiled();
    assert.ok(replay(dir).replayed, `replayed before: ${what}`);
    change(dir);
    assert.not.ok(replay(dir).replayed, what);
  }
  const { dir } = await compiled();
  assert.ok(replay(dir).replayed);
  assert.not.ok(replay(dir, [...ARGV, '--vars', '{"x": 1}']).replayed, 'another command line');
  assert.not.ok(replay(dir, ['compile', '--no-cache', ...ARGV.slice(1)]).replayed, '--no-cache');
  assert.not.ok(replay(dir, ARGV, { PDB_TEST: 'b' }).replayed, 'another environment');
  assert.ok(replay(dir, ARGV, { ...ENV, _: '/usr/bin/time' }).replayed, "the shell's `_` is not the environment a compile reads");
});

test('compile stamp: a compiled file edited by hand is left as it is, as a compile without the stamp leaves it', async () => {
  const { dir } = await compiled();
  const file = join(dir, 'target/compiled/bq/models/staging/stg_events.sql');
  writeFileSync(file, '-- edited by hand\n');
  assert.ok(replay(dir).replayed);
  rmSync(join(dir, 'target/cache/compile-stamp.json'));
  const again = await runCli(dir, ARGV, ENV);
  assert.is(again.code, 0);
  assert.is(readFileSync(file, 'utf8'), '-- edited by hand\n');
});

test('compile stamp: a failed compile leaves no stamp that would hide its errors', async () => {
  const { dir } = await compiled();
  const model = join(dir, 'models/staging/stg_events.sql');
  writeFileSync(model, "select * from {{ ref('no_such_model') }}\n");
  const failed = await runCli(dir, ARGV, ENV);
  assert.is(failed.code, 2);
  assert.not.ok(replay(dir).replayed);
  const again = await runCli(dir, ARGV, ENV);
  assert.is(again.code, 2);
  assert.is(again.stderr, failed.stderr);
});

const run = promisify(execFile);

test('bin/pdb.js: an unchanged compile leaves target/ as it was and says the same; an edit compiles again', async () => {
  const dir = await tempProject(await fixtureFiles(SMALL));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const pdb = (): Promise<{ stdout: string; stderr: string }> => run(process.execPath, [join(repoRoot(), 'bin', 'pdb.js'), 'compile', '--target', 'bq', '--no-validate'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } });
  const first = await pdb();
  const manifest = join(dir, 'target/manifest.json');
  const written = statSync(manifest, { bigint: true }).mtimeNs;
  const second = await pdb();
  assert.is(withoutTiming(second.stdout), withoutTiming(first.stdout));
  assert.is(statSync(manifest, { bigint: true }).mtimeNs, written, 'the manifest was not rewritten');
  const model = join(dir, 'models/staging/stg_events.sql');
  writeFileSync(model, readFileSync(model, 'utf8').replace(/\bselect\b/, 'select distinct'));
  const third = await pdb();
  assert.is(withoutTiming(third.stdout), withoutTiming(first.stdout));
  assert.match(readFileSync(join(dir, 'target/compiled/bq/models/staging/stg_events.sql'), 'utf8'), /select distinct/i);
  assert.is.not(statSync(manifest, { bigint: true }).mtimeNs, written);
});

test.run();
