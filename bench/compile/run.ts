/**
 * The compile benchmark: for each shape and N, generates the benchmark project into a temporary
 * folder and times the real CLI (`node bin/pdb.js compile --target bq --project-dir DIR`) as a
 * child process, cold, recompiled unchanged, and recompiled after one model is edited; on the
 * 'real' shape (up to 1,000 models) also Dataform's CLI on the same project as SQLX, cold, side by
 * side. Each case runs `--repeat` times (default 3); the table shows medians. Progress goes to
 * stderr, the table to stdout.
 *
 * Usage (after `npm run build`): node dist/bench/compile/run.js [N...] [--shape real|plain]
 *   [--repeat K] [--keep] [--cpu-prof DIR] [--dataform DIR | --no-dataform] [--validate]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_CASES, DATAFORM_1000_SECONDS, markdownTable, median, type BenchCase, type CaseResult } from './bench-table.js';
import { ensureDataform, type DataformInstall } from './dataform-cli.js';
import { generateDataformProject } from './generate-dataform-project.js';
import { BENCH_TARGET, editModel, generateProject, PROJECT_SHAPES, type ProjectShape } from './generate-project.js';
import { defaultProbe, measureNode, type Measurement } from '../measure-child.js';
import { summarizeProfileDir } from './summarize-profile.js';

/** dist/bench/compile/run.js -> the repository root. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PDB_BIN = join(REPO_ROOT, 'bin', 'pdb.js');

export interface BenchOptions {
  readonly modelCounts: readonly number[];
  readonly repeat: number;
  readonly keep: boolean;
  readonly cpuProfDir?: string;
  /** Shapes to run; both ('real' then 'plain') when not given. */
  readonly shapes?: readonly ProjectShape[];
  /** Where Dataform's CLI is (or is installed), or false for no Dataform; a temporary folder when not given. */
  readonly dataform?: string | false;
  /** `--validate`: compile with ZetaSQL's offline check (its analyses are cached like the rest). */
  readonly validate?: boolean;
}

/** Dataform runs on the 'real' shape up to this many models (it takes minutes beyond). */
export const DATAFORM_MAX_MODELS = 1000;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { repeat: { type: 'string' }, keep: { type: 'boolean' }, 'cpu-prof': { type: 'string' }, shape: { type: 'string', multiple: true }, dataform: { type: 'string' }, 'no-dataform': { type: 'boolean' }, validate: { type: 'boolean' } },
  });
  const shapes = values.shape?.map((s) => {
    if (!(PROJECT_SHAPES as readonly string[]).includes(s)) throw new Error(`--shape takes ${PROJECT_SHAPES.join(' or ')}, got '${s}'`);
    return s as ProjectShape;
  });
  const modelCounts = positionals.map((p) => Number(p.replace(/[_,]/g, '')));
  for (const [i, n] of modelCounts.entries()) if (!Number.isInteger(n) || n < 1) throw new Error(`'${positionals[i]}' is not a model count; give whole numbers such as 1000 10000`);
  const repeat = values.repeat === undefined ? 3 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat takes a whole number of at least 1, got '${values.repeat}'`);
  return {
    modelCounts: modelCounts.length === 0 ? [1000, 10000] : modelCounts,
    repeat,
    keep: values.keep === true,
    ...(values.validate === true ? { validate: true } : {}),
    ...(values['cpu-prof'] === undefined ? {} : { cpuProfDir: resolve(values['cpu-prof']) }),
    ...(shapes === undefined ? {} : { shapes }),
    ...(values['no-dataform'] === true ? { dataform: false as const } : values.dataform === undefined ? {} : { dataform: resolve(values.dataform) }),
  };
}

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

// The compile goals are for rendering, the DAG and formatting; ZetaSQL's offline check of the
// BigQuery SQL (a few ms a model) is timed with --validate.
async function compileOnce(dir: string, modelCount: number, nodeFlags: readonly string[] = [], validate = false): Promise<Measurement> {
  const measured = await measureNode({ script: PDB_BIN, args: ['compile', '--target', BENCH_TARGET, '--project-dir', dir, ...(validate ? [] : ['--no-validate'])], cwd: REPO_ROOT, nodeFlags });
  const expected = `Compiled ${modelCount} models`;
  if (measured.exitCode !== 0 || !measured.stdout.includes(expected)) {
    throw new Error(`pdb compile failed (exit ${measured.exitCode}) in ${dir}:\n${measured.stdout}\n${measured.stderr}`);
  }
  return measured;
}

/** Puts the project in the state the case needs before one run. */
async function prepare(dir: string, modelCount: number, benchCase: BenchCase, revision: number, shape: ProjectShape): Promise<void> {
  switch (benchCase) {
    case 'cold':
      await rm(join(dir, 'target'), { recursive: true, force: true });
      return;
    case 'unchanged':
      return;
    case 'unchanged-no-stamp':
      // What the caches alone give: the compile stamp (src/cli/compile-stamp.ts) is gone.
      await rm(join(dir, 'target', 'cache', 'compile-stamp.json'), { force: true });
      return;
    case 'edit-one':
      // A model in the middle: it has both a chain and a tree neighbour.
      await editModel(dir, Math.floor(modelCount / 2), revision, shape);
      return;
  }
}

async function benchOne(modelCount: number, shape: ProjectShape, options: BenchOptions): Promise<CaseResult[]> {
  const dir = await mkdtemp(join(tmpdir(), `pdb-bench-${shape}-${modelCount}-`));
  const results: CaseResult[] = [];
  const label = `${shape} N=${modelCount}`;
  try {
    const started = performance.now();
    await generateProject(dir, modelCount, shape);
    log(`${label}: generated ${dir} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    let revision = 0;
    for (const benchCase of BENCH_CASES) {
      const seconds: number[] = [];
      const peakKb: number[] = [];
      const cpuSeconds: number[] = [];
      for (let r = 0; r < options.repeat; r++) {
        await prepare(dir, modelCount, benchCase, ++revision, shape);
        const m = await compileOnce(dir, modelCount, [], options.validate === true);
        seconds.push(m.seconds);
        peakKb.push(m.peakKb);
        cpuSeconds.push(m.cpuSeconds);
        log(`${label} ${benchCase} #${r + 1}: ${m.seconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(2)} s cpu, ${(m.peakKb / 1024).toFixed(0)} MB, load ${loadText()}`);
      }
      results.push({ shape, tool: 'pdb', modelCount, benchCase, seconds, peakKb, cpuSeconds });
      log(`${label} ${benchCase}: median ${median(seconds).toFixed(3)} s`);
      if (options.cpuProfDir !== undefined) {
        const profDir = join(options.cpuProfDir, `${shape}-${modelCount}-${benchCase}`);
        await prepare(dir, modelCount, benchCase, ++revision, shape);
        await compileOnce(dir, modelCount, ['--cpu-prof', '--cpu-prof-dir', profDir], options.validate === true);
        log(`\nCPU profile of ${label} ${benchCase} (${profDir}):\n${await summarizeProfileDir(profDir, 15)}`);
      }
    }
  } finally {
    if (options.keep) log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
  return results;
}

