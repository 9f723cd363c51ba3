/**
 * How a metric value is written for people, as in a dashboard: `pdb show`'s table and the HTML
 * report both format through here, so the same number reads the same everywhere. What a column
 * holds is told by its name, the naming rule of the core metrics (METRICS.md), one `_`-separated
 * word of the name deciding:
 *
 * - rate: `rate`, `ratio`, `share`, `retention`, `conversion` (e.g. `retention_rate`,
 *   `rate_from_start`, `d1_retention`): a fraction, written as a percentage with one decimal.
 * - money: `revenue`, `arpu`, `arpdau`, `arppu`, `ltv` (e.g. `revenue`, `iap_revenue`): two
 *   decimals with thousands separators.
 * - count: `users`, `dau`, `wau`, `mau`, `count`, `events`, `sessions`, `installs`, `payers`,
 *   `purchases`, `logins` (e.g. `new_users`, `dau`): whole numbers with thousands separators.
 * - anything else as it is, fractions cut to six significant digits.
 *
 * Rate wins over money over count (`revenue_share` is a rate). A value that is not a number
 * (`revenue_type`'s 'iap') is written as it is. Machine-readable output
 * (`--output csv|json`) never comes here: it keeps the raw values.
 */
export type ValueKind = 'rate' | 'money' | 'count' | 'other';

const RATE_WORDS = new Set(['rate', 'ratio', 'share', 'retention', 'conversion']);
const MONEY_WORDS = new Set(['revenue', 'arpu', 'arpdau', 'arppu', 'ltv']);
const COUNT_WORDS = new Set(['users', 'dau', 'wau', 'mau', 'count', 'events', 'sessions', 'installs', 'payers', 'purchases', 'logins']);

/** What the column named `column` holds, by the naming rule above. */
export function columnKind(column: string): ValueKind {
  const words = column.toLowerCase().split('_');
  if (words.some((w) => RATE_WORDS.has(w))) return 'rate';
  if (words.some((w) => MONEY_WORDS.has(w))) return 'money';
  if (words.some((w) => COUNT_WORDS.has(w))) return 'count';
  return 'other';
}

/** `value` (a number, or the string an engine gives a big integer or decimal) written for people. */
export function formatValue(value: unknown, kind: ValueKind): string {
  if (value === null || value === undefined) return 'null';
  // Big integers arrive as digit strings that a double would round: separate the digits as they are.
  if (kind === 'count' && (typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value)))) return groupDigits(String(value));
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (Number.isFinite(n)) {
    switch (kind) {
      case 'rate':
        return `${(n * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
      case 'money':
        return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      case 'count':
        if (Number.isInteger(n)) return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
        break;
      case 'other':
        break;
    }
    if (typeof value === 'number') return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function groupDigits(digits: string): string {
  const sign = digits.startsWith('-') ? '-' : '';
  return sign + digits.slice(sign.length).replace(/\B(?=(\d{3})+$)/g, ',');
}
