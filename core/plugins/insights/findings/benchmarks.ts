/**
 * Headline rates against published benchmarks (benchmarks.yml): where the project's rate falls
 * relative to a source's range (or single figure). A comparison with a cited source, never a
 * statistical test and never "significant".
 */
import { formatPercent } from '../format.js';
import type { HeadlineRate } from '../metric-data.js';
import { wilson } from '../stats/proportions.js';
import type { Candidate } from './candidate.js';

/** The part of a benchmarks file entry the comparison needs (see plugins/qa/benchmarks.ts). */
export interface BenchmarkEntry {
  readonly metric: string;
  readonly definition: string;
  readonly ranges: readonly { readonly label: string; readonly min: number; readonly max: number; readonly source: string; readonly year: number }[];
  readonly figures?: readonly { readonly label: string; readonly value: number; readonly source: string; readonly year: number }[];
}

export function benchmarkCandidates(headline: HeadlineRate, benchmark: BenchmarkEntry | undefined): Candidate[] {
  if (benchmark === undefined || headline.n === 0) return [];
  const reference = benchmark.ranges[0] ?? figureAsRange(benchmark.figures?.[0]);
  if (reference === undefined) return [];
  const value = headline.k / headline.n;
  const interval = wilson(headline.k, headline.n);
  const position = value < reference.min ? 'below' : value > reference.max ? 'above' : 'within';
  const span = reference.min === reference.max ? formatPercent(reference.min) : `${formatPercent(reference.min)}-${formatPercent(reference.max)}`;
  const baseline = position === 'below' ? reference.min : position === 'above' ? reference.max : value;
  return [{
    key: `benchmark:${headline.benchmark}`,
    kind: 'benchmark',
    metric: headline.metric,
    metricLabel: headline.label,
    table: headline.table,
    where: {},
    unit: 'rate',
    value,
    baseline,
    baselineLabel: `${reference.source} (${reference.year} data): ${reference.label}`,
    n: headline.n,
    interval,
    test: null,
    summary: `${headline.label} is ${formatPercent(value)} (${headline.k.toLocaleString('en-US')} of ${headline.n.toLocaleString('en-US')}), ${position === 'within' ? 'within' : position} the published ${span} for ${reference.label} (${reference.source}, ${reference.year} data). Definition: ${benchmark.definition}`,
    weight: 0.5,
    source: { name: reference.source, year: reference.year, label: reference.label, low: reference.min, high: reference.max },
    keepWhenNotSignificant: true,
  }];
}

function figureAsRange(figure: { label: string; value: number; source: string; year: number } | undefined): BenchmarkEntry['ranges'][number] | undefined {
  return figure === undefined ? undefined : { label: figure.label, min: figure.value, max: figure.value, source: figure.source, year: figure.year };
}
