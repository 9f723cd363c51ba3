/** The goals of the compile benchmark and the markdown table its results are printed as. */

export type BenchCase = 'cold' | 'unchanged' | 'edit-one';

export const BENCH_CASES: readonly BenchCase[] = ['cold', 'unchanged', 'edit-one'];

export const caseLabel = (c: BenchCase): string => {
  switch (c) {
    case 'cold':
      return 'cold (no target/)';
    case 'unchanged':
      return 'recompile, unchanged';
    case 'edit-one':
      return 'recompile, one model edited';
  }
};

/** Peak memory goal for every case, in megabytes (1 MB = 1,024 kB as /usr/bin/time counts). */
export const PEAK_MB_GOAL = 500;

/** Wall-time goals of the issue, where one is set: 1,000 models cold and unchanged, 10,000 cold. */
export function secondsGoal(modelCount: number, benchCase: BenchCase): number | undefined {
  if (modelCount === 1000 && benchCase === 'cold') return 1.5;
  if (modelCount === 1000 && benchCase === 'unchanged') return 0.3;
  if (modelCount === 10000 && benchCase === 'cold') return 10;
  return undefined;
}

export interface CaseResult {
  readonly modelCount: number;
  readonly benchCase: BenchCase;
  /** Every repetition, in run order. */
  readonly seconds: readonly number[];
  readonly peakKb: readonly number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface TableRow {
  readonly n: string;
  readonly case: string;
  readonly seconds: string;
  readonly peakMb: string;
  readonly goal: string;
  readonly met: 'yes' | 'no';
}

export function tableRow(result: CaseResult): TableRow {
  const seconds = median(result.seconds);
  const peakMb = median(result.peakKb) / 1024;
  const timeGoal = secondsGoal(result.modelCount, result.benchCase);
  const met = peakMb < PEAK_MB_GOAL && (timeGoal === undefined || seconds <= timeGoal);
  return {
    n: result.modelCount.toLocaleString('en-US'),
    case: caseLabel(result.benchCase),
    seconds: seconds.toFixed(2),
    peakMb: Number.isNaN(peakMb) ? '?' : peakMb.toFixed(0),
    goal: timeGoal === undefined ? `< ${PEAK_MB_GOAL} MB` : `<= ${timeGoal} s, < ${PEAK_MB_GOAL} MB`,
    met: met ? 'yes' : 'no',
  };
}

/** The results as a markdown table: N, case, seconds (median), peak MB (median), goal, met?. */
export function markdownTable(results: readonly CaseResult[]): string {
  const header = ['N', 'case', 'seconds', 'peak MB', 'goal', 'met?'];
  const rows = results.map(tableRow).map((r) => [r.n, r.case, r.seconds, r.peakMb, r.goal, r.met]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(['--:', '---', '--:', '--:', '---', '---']), ...rows.map(line)].join('\n') + '\n';
}
