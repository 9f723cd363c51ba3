/** Number formatting shared by the summaries, the template narrative and the placeholders. */
import type { Unit } from './insights-file.js';

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'rate':
      return formatPercent(value);
    case 'currency':
      return Math.abs(value) >= 100 ? value.toLocaleString('en-US', { maximumFractionDigits: 0 }) : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'currency_per_user':
      return value.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 4 });
  }
}

/** 0.297 -> `29.7%`; small rates keep two decimals (0.0123 -> `1.23%`). */
export function formatPercent(value: number): string {
  const pct = value * 100;
  const digits = Math.abs(pct) < 10 ? 2 : 1;
  return `${Number(pct.toFixed(digits))}%`;
}

/** A relative change: 0.25 -> `+25%`, -0.913 -> `-91%`. */
export function formatChange(change: number): string {
  const pct = change * 100;
  const rounded = Math.abs(pct) < 10 ? Number(pct.toFixed(1)) : Math.round(pct);
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}

/** q-values as people read them: `q < 0.001`, `q = 0.012`. */
export function formatQ(q: number): string {
  if (q < 0.001) return 'q < 0.001';
  return `q = ${q < 0.01 ? q.toFixed(3) : q.toFixed(2)}`;
}

export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function weekday(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}
