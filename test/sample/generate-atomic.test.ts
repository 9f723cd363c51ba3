import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { generateSample } from '../../src/sample/generate-sample.js';
import { SAMPLE_MARKER, completeSample } from '../../src/sample/sample-folder.js';
import { tempDir } from './sample-fixture.js';

const SMALL = { users: 200, days: 4, startDate: '2026-09-01' } as const;
const SHARDS = ['events_20260901.parquet', 'events_20260902.parquet', 'events_20260903.parquet', 'events_20260904.parquet'];
/** bin/pdb.js of this checkout (dist/test/sample -> repo root). */
const PDB = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'pdb.js');

async function cli(cwd: string, argv: readonly string[], interactive = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, interactive };
  const code = await main(['sample', ...argv], io);
  return { code, stdout, stderr };
}

test('a finished run leaves the shards and the marker: no work folder, no stale shard or temp of an earlier run', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.events_20260902.parquet.tmp'), 'half a file from a killed run of an older version');
  mkdirSync(join(dir, '.pdb-sample-partial'));
  writeFileSync(join(dir, '.pdb-sample-partial', 'events_20260901.parquet'), 'half a file from a killed run');
  writeFileSync(join(dir, 'events_20261231.parquet'), 'a shard of an earlier, longer run');
  writeFileSync(join(dir, 'notes.txt'), 'not ours: kept');
  const result = await generateSample({ outDir: dir, ...SMALL });
  assert.equal(readdirSync(dir).sort(), [...SHARDS, 'notes.txt', SAMPLE_MARKER]);
  assert.equal(await completeSample(dir), {
    generator: 'pdb sample',
    options: { users: 200, days: 4, startDate: '2026-09-01', seed: 42, targetEvents: null, effects: true },
    events: result.events,
    users: 200,
    files: SHARDS,
  });
});

test('a failed write leaves no marker and no work folder, and names the cause', async () => {
  const dir = tempDir();
  await generateSample({ outDir: dir, ...SMALL });
  assert.ok(existsSync(join(dir, SAMPLE_MARKER)));
  // A folder where the third shard must go makes its move into place fail after every COPY succeeded.
  mkdirSync(join(dir, 'events_20260903.parquet_'));
  const { renameSync } = await import('node:fs');
  renameSync(join(dir, 'events_20260903.parquet'), join(dir, 'gone.parquet'));
  renameSync(join(dir, 'events_20260903.parquet_'), join(dir, 'events_20260903.parquet'));
  try {
    await generateSample({ outDir: dir, ...SMALL, seed: 5 });
    assert.unreachable('should have failed');
  } catch (e) {
    assert.match(String((e as Error).message), /events_20260903\.parquet/);
  }
  assert.equal(readdirSync(dir).sort(), ['events_20260901.parquet', 'events_20260902.parquet', 'events_20260903.parquet', 'events_20260904.parquet', 'gone.parquet']);
  assert.is(await completeSample(dir), undefined);
});

test('it creates the output folder', async () => {
  const dir = join(tempDir(), 'a', 'b');
  const r = await generateSample({ outDir: dir, ...SMALL });
  assert.equal(r.files, SHARDS.map((f) => join(dir, f)));
});

test('a killed run leaves no folder that --if-missing takes for complete; the next --if-missing writes it whole', async () => {
  const cwd = tempDir();
  const out = join(cwd, 'data');
  // Big enough to be killed half-way: wait until its first shard is in the work folder.
  const child = spawn(process.execPath, [PDB, 'sample', '--out', 'data', '--users', '60000', '--days', '30'], { cwd, stdio: 'ignore' });
  const work = join(out, '.pdb-sample-partial');
  for (let i = 0; i < 1200 && !(existsSync(work) && readdirSync(work).length > 0); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(existsSync(work) && readdirSync(work).length > 0, 'the child wrote a first shard');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.is(await completeSample(out), undefined);
  assert.equal(readdirSync(out).filter((f) => f.endsWith('.parquet')), []);

  const again = await cli(cwd, ['--out', 'data', '--users', '200', '--days', '4', '--if-missing']);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /^Wrote [\d,]+ events of 200 users in 4 files to data in /);
  assert.equal(readdirSync(out).sort(), [...SHARDS, SAMPLE_MARKER]);
});

test('--if-missing does nothing on a complete sample of the same options, and writes again for other options', async () => {
  const cwd = tempDir();
  const first = await cli(cwd, ['--out', 'data', '--users', '200', '--days', '4', '--seed', '3']);
  assert.is(first.code, 0, first.stderr);
  const marker = readFileSync(join(cwd, 'data', SAMPLE_MARKER), 'utf8');
  const same = await cli(cwd, ['--out', 'data', '--users', '200', '--days', '4', '--seed', '3', '--if-missing']);
  assert.equal(same, { code: 0, stdout: 'Sample data already in data; nothing to do.\n', stderr: '' });
  const other = await cli(cwd, ['--out', 'data', '--users', '200', '--days', '4', '--seed', '3', '--no-effects', '--if-missing']);
  assert.is(other.code, 0, other.stderr);
  assert.match(other.stdout, /^The sample in data was made with other options; writing it again\.\nWrote /);
  const now = JSON.parse(readFileSync(join(cwd, 'data', SAMPLE_MARKER), 'utf8')) as { options: { effects: boolean } };
  assert.is(now.options.effects, false);
  assert.is.not(readFileSync(join(cwd, 'data', SAMPLE_MARKER), 'utf8'), marker);
});

test('progress: a status line per day on a terminal, cleared at the end; nothing but the summary otherwise', async () => {
  const cwd = tempDir();
  const live = await cli(cwd, ['--out', 'a', '--users', '200', '--days', '4'], true);
  assert.is(live.code, 0);
  const lines = live.stderr.split('\r\u001b[2K').filter((l) => l !== '');
  assert.equal(lines.map((l) => l.replace(/, [\d,]+ events, \d+\.\d\d s$/, '')), ['pdb sample: day 1/4', 'pdb sample: day 2/4', 'pdb sample: day 3/4', 'pdb sample: day 4/4']);
  assert.ok(live.stderr.endsWith('\r\u001b[2K'));
  const quiet = await cli(cwd, ['--out', 'b', '--users', '200', '--days', '4'], false);
  assert.is(quiet.code, 0);
  assert.is(quiet.stderr, '');
  assert.match(quiet.stdout, /^Wrote [\d,]+ events of 200 users in 4 files to b in \d+\.\d\d s\.\n$/);
});

test.run();
