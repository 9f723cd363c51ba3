/**
 * Gaps: dates of the window with no activity at all, and dimension values that stop reporting (a
 * channel or country with new users most days that then has none). A run of L zero days is tested
 * against how often the value reports at all on its other days (share s: p = (1 - s)^L), which
 * tells a source that vanished from a small value whose zeros are expected (true zeros).
 */
import type { DailySeries, DimensionDaily } from '../metric-data.js';
import type { Candidate } from './candidate.js';

/** Runs shorter than this are not reported. */
const MIN_RUN = 3;
/** Values with fewer new users than this over the window are too small to judge. */
const MIN_TOTAL = 20;

export function zeroDayCandidates(series: DailySeries): Candidate[] {
  if (series.metric !== 'dau') return [];
  return series.points
    .filter((p) => p.value === 0)
    .map((p): Candidate => ({
      key: `gap:dau:event_date=${p.date}`,
      kind: 'gap',
      metric: 'dau',
      metricLabel: series.label,
      table: series.table,
      where: { event_date: p.date },
      unit: 'count',
      value: 0,
      baseline: null,
      baselineLabel: 'any activity',
      n: 0,
      interval: null,
      test: null,
      summary: `No user was active on ${p.date}: the data has a hole that day (a missing export or an outage), not a real zero.`,
      weight: 3,
      keepWhenNotSignificant: true,
    }));
}

export function vanishedValueCandidates(daily: DimensionDaily): Candidate[] {
  const dates = daily.dates.slice(0, -1); // the last day may be incomplete
  const segments = [...new Set(daily.rows.map((r) => r.segment))].sort();
  const out: Candidate[] = [];
  for (const segment of segments) {
    const byDate = new Map(daily.rows.filter((r) => r.segment === segment).map((r) => [r.date, r.count]));
    const counts = dates.map((d) => byDate.get(d) ?? 0);
    const first = counts.findIndex((c) => c > 0);
    const total = counts.reduce((s, c) => s + c, 0);
    if (first < 0 || total < MIN_TOTAL) continue;
    const run = longestZeroRun(counts, first);
    if (run.length < MIN_RUN) continue;
    // Tested against the value's own presence: on what share of its other days did it report at
    // all? (1 - share)^L is the chance of L silent days in a row if days were independent.
    const otherDays = counts.length - first - run.length;
    const present = counts.slice(first).filter((c) => c > 0).length;
    const share = otherDays > 0 ? present / otherDays : 0;
    const p = Math.max(0, 1 - share) ** run.length;
    const mean = present > 0 ? total / otherDays : 0;
    const untilEnd = run.start + run.length === counts.length;
    const from = dates[run.start]!;
    const to = dates[run.start + run.length - 1]!;
    out.push({
      key: `gap:${daily.metric}:${daily.dimension}=${segment}`,
      kind: 'gap',
      metric: `${daily.metric}_reporting`,
      metricLabel: `New users of ${daily.dimension} ${segment}`,
      table: daily.table,
      where: { [daily.dimension]: segment, from, to },
      unit: 'count',
      value: 0,
      baseline: mean,
      baselineLabel: 'its mean new users per day on the other days',
      n: run.length,
      interval: null,
      test: { name: 'zero_run', statistic: share, p },
      summary: untilEnd
        ? `${capital(daily.dimension)} ${segment} stopped reporting: no new users from ${from} to the end of the window (${run.length} days) after about ${mean.toFixed(1)} a day ({q}).`
        : `${capital(daily.dimension)} ${segment} had no new users from ${from} to ${to} (${run.length} days) after about ${mean.toFixed(1)} a day ({q}).`,
      weight: 2,
      keepWhenNotSignificant: false,
    });
  }
  return out;
}

function longestZeroRun(counts: readonly number[], from: number): { start: number; length: number } {
  let best = { start: from, length: 0 };
  let start = -1;
  for (let i = from; i <= counts.length; i++) {
    const zero = i < counts.length && counts[i] === 0;
    if (zero && start < 0) start = i;
    if (!zero && start >= 0) {
      if (i - start > best.length) best = { start, length: i - start };
      start = -1;
    }
  }
  return best;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
