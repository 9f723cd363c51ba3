/**
 * How many users install on each day: weekends higher, a slow upward trend, a little day-to-day
 * noise, scaled to exactly `users` in total (largest remainder, so counts are whole and stable).
 */

import { createRng, mixSeed } from './prng.js';

/** Relative install volume by UTC weekday, Sunday first. */
const WEEKDAY_WEIGHT: readonly number[] = [1.3, 0.95, 0.9, 0.92, 0.95, 1.08, 1.35];

export function installsPerDay(users: number, days: number, startMs: number, seed: number): readonly number[] {
  const rng = createRng(mixSeed(seed, 0x1a57a11));
  const weights: number[] = [];
  for (let d = 0; d < days; d++) {
    const weekday = new Date(startMs + d * 86_400_000).getUTCDay();
    const trend = 1 + (0.3 * d) / Math.max(1, days);
    weights.push((WEEKDAY_WEIGHT[weekday] ?? 1) * trend * rng.range(0.92, 1.08));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * users);
  const counts = exact.map(Math.floor);
  let left = users - counts.reduce((a, b) => a + b, 0);
  // Hand the remaining users to the days with the largest fractional parts (ties: earlier day).
  const order = exact.map((x, d) => ({ d, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.d - b.d);
  for (const { d } of order) {
    if (left === 0) break;
    counts[d] = (counts[d] ?? 0) + 1;
    left--;
  }
  return counts;
}
