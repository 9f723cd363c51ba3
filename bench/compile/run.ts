/**
 * The compile benchmark: for each N, generates the benchmark project into a temporary folder and
 * times the real CLI (`node bin/pdb.js compile --target bq --project-dir DIR`) as a child
 * process, cold, recompiled unchanged, and recompiled after one model is edited. Each case runs
 * `--repeat` times (default 3); the table shows medians. Progress goes to stderr, the table to stdout.
 *
 * Usage (after `npm run build`): node dist/bench/compile/run.js [N...] [--repeat K] [--keep] [--cpu-prof DIR]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_CASES, markdownTable, median, type BenchCase, type CaseResult } from './bench-table.js';
import { BENCH_TARGET, editModel, generateProject } from './generate-project.js';
import { defaultProbe, measureNode, type Measurement } from './measure-process.js';
import { summarizeProfileDir } from './summarize-profile.js';

/** dist/bench/compile/run.js -> the repository root. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PDB_BIN = join(REPO_ROOT, 'bin', 'pdb.js');

export interface BenchOptions {
  readonly modelCounts: readonly number[];
  readonly repeat: number;
  readonly keep: boolean;
  readonly cpuProfDir?: string;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { repeat: { type: 'string' }, keep: { type: 'boolean' }, 'cpu-prof': { type: 'string' } },
  });
  const modelCounts = positionals.map((p) => Number(p.replace(/[_,]/g, '')));
  for (const [i, n] of modelCounts.entries()) if (!Number.isInteger(n) || n < 1) throw new Error(`'${positionals[i]}' is not a model count; give whole numbers such as 1000 10000`);
  const repeat = values.repeat === undefined ? 3 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat takes a whole number of at least 1, got '${values.repeat}'`);
  return {
    modelCounts: modelCounts.length === 0 ? [1000, 10000] : modelCounts,
    repeat,
    keep: values.keep === true,
    ...(values['cpu-prof'] === undefined ? {} : { cpuProfDir: resolve(values['cpu-prof']) }),
  };
}

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

// The compile goals are for rendering, the DAG and formatting; ZetaSQL's offline check of the
// BigQuery SQL (a few ms a model) is timed separately, on the core project (README).
async function compileOnce(dir: string, modelCount: number, nodeFlags: readonly string[] = []): Promise<Measurement> {
  const measured = await measureNode({ script: PDB_BIN, args: ['compile', '--target', BENCH_TARGET, '--project-dir', dir, '--no-validate'], cwd: REPO_ROOT, nodeFlags });
  const expected = `Compiled ${modelCount} models`;
  if (measured.exitCode !== 0 || !measured.stdout.includes(expected)) {
    throw new Error(`pdb compile failed (exit ${measured.exitCode}) in ${dir}:\n${measured.stdout}\n${measured.stderr}`);
  }
  return measured;
}

/** Puts the project in the state the case needs before one run. */
async function prepare(dir: string, modelCount: number, benchCase: BenchCase, revision: number): Promise<void> {
  switch (benchCase) {
    case 'cold':
      await rm(join(dir, 'target'), { recursive: true, force: true });
      return;
    case 'unchanged':
      return;
    case 'edit-one':
      // A model in the middle: it has both a chain and a tree neighbour.
      await editModel(dir, Math.floor(modelCount / 2), revision);
      return;
  }
}

async function benchOne(modelCount: number, options: BenchOptions): Promise<CaseResult[]> {
  const dir = await mkdtemp(join(tmpdir(), `pdb-bench-${modelCount}-`));
  const results: CaseResult[] = [];
  try {
    const started = performance.now();
    await generateProject(dir, modelCount);
    log(`N=${modelCount}: generated ${dir} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    let revision = 0;
    for (const benchCase of BENCH_CASES) {
      const seconds: number[] = [];
      const peakKb: number[] = [];
      for (let r = 0; r < options.repeat; r++) {
        await prepare(dir, modelCount, benchCase, ++revision);
        const m = await compileOnce(dir, modelCount);
        seconds.push(m.seconds);
        peakKb.push(m.peakKb);
        log(`N=${modelCount} ${benchCase} #${r + 1}: ${m.seconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(2)} s cpu, ${(m.peakKb / 1024).toFixed(0)} MB`);
      }
      results.push({ modelCount, benchCase, seconds, peakKb });
      log(`N=${modelCount} ${benchCase}: median ${median(seconds).toFixed(3)} s`);
      if (options.cpuProfDir !== undefined) {
        const profDir = join(options.cpuProfDir, `${modelCount}-${benchCase}`);
        await prepare(dir, modelCount, benchCase, ++revision);
        await compileOnce(dir, modelCount, ['--cpu-prof', '--cpu-prof-dir', profDir]);
        log(`\nCPU profile of N=${modelCount} ${benchCase} (${profDir}):\n${await summarizeProfileDir(profDir, 15)}`);
      }
    }
  } finally {
    if (options.keep) log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
  return results;
}

const loadText = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

export async function runBench(options: BenchOptions): Promise<string> {
  const cpu = cpus();
  log(`pdb compile benchmark: ${new Date().toISOString().slice(0, 10)}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}, peak RSS via ${defaultProbe()}, median of ${options.repeat}`);
  // Other work on a 2-core machine slows every figure: say how busy it was.
  log(`load average at start: ${loadText()}`);
  const results: CaseResult[] = [];
  for (const n of options.modelCounts) results.push(...(await benchOne(n, options)));
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
