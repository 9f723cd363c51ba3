/**
 * The run-state benchmark: for each size (default the bundled sample's 20K users and 10M events),
 * times on a copy of the repository's project
 *   1. a full `pdb build` of every model and test,
 *   2. the same build again with nothing changed (models and tests reused from the state store),
 *   3. `pdb --version`, the cost of starting Node and loading pdb, which 2 cannot go below,
 *   4. a build after one new day of events arrives (the source's last day file added), and a
 *      `--full-refresh` build of the same files, side by side.
 * Each is a child process measured the same way (wall time, CPU, peak memory); the fastest of
 * --repeat runs counts. The markdown table goes to stdout, progress to stderr.
 *
 * Usage (after `npm run build`): node dist/bench/runs/run.js [SIZE...] [--repeat K]
 */
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyProject } from '../build/project-copy.js';
import { parseBenchArgs, type BenchSize } from '../build/run-args.js';
import { ensureSample } from '../build/sample-cache.js';
import { measureNode, type Measurement } from '../measure-child.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PDB_BIN = join(REPO_ROOT, 'bin', 'pdb.js');
const log = (text: string): void => void process.stderr.write(`${text}\n`);

interface Row {
  readonly size: string;
  readonly full: Measurement;
  readonly unchanged: Measurement;
  readonly start: Measurement;
  readonly newDay: Measurement;
  readonly fullRefresh: Measurement;
  readonly reused: string;
}

async function pdb(dir: string, args: readonly string[]): Promise<Measurement> {
  const measured = await measureNode({ script: PDB_BIN, args: [...args, '--project-dir', dir], cwd: dir });
  if (measured.exitCode !== 0 && measured.exitCode !== 1) throw new Error(`pdb ${args.join(' ')} failed (exit ${measured.exitCode}):\n${measured.stdout}\n${measured.stderr}`);
  return measured;
}

const faster = (a: Measurement | undefined, b: Measurement): Measurement => (a === undefined || b.seconds < a.seconds ? b : a);

async function benchSize(size: BenchSize, repeat: number): Promise<Row> {
  const sample = await ensureSample(REPO_ROOT, PDB_BIN, size, log);
  const days = (await readdir(sample.dir)).filter((f) => f.endsWith('.parquet')).sort();
  let best: Partial<Record<keyof Omit<Row, 'size' | 'reused'>, Measurement>> = {};
  let reused = '';
  for (let r = 0; r < repeat; r++) {
    const dir = await mkdtemp(join(tmpdir(), `pdb-bench-runs-${size.label}-`));
    try {
      await copyProject(REPO_ROOT, dir);
      // The source as a folder of links: all days but the last first, then the last one "arrives".
      const events = join(dir, 'data', 'events');
      await mkdir(events, { recursive: true });
      for (const day of days.slice(0, -1)) await symlink(join(sample.dir, day), join(events, day));
      const vars = ['--vars', JSON.stringify({ events_path: 'data/events/*.parquet' })];
      await pdb(dir, ['build', ...vars]);
      await symlink(join(sample.dir, days.at(-1)!), join(events, basename(days.at(-1)!)));
      const full = await pdb(dir, ['build', '--full-refresh', ...vars]);
      const unchanged = await pdb(dir, ['build', ...vars]);
      reused = /Done in[^\n]*/.exec(unchanged.stdout)?.[0] ?? '';
      const start = await pdb(dir, ['--version']);
      // One new day: rebuild on the previous day's state, then add the day.
      await rm(join(events, basename(days.at(-1)!)));
      await pdb(dir, ['build', ...vars]);
      await symlink(join(sample.dir, days.at(-1)!), join(events, basename(days.at(-1)!)));
      const newDay = await pdb(dir, ['build', ...vars]);
      const fullRefresh = await pdb(dir, ['build', '--full-refresh', ...vars]);
      best = { full: faster(best.full, full), unchanged: faster(best.unchanged, unchanged), start: faster(best.start, start), newDay: faster(best.newDay, newDay), fullRefresh: faster(best.fullRefresh, fullRefresh) };
      log(`${size.label} run ${r + 1}: full ${full.seconds.toFixed(2)} s, unchanged ${unchanged.seconds.toFixed(2)} s, --version ${start.seconds.toFixed(2)} s, one new day ${newDay.seconds.toFixed(2)} s vs full refresh ${fullRefresh.seconds.toFixed(2)} s`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { size: size.label, full: best.full!, unchanged: best.unchanged!, start: best.start!, newDay: best.newDay!, fullRefresh: best.fullRefresh!, reused };
}

/** Wall seconds, then CPU seconds (user + system, all threads): on a shared machine the fairer figure. */
const s = (m: Measurement): string => `${m.seconds.toFixed(2)} (${m.cpuSeconds.toFixed(2)})`;
const percent = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(0)}%`;

export function markdown(rows: readonly Row[]): string {
  const lines = [
    '| events | full build s (CPU) | unchanged build s (CPU) | `pdb --version` s (CPU) | unchanged minus start s | one new day s (CPU) | full refresh s (CPU) | new day / full, wall (CPU) |',
    '| --: | --: | --: | --: | --: | --: | --: | --: |',
    ...rows.map(
      (r) =>
        `| ${r.size} | ${s(r.full)} | ${s(r.unchanged)} | ${s(r.start)} | ${(r.unchanged.seconds - r.start.seconds).toFixed(2)} | ${s(r.newDay)} | ${s(r.fullRefresh)} | ` +
        `${percent(r.newDay.seconds, r.fullRefresh.seconds)} (${percent(r.newDay.cpuSeconds, r.fullRefresh.cpuSeconds)}) |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const options = parseBenchArgs(process.argv.slice(2));
log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const rows: Row[] = [];
for (const size of options.sizes) rows.push(await benchSize(size, options.repeat));
process.stdout.write(markdown(rows));
for (const row of rows) log(`${row.size} unchanged: ${row.reused}`);
