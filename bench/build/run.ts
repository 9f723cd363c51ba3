/**
 * The build benchmark: for each size (default 1M and 10M events), times `pdb build` of the
 * repository's own project (all models and tests) against the floor, one DuckDB query that scans
 * the source columns the models need once, both as child processes measured the same way, in the
 * same run. The table compares the fastest of --repeat runs (other load only adds time) and the
 * largest peak. Progress and per-model timings go to stderr, the markdown table to stdout.
 *
 * Usage (after `npm run build`): node dist/bench/build/run.js [SIZE...] [--repeat K] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fastest, markdownTable, type SizeResult } from './bench-table.js';
import type { FloorOutput } from './floor-child.js';
import { defaultProbe, measureNode, type Measurement } from '../measure-child.js';
import { buildTimings, describeTimings } from './model-timings.js';
import { readDuckDbSettings, type DuckDbSettings } from './profile-settings.js';
import { copyProject } from './project-copy.js';
import { parseBenchArgs, type BenchOptions, type BenchSize } from './run-args.js';
import { ensureSample } from './sample-cache.js';

/** dist/bench/build/run.js -> the repository root. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PDB_BIN = join(REPO_ROOT, 'bin', 'pdb.js');
const FLOOR_CHILD = fileURLToPath(new URL('./floor-child.js', import.meta.url));
/** What a half-finished shared `tsc` build of dist/ looks like to the child. */
const STALE_DIST = 'does not provide an export named';

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const mb = (kb: number): string => (Number.isNaN(kb) ? '?' : `${(kb / 1024).toFixed(0)} MB`);
const cpu = (m: Measurement): string => (Number.isNaN(m.cpuSeconds) ? '' : `, ${m.cpuSeconds.toFixed(2)} s cpu`);

async function runFloorOnce(glob: string, settings: DuckDbSettings): Promise<{ measured: Measurement; output: FloorOutput }> {
  const measured = await measureNode({ script: FLOOR_CHILD, args: [glob, settings.threads === undefined ? '-' : String(settings.threads), settings.memoryLimit ?? '-'], cwd: REPO_ROOT });
  if (measured.exitCode !== 0) throw new Error(`the floor query failed (exit ${measured.exitCode}):\n${measured.stdout}\n${measured.stderr}`);
  return { measured, output: JSON.parse(measured.stdout.trim().split('\n').pop() ?? '') as FloorOutput };
}

async function runBuildOnce(glob: string, keep: boolean, size: BenchSize): Promise<Measurement> {
  const dir = await mkdtemp(join(tmpdir(), `pdb-bench-build-${size.label}-`));
  try {
    await copyProject(REPO_ROOT, dir);
    const args = ['build', '--project-dir', dir, '--vars', JSON.stringify({ events_path: glob })];
    let measured = await measureNode({ script: PDB_BIN, args, cwd: dir });
    if (measured.exitCode !== 0 && measured.stderr.includes(STALE_DIST)) {
      // Someone else's tsc was writing dist/ at that moment: rebuild and try once more.
      log(`${size.label}: dist/ was mid-build (${STALE_DIST}); rebuilding and retrying`);
      spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: REPO_ROOT, stdio: 'ignore' });
      await rm(join(dir, 'target'), { recursive: true, force: true });
      measured = await measureNode({ script: PDB_BIN, args, cwd: dir });
    }
    // Exit 1 means a model or test failed: the run still did its work, so time it but say so.
    if (measured.exitCode !== 0 && measured.exitCode !== 1) throw new Error(`pdb build failed (exit ${measured.exitCode}) in ${dir}:\n${measured.stdout}\n${measured.stderr}`);
    if (measured.exitCode === 1) log(`${size.label}: WARNING pdb build reported failures:\n${measured.stdout.split('\n').filter((l) => /FAIL|ERROR/.test(l)).join('\n')}`);
    const done = measured.stdout.split('\n').find((l) => l.startsWith('Done in'));
    log(`${size.label} build: ${measured.seconds.toFixed(2)} s wall${cpu(measured)}, peak ${mb(measured.peakKb)}; ${done ?? 'no summary line'}`);
    log(describeTimings(buildTimings(JSON.parse(await readFile(join(dir, 'target', 'run_results.json'), 'utf8'))), 8));
    return measured;
  } finally {
    if (keep) log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

async function benchSize(size: BenchSize, options: BenchOptions, settings: DuckDbSettings): Promise<SizeResult> {
  const sample = await ensureSample(REPO_ROOT, PDB_BIN, size, log);
  log(`${size.label}: ${sample.reused ? 'reusing' : 'using'} ${sample.glob}`);
  const floorSeconds: number[] = [];
  const floorCpuSeconds: number[] = [];
  const buildSeconds: number[] = [];
  const buildCpuSeconds: number[] = [];
  const buildPeakKb: number[] = [];
  let events = Number.NaN;
  for (let r = 0; r < options.repeat; r++) {
    // Floor then build, each time: a change in the machine's load hits both alike.
    const floor = await runFloorOnce(sample.glob, settings);
    events = floor.output.row.events;
    floorSeconds.push(floor.measured.seconds);
    floorCpuSeconds.push(floor.measured.cpuSeconds);
    log(`${size.label} floor #${r + 1}: ${floor.measured.seconds.toFixed(2)} s wall (query ${floor.output.querySeconds.toFixed(2)} s)${cpu(floor.measured)}, peak ${mb(floor.measured.peakKb)}; ${JSON.stringify(floor.output.row)}`);
    const build = await runBuildOnce(sample.glob, options.keep, size);
    buildSeconds.push(build.seconds);
    buildCpuSeconds.push(build.cpuSeconds);
    buildPeakKb.push(build.peakKb);
  }
  log(`${size.label}: fastest floor ${fastest(floorSeconds).toFixed(2)} s, build ${fastest(buildSeconds).toFixed(2)} s`);
  return { label: size.label, events, floorSeconds, floorCpuSeconds, buildSeconds, buildCpuSeconds, buildPeakKb };
}

const loadText = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

export async function runBench(options: BenchOptions): Promise<string> {
  const cores = cpus();
  const settings = await readDuckDbSettings(REPO_ROOT);
  log(`pdb build benchmark: ${new Date().toISOString().slice(0, 10)}, ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}, peak RSS via ${defaultProbe()}, fastest of ${options.repeat}`);
  log(`target '${settings.target}': threads ${settings.threads ?? 'default'}, memory_limit ${settings.memoryLimit ?? 'default'} (the floor uses the same)`);
  // Other work on a 2-core machine slows every figure: say how busy it was.
  log(`load average at start: ${loadText()}`);
  const results: SizeResult[] = [];
  for (const size of options.sizes) results.push(await benchSize(size, options, settings));
  log(`load average at end: ${loadText()}`);
  return markdownTable(results);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(await runBench(parseBenchArgs(process.argv.slice(2))));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
