/**
 * A finding before the run-wide Benjamini-Hochberg step: the numbers and, for a tested finding,
 * its p-value and whether the minimum magnitude and count hold. The engine adds q, significance,
 * the id and the summary's q.
 */
import type { Direction, FindingKind, TestName, Unit } from '../insights-file.js';

export interface Candidate {
  readonly key: string;
  readonly kind: FindingKind;
  readonly metric: string;
  readonly metricLabel: string;
  readonly table: string;
  readonly where: Readonly<Record<string, string>>;
  readonly unit: Unit;
  readonly value: number;
  readonly baseline: number | null;
  readonly baselineLabel: string;
  readonly n: number;
  readonly interval: { readonly low: number; readonly high: number } | null;
  readonly test: { readonly name: TestName; readonly statistic: number; readonly p: number } | null;
  /** Why the finding may not count as significant whatever its q (too small a change or count). */
  readonly belowMinimum?: string;
  /** The summary sentence; `{q}` is replaced by the formatted q-value once known. */
  readonly summary: string;
  /** Weight of the finding's kind in the ranking. */
  readonly weight: number;
  readonly source?: { readonly name: string; readonly year: number; readonly label: string; readonly low: number; readonly high: number };
  /** Keep the finding in the output even when it is not significant. */
  readonly keepWhenNotSignificant: boolean;
}

export function directionOf(value: number, baseline: number | null): Direction {
  if (baseline === null || value === baseline) return 'flat';
  return value > baseline ? 'up' : 'down';
}

export function changeOf(value: number, baseline: number | null): number | null {
  if (baseline === null || baseline === 0) return null;
  return value / baseline - 1;
}
