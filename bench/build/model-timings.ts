/** Where a build's time went: the slowest steps of a target/run_results.json. */

export interface StepTiming {
  readonly id: string;
  readonly kind: 'model' | 'test';
  readonly status: string;
  readonly seconds: number;
  readonly rows?: number;
}

export interface BuildTimings {
  readonly elapsedSeconds: number;
  readonly models: number;
  readonly tests: number;
  /** Sum of the model steps' seconds (steps overlap when threads > 1). */
  readonly modelSeconds: number;
  readonly testSeconds: number;
  /** Every step, slowest first (ties in id order, so the output is stable). */
  readonly steps: readonly StepTiming[];
}

/** Reads the parsed run_results.json (pdb.run_results.v1). */
export function buildTimings(runResults: unknown): BuildTimings {
  const doc = runResults as { elapsed_seconds?: unknown; results?: unknown };
  if (typeof doc?.elapsed_seconds !== 'number' || !Array.isArray(doc.results)) throw new Error('not a pdb run_results.json: no elapsed_seconds or results');
  const steps: StepTiming[] = doc.results.map((r: Record<string, unknown>) => ({
    id: String(r.id),
    kind: r.kind === 'test' ? 'test' : 'model',
    status: String(r.status),
    seconds: typeof r.seconds === 'number' ? r.seconds : 0,
    ...(typeof r.rows === 'number' ? { rows: r.rows } : {}),
  }));
  steps.sort((a, b) => b.seconds - a.seconds || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = (kind: 'model' | 'test'): number => round(steps.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.seconds, 0));
  return {
    elapsedSeconds: doc.elapsed_seconds,
    models: steps.filter((s) => s.kind === 'model').length,
    tests: steps.filter((s) => s.kind === 'test').length,
    modelSeconds: total('model'),
    testSeconds: total('test'),
    steps,
  };
}

/** A few lines for the log: totals, then the `top` slowest steps with their share of the run. */
export function describeTimings(timings: BuildTimings, top: number): string {
  const share = (s: number): string => (timings.elapsedSeconds > 0 ? `${Math.round((100 * s) / timings.elapsedSeconds)}%` : '?');
  const lines = [
    `run ${timings.elapsedSeconds.toFixed(2)} s: ${timings.models} models ${timings.modelSeconds.toFixed(2)} s, ${timings.tests} tests ${timings.testSeconds.toFixed(2)} s (summed over steps)`,
    ...timings.steps.slice(0, top).map((s) => `  ${s.seconds.toFixed(2).padStart(7)} s ${share(s.seconds).padStart(4)}  ${s.id}${s.rows === undefined ? '' : ` (${s.rows.toLocaleString('en-US')} rows)`}`),
  ];
  return lines.join('\n');
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
