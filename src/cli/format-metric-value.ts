/**
 * How `pdb show` prints a value for people, by what its column means in the core metrics
 * (docs/metrics.md): rates (`*_rate`, `rate_*`, fractions in [0, 1]) as percentages, money
 * (`revenue`, `arpdau`, `arppu`, `*_revenue`, `revenue_*`) rounded to cents with thousands
 * separators, other fractions to six significant digits. Machine-readable output (`--output csv`
 * or `json`) never goes through here: it keeps the raw values.
 */
export type ColumnKind = 'rate' | 'money' | 'other';

export function columnKind(column: string): ColumnKind {
  const name = column.toLowerCase();
  if (/(^|_)rate($|_)/.test(name)) return 'rate';
  if (/^(revenue|arpdau|arppu|arpu)$|(^|_)revenue($|_)/.test(name)) return 'money';
  return 'other';
}

export function formatMetricValue(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return 'null';
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && kind !== 'other' ? Number(value) : Number.NaN;
  if (Number.isFinite(n)) {
    switch (kind) {
      case 'rate':
        return `${(n * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
      case 'money':
        return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      case 'other':
        return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
    }
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
