/**
 * The findings engine: a pure function from the aggregates of the built tables to typed findings.
 * Every test of the run is one Benjamini-Hochberg family; a finding is significant only when its
 * q-value is below the false discovery rate and its minimum magnitude and count hold. Findings
 * are ordered by importance (significant first) and numbered F1..Fn in that order.
 */
import { benchmarkCandidates, type BenchmarkEntry } from './findings/benchmarks.js';
import { changeOf, directionOf, type Candidate } from './findings/candidate.js';
import { anomalyCandidates } from './findings/anomalies.js';
import { funnelCandidates } from './findings/funnel.js';
import { vanishedValueCandidates, zeroDayCandidates } from './findings/gaps.js';
import { segmentCandidates } from './findings/segments.js';
import { trendCandidates } from './findings/trends.js';
import { formatQ } from './format.js';
import type { Finding } from './insights-file.js';
import type { MetricData } from './metric-data.js';
import { benjaminiHochberg } from './stats/distributions.js';

export const DEFAULT_FDR = 0.05;

export interface EngineResult {
  readonly findings: readonly Finding[];
  readonly familySize: number;
  readonly significant: number;
}

export function findFindings(data: MetricData, benchmarks: ReadonlyMap<string, BenchmarkEntry>, fdr = DEFAULT_FDR): EngineResult {
  const candidates: Candidate[] = [
    ...data.series.flatMap(zeroDayCandidates),
    ...data.series.flatMap(anomalyCandidates),
    ...data.dimensionDaily.flatMap(vanishedValueCandidates),
    ...data.segments.flatMap(segmentCandidates),
    ...data.series.flatMap(trendCandidates),
    ...(data.funnel === null ? [] : funnelCandidates(data.funnel)),
    ...data.headlines.flatMap((h) => benchmarkCandidates(h, benchmarks.get(h.benchmark))),
  ];
  const tested = candidates.filter((c) => c.test !== null);
  const qValues = benjaminiHochberg(tested.map((c) => c.test!.p));
  const qOf = new Map(tested.map((c, i) => [c, qValues[i]!]));

  const kept = candidates
    .map((c) => {
      const q = qOf.get(c);
      const significant = q !== undefined && q < fdr && c.belowMinimum === undefined;
      return { c, q, significant };
    })
    .filter(({ c, significant }) => significant || c.keepWhenNotSignificant)
    .map(({ c, q, significant }) => ({ c, q, significant, score: score(c, q, significant) }))
    .sort((a, b) => b.score - a.score || a.c.key.localeCompare(b.c.key));

  const findings = kept.map(({ c, q, significant, score: s }, i): Finding => {
    const change = changeOf(c.value, c.baseline);
    return {
      id: `F${i + 1}`,
      key: c.key,
      kind: c.kind,
      metric: c.metric,
      metric_label: c.metricLabel,
      table: c.table,
      where: c.where,
      unit: c.unit,
      value: c.value,
      baseline: c.baseline,
      baseline_label: c.baselineLabel,
      difference: c.baseline === null ? null : c.value - c.baseline,
      change,
      direction: directionOf(c.value, c.baseline),
      n: c.n,
      interval: c.interval,
      test: c.test === null || q === undefined ? null : { name: c.test.name, statistic: c.test.statistic, p: c.test.p, q },
      significant,
      ...(q !== undefined && q < fdr && c.belowMinimum !== undefined ? { not_significant_because: c.belowMinimum } : {}),
      ...(c.source === undefined ? {} : { source: c.source }),
      summary: c.summary.replace('{q}', q === undefined ? 'not tested' : `${formatQ(q)}${significant ? '' : ', not significant'}`),
      score: Number(s.toFixed(6)),
    };
  });
  return { findings, familySize: tested.length, significant: findings.filter((f) => f.significant).length };
}

/** Significant findings first; then by evidence (-log10 q) times the size of the change and the kind's weight. */
function score(c: Candidate, q: number | undefined, significant: boolean): number {
  const evidence = q === undefined ? 0 : Math.min(30, -Math.log10(Math.max(q, 1e-300)));
  const change = changeOf(c.value, c.baseline);
  const size = change === null ? 1 : Math.min(2, Math.abs(change));
  const base = c.test === null && c.kind === 'gap' ? 20 : evidence * (0.25 + size);
  return (significant || (c.kind === 'gap' && c.test === null) ? 1000 : 0) + base * c.weight;
}