const loadText = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Dataform's CLI, cold, on the 'real' project of N models written as SQLX: `repeat` runs. */
async function benchDataform(modelCount: number, install: DataformInstall, options: BenchOptions): Promise<CaseResult> {
  const dir = await mkdtemp(join(tmpdir(), `pdb-bench-dataform-${modelCount}-`));
  try {
    await generateDataformProject(dir, modelCount, install.core);
    const seconds: number[] = [];
    const peakKb: number[] = [];
    const cpuSeconds: number[] = [];
    for (let r = 0; r < options.repeat; r++) {
      const m = await measureNode({ script: install.cli, args: ['compile', '--json', dir], cwd: dir });
      const compiled = m.exitCode === 0 ? (JSON.parse(m.stdout) as { tables?: unknown[] }).tables?.length : undefined;
      if (compiled !== modelCount) throw new Error(`dataform compile failed (exit ${m.exitCode}, ${compiled ?? 'no'} tables) in ${dir}:\n${m.stderr.slice(-2000)}`);
      seconds.push(m.seconds);
      peakKb.push(m.peakKb);
      cpuSeconds.push(m.cpuSeconds);
      log(`dataform real N=${modelCount} cold #${r + 1}: ${m.seconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(2)} s cpu, ${(m.peakKb / 1024).toFixed(0)} MB, load ${loadText()}`);
    }
    return { shape: 'real', tool: 'dataform', modelCount, benchCase: 'cold', seconds, peakKb, cpuSeconds };
  } finally {
    if (options.keep) log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

async function dataformInstall(options: BenchOptions): Promise<DataformInstall | undefined> {
  if (options.dataform === false) return undefined;
  const prefix = options.dataform ?? join(tmpdir(), 'pdb-bench-dataform-cli');
  const install = await ensureDataform(prefix);
  if (typeof install === 'string') {
    log(`Dataform's CLI is not available (${install}): the 'real' 1,000-model goal uses the issue's figure, ${DATAFORM_1000_SECONDS} s.`);
    return undefined;
  }
  return install;
}

export async function runBench(options: BenchOptions): Promise<string> {
  const cpu = cpus();
  log(`pdb compile benchmark: ${new Date().toISOString().slice(0, 10)}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}, peak RSS via ${defaultProbe()}, median of ${options.repeat}`);
  // Other work on a 2-core machine slows every figure: say how busy it was.
  log(`load average at start: ${loadText()}`);
  const results: CaseResult[] = [];
  const shapes = options.shapes ?? PROJECT_SHAPES;
  const dataform = shapes.includes('real') && options.modelCounts.some((n) => n <= DATAFORM_MAX_MODELS) ? await dataformInstall(options) : undefined;
  for (const shape of shapes) {
    for (const n of options.modelCounts) {
      // Side by side: Dataform right before pdb, on the same project, under the same load.
      if (shape === 'real' && dataform !== undefined && n <= DATAFORM_MAX_MODELS) results.push(await benchDataform(n, dataform, options));
      results.push(...(await benchOne(n, shape, options)));
    }
  }
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
