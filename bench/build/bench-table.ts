/**
 * The goals of the build benchmark and the markdown table its results are printed as.
 * Wall times are the fastest of the repetitions: on a shared machine other work only ever adds
 * time, and medians taken separately for the floor and the build can pair a slowed floor with a
 * quick build. CPU seconds (user + system) are less sensitive to load and are shown beside them.
 */

/** `pdb build` may take at most this many times the floor query's wall time. */
export const RATIO_GOAL = 2;
/** Peak memory of `pdb build`, in megabytes of 1,024 kB as /usr/bin/time counts (2 GB). */
export const PEAK_MB_GOAL = 2048;

export interface SizeResult {
  readonly label: string;
  /** Rows in the source, as the floor query counted them. */
  readonly events: number;
  /** Every repetition, in run order: wall seconds, CPU seconds (NaN when not measured), peak kB. */
  readonly floorSeconds: readonly number[];
  readonly floorCpuSeconds: readonly number[];
  readonly buildSeconds: readonly number[];
  readonly buildCpuSeconds: readonly number[];
  readonly buildPeakKb: readonly number[];
}

/** The smallest value; NaN when there is none or any is NaN. */
export function fastest(values: readonly number[]): number {
  return values.length === 0 || values.some(Number.isNaN) ? Number.NaN : Math.min(...values);
}

/** The largest value; NaN when there is none or any is NaN (an unmeasured peak is never a pass). */
export function worst(values: readonly number[]): number {
  return values.length === 0 || values.some(Number.isNaN) ? Number.NaN : Math.max(...values);
}

export interface TableRow {
  readonly events: string;
  readonly floor: string;
  readonly build: string;
  readonly ratio: string;
  readonly cpuRatio: string;
  readonly peakMb: string;
  readonly goal: string;
  readonly met: 'yes' | 'no';
}

const fixed = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '?');

export function tableRow(result: SizeResult): TableRow {
  const floor = fastest(result.floorSeconds);
  const build = fastest(result.buildSeconds);
  const ratio = build / floor;
  const peakMb = worst(result.buildPeakKb) / 1024;
  const met = ratio <= RATIO_GOAL && peakMb < PEAK_MB_GOAL;
  return {
    events: `${result.label} (${result.events.toLocaleString('en-US')})`,
    floor: fixed(floor),
    build: fixed(build),
    ratio: fixed(ratio),
    cpuRatio: fixed(fastest(result.buildCpuSeconds) / fastest(result.floorCpuSeconds)),
    peakMb: Number.isNaN(peakMb) ? '?' : peakMb.toFixed(0),
    goal: `ratio <= ${RATIO_GOAL}, peak < 2 GB`,
    met: met ? 'yes' : 'no',
  };
}

/** events, floor s, build s (fastest runs), ratio, cpu ratio, peak MB (largest), goal, met?. */
export function markdownTable(results: readonly SizeResult[]): string {
  const header = ['events', 'floor s', 'build s', 'ratio', 'cpu ratio', 'peak MB', 'goal', 'met?'];
  const rows = results.map(tableRow).map((r) => [r.events, r.floor, r.build, r.ratio, r.cpuRatio, r.peakMb, r.goal, r.met]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(['--:', '--:', '--:', '--:', '--:', '--:', '---', '---']), ...rows.map(line)].join('\n') + '\n';
}
