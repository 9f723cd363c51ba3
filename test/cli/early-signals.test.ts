/**
 * Ctrl-C and `kill PID` sent to a real `pdb run` process at early moments (node starting, pdb
 * loading, the project compiling) are never ignored: the build never runs to completion with
 * exit 0. Before pdb's code has loaded, node's default action ends the process (the shell
 * reports 130 or 143 either way); from then on pdb winds down and exits with that code.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject } from '../support/duckdb-project.js';
import { repoRoot } from '../support/temp-project.js';

// Seconds of work, so no build can finish before the signal is sent.
const FILES = {
  'models/one.sql': "{{ config(materialized='table') }}\nselect 1 as x\n",
  'models/slow.sql': "{{ config(materialized='table') }}\nselect sum(a.range * b.range) as n from range(100000) a, range(100000) b, {{ ref('one') }}\n",
};

async function signalAfter(dir: string, signal: 'SIGINT' | 'SIGTERM', ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, [join(repoRoot(), 'bin', 'pdb.js'), 'run', '--no-cache', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill(signal), ms);
  // If the signal is ignored, the build would run for long: end it, and fail below.
  const fallback = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code, by] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  clearTimeout(fallback);
  return { code, signal: by, output };
}

test('an early Ctrl-C or SIGTERM is never ignored: the process ends with 130 / 143 (or by the signal itself), never 0', async () => {
  const dir = await duckdbProject(FILES);
  for (const [signal, ms] of [['SIGINT', 0], ['SIGINT', 150], ['SIGINT', 600], ['SIGTERM', 300], ['SIGINT', 1500]] as const) {
    const result = await signalAfter(dir, signal, ms);
    const expected = signal === 'SIGINT' ? 130 : 143;
    assert.ok(result.code === expected || (result.code === null && result.signal === signal), `${signal} after ${ms} ms: exit ${result.code} (${result.signal})\n${result.output}`);
    assert.not.match(result.output, 'OK     model slow');
    assert.not.match(result.output, /\n\s+at /);
  }
});

test.run();
