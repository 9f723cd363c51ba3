/**
 * A count and its noun in the right number, for every message that counts something:
 * `1 row`, `2 rows`, `1,500 rows`; irregular plurals are passed in (`1 query`, `2 queries`).
 */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

/** The word that agrees with a count: `agree(1, 'has', 'have')` is `has`. */
export const agree = (n: number, singular: string, plural: string): string => (n === 1 ? singular : plural);
