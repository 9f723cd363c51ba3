/** The goals of the compile benchmark and the markdown table its results are printed as. */

export type BenchCase = 'cold' | 'unchanged' | 'unchanged-no-stamp' | 'edit-one';

export const BENCH_CASES: readonly BenchCase[] = ['cold', 'unchanged', 'unchanged-no-stamp', 'edit-one'];

export const caseLabel = (c: BenchCase): string => {
  switch (c) {
    case 'cold':
      return 'cold (no target/)';
    case 'unchanged':
      return 'recompile, unchanged';
    case 'unchanged-no-stamp':
      return 'recompile, unchanged, no stamp (caches only)';
    case 'edit-one':
      return 'recompile, one model edited';
  }
};

/** Peak memory goal for every case, in megabytes (1 MB = 1,024 kB as /usr/bin/time counts). */
export const PEAK_MB_GOAL = 500;

/** Which generated project a result is for (see generate-project.ts); 'plain' when not given. */
export type BenchShape = 'real' | 'plain';

/** What compiled: pdb, or Dataform's CLI on the same project written as SQLX. */
export type BenchTool = 'pdb' | 'dataform';

/**
 * Dataform's CLI on the 'real' shape at 1,000 models, cold, as the issue measured it: the
 * reference for the 10x goal when the bench could not run Dataform itself.
 */
export const DATAFORM_1000_SECONDS = 15.6;

/**
 * Wall-time goals of the issue, where one is set: 1,000 models cold and unchanged, 10,000 cold.
 * On the 'real' shape the 1,000-model cold goal is a tenth of Dataform's time, measured in the
 * same run when given.
 */
export function secondsGoal(modelCount: number, benchCase: BenchCase, shape: BenchShape = 'plain', dataformSeconds?: number): number | undefined {
  if (shape === 'real' && modelCount === 1000 && benchCase === 'cold') return Number(((dataformSeconds ?? DATAFORM_1000_SECONDS) / 10).toFixed(2));
  if (modelCount === 1000 && benchCase === 'cold') return 1.5;
  if (modelCount === 1000 && benchCase === 'unchanged') return 0.3;
  if (modelCount === 10000 && benchCase === 'cold') return 10;
  return undefined;
}

export interface CaseResult {
  readonly shape?: BenchShape;
  /** pdb when not given. */
  readonly tool?: BenchTool;
  readonly modelCount: number;
  readonly benchCase: BenchCase;
  /** Every repetition, in run order. */
  readonly seconds: readonly number[];
  readonly peakKb: readonly number[];
  /** User+system CPU seconds of every repetition: the steadier figure on a shared machine. */
  readonly cpuSeconds?: readonly number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface TableRow {
  readonly shape?: BenchShape;
  readonly tool?: BenchTool;
  readonly n: string;
  readonly case: string;
  readonly seconds: string;
  /** Median CPU seconds, when measured. */
  readonly cpu?: string;
  readonly peakMb: string;
  readonly goal: string;
  readonly met: 'yes' | 'no';
}

/** One row; `dataformSeconds` is Dataform's median on the same shape and size, when measured. */
export function tableRow(result: CaseResult, dataformSeconds?: number): TableRow {
  const row = tableRowWithoutCpu(result, dataformSeconds);
  return result.cpuSeconds === undefined ? row : { ...row, cpu: median(result.cpuSeconds).toFixed(2) };
}

function tableRowWithoutCpu(result: CaseResult, dataformSeconds?: number): TableRow {
  const seconds = median(result.seconds);
  const peakMb = median(result.peakKb) / 1024;
  if (result.tool === 'dataform') {
    // The reference, not a candidate: it has no goal of its own.
    return { ...(result.shape === undefined ? {} : { shape: result.shape }), tool: 'dataform', n: result.modelCount.toLocaleString('en-US'), case: caseLabel(result.benchCase), seconds: seconds.toFixed(2), peakMb: Number.isNaN(peakMb) ? '?' : peakMb.toFixed(0), goal: 'reference', met: 'yes' };
  }
  const timeGoal = secondsGoal(result.modelCount, result.benchCase, result.shape, dataformSeconds);
  const met = peakMb < PEAK_MB_GOAL && (timeGoal === undefined || seconds <= timeGoal);
  return {
    ...(result.shape === undefined ? {} : { shape: result.shape }),
    ...(result.tool === undefined ? {} : { tool: result.tool }),
    n: result.modelCount.toLocaleString('en-US'),
    case: caseLabel(result.benchCase),
    seconds: seconds.toFixed(2),
    peakMb: Number.isNaN(peakMb) ? '?' : peakMb.toFixed(0),
    goal: timeGoal === undefined ? `< ${PEAK_MB_GOAL} MB` : `<= ${timeGoal} s, < ${PEAK_MB_GOAL} MB`,
    met: met ? 'yes' : 'no',
  };
}

/**
 * The results as a markdown table: N, case, seconds (median), CPU seconds (median, when measured),
 * peak MB (median), goal, met?; with shape and tool first when any result names them (pdb and
 * Dataform side by side). The goals are wall times, as the issue set them.
 */
export function markdownTable(results: readonly CaseResult[]): string {
  const dataform = (r: CaseResult): number | undefined => {
    const reference = results.find((d) => d.tool === 'dataform' && d.shape === r.shape && d.modelCount === r.modelCount && d.benchCase === 'cold');
    return reference === undefined ? undefined : median(reference.seconds);
  };
  const labelled = results.some((r) => r.shape !== undefined || r.tool !== undefined);
  const withCpu = results.some((r) => r.cpuSeconds !== undefined);
  const header = [...(labelled ? ['shape', 'tool'] : []), 'N', 'case', 'seconds', ...(withCpu ? ['CPU s'] : []), 'peak MB', 'goal', 'met?'];
  const rows = results
    .map((r) => tableRow(r, dataform(r)))
    .map((r) => [...(labelled ? [r.shape ?? 'plain', r.tool ?? 'pdb'] : []), r.n, r.case, r.seconds, ...(withCpu ? [r.cpu ?? '?'] : []), r.peakMb, r.goal, r.met]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line([...(labelled ? ['---', '---'] : []), '--:', '---', '--:', ...(withCpu ? ['--:'] : []), '--:', '---', '---']), ...rows.map(line)].join('\n') + '\n';
}
