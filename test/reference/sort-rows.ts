/** Row order shared by every table: grain columns ascending, numbers numerically, strings by code unit. */

export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function sortByGrain<T extends object>(rows: readonly T[], grain: readonly string[]): T[] {
  return [...rows].sort((a, b) => {
    for (const column of grain) {
      const order = compareValues((a as Record<string, unknown>)[column], (b as Record<string, unknown>)[column]);
      if (order !== 0) return order;
    }
    return 0;
  });
}
