/**
 * The `pdb show` benchmark: wall time, CPU and peak memory of showing many rows, as a table and
 * as CSV / JSON, on
 *   - the repository's sample project, which must be built first (`npm run pdb -- build`); its
 *     largest model, int_user_days, has about 54,000 rows, so `-n 200000` prints all of them;
 *   - a temporary project with one 250,000-row model (built here), so `-n 200000` prints 200,000.
 * `pdb --version` is measured too: the cost of starting Node and pdb, which no show goes below.
 * Each command is a child process; the fastest of --repeat runs counts. Markdown to stdout.
 *
 * Usage (after `npm run build`): node dist/bench/show/run.js [--repeat K] [--pdb CHECKOUT/bin/pdb.js --sample CHECKOUT]
 * (`--pdb` and `--sample` measure another checkout, e.g. an older version, with its own built sample.)
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode, type Measurement } from '../measure-child.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const log = (text: string): void => void process.stderr.write(`${text}\n`);

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const repeat = Math.max(1, Number(flag(args, '--repeat') ?? 1) || 1);
const pdbBin = resolve(flag(args, '--pdb') ?? join(REPO_ROOT, 'bin', 'pdb.js'));
const sample = resolve(flag(args, '--sample') ?? REPO_ROOT);

interface Case {
  readonly project: string;
  readonly args: readonly string[];
}

async function fastest(dir: string, pdbArgs: readonly string[]): Promise<Measurement> {
  let best: Measurement | undefined;
  for (let i = 0; i < repeat; i++) {
    const m = await measureNode({ script: pdbBin, args: [...pdbArgs, '--project-dir', dir], cwd: dir });
    if (best === undefined || m.seconds < best.seconds) best = m;
  }
  return best!;
}

/** A project with one table of 250,000 rows: an integer key, a label and a rate. */
async function bigProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-bench-show-'));
  await writeFile(join(dir, 'project.yml'), 'name: big\npackages: []\n');
  await writeFile(join(dir, 'profiles.yml'), 'target: dev\ntargets:\n  dev:\n    type: duckdb\n    path: target/big.duckdb\n    schema: main\n');
  await mkdir(join(dir, 'models'));
  await writeFile(join(dir, 'models', 'big.sql'), "{{ config(materialized='table') }}\nselect 249999 - range as n, 'row ' || range as label, (range % 1000) / 1000.0 as conversion_rate from range(250000)\n");
  const built = await measureNode({ script: pdbBin, args: ['run', '--project-dir', dir], cwd: dir });
  if (built.exitCode !== 0) throw new Error(`building the 250,000-row model failed:\n${built.stdout}\n${built.stderr}`);
  return dir;
}

if (!existsSync(join(sample, 'target', 'pdb.duckdb'))) {
  log('The sample is not built: run `npm run pdb -- build` first.');
  process.exit(2);
}
const big = await bigProject();
const cases: Case[] = [
  { project: sample, args: ['--version'] },
  ...['10', '20000', '200000'].map((n) => ({ project: sample, args: ['show', 'int_user_days', '-n', n] })),
  ...['csv', 'json'].map((o) => ({ project: sample, args: ['show', 'int_user_days', '-n', '200000', '-o', o] })),
  ...['20000', '200000'].map((n) => ({ project: big, args: ['show', 'big', '-n', n] })),
  ...['csv', 'json'].map((o) => ({ project: big, args: ['show', 'big', '-n', '200000', '-o', o] })),
];

const lines = [
  `pdb: ${pdbBin}; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at start; fastest of ${repeat}.`,
  '',
  '| project | command | exit | stdout | wall s | CPU s | peak MB |',
  '|---|---|---:|---:|---:|---:|---:|',
];
try {
  for (const c of cases) {
    log(`pdb ${c.args.join(' ')} ...`);
    const m = await fastest(c.project, c.args);
    const project = c.project === big ? '250,000-row model' : 'sample';
    const output = `${(Buffer.byteLength(m.stdout) / 1e6).toFixed(1)} MB`;
    lines.push(`| ${project} | \`pdb ${c.args.join(' ')}\` | ${m.exitCode} | ${output} | ${m.seconds.toFixed(2)} | ${m.cpuSeconds.toFixed(2)} | ${(m.peakKb / 1024).toFixed(0)} |`);
    if (m.exitCode !== 0) log(m.stderr.split('\n').slice(0, 8).join('\n'));
  }
} finally {
  await rm(big, { recursive: true, force: true });
}
process.stdout.write(`${lines.join('\n')}\n`);
