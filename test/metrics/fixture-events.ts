/**
 * Seeded clickstream fixtures for the correctness proof: a random population plus the edge cases
 * METRICS.md calls out, as canonical events (for the reference) that are also the raw rows (for pdb).
 */
import type { CanonicalEvent } from '../reference/index.js';

/** mulberry32: small, seeded, and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_US = 86_400_000_000;
const HOUR_US = 3_600_000_000;
const START_US = Date.UTC(2026, 2, 1) * 1000; // 2026-03-01, across the US DST change of 2026-03-08

export interface FixtureOptions {
  readonly seed: number;
  readonly users: number;
  readonly days: number;
  /** Each user's country; a single one makes geo fall back to region. */
  readonly countries: readonly string[];
  /** A day index with no events at all (a gap inside the window). */
  readonly emptyDay: number;
}

const CHANNELS = ['organic', 'facebook', 'google', 'tiktok'];
const REGIONS: Record<string, readonly string[]> = { US: ['California', 'Texas', 'New York'], DE: ['Bavaria', 'Berlin'], BR: ['Sao Paulo'], IN: ['Maharashtra', 'Delhi'] };

export function fixtureEvents(options: FixtureOptions): CanonicalEvent[] {
  const random = prng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const events: CanonicalEvent[] = [];
  const push = (user: string | null, time: number | null, name: string, attrs: Partial<CanonicalEvent> = {}): void => {
    events.push({ user_id: user, event_time_us: time, event_name: name, country: null, region: null, channel: null, revenue: null, revenue_type: null, ...attrs });
  };

  for (let u = 0; u < options.users; u += 1) {
    const user = `u${String(u).padStart(5, '0')}`;
    const country = pick(options.countries);
    const region = pick(REGIONS[country] ?? ['Unknown']);
    const channel = random() < 0.1 ? null : pick(CHANNELS);
    let day = Math.floor(random() * options.days);
    if (day === options.emptyDay) day += 1;
    const firstTime = START_US + day * DAY_US + Math.floor(random() * DAY_US);
    // Some users have events before their new-user event (a reinstall, a late first_open).
    if (random() < 0.05) push(user, firstTime - Math.floor(random() * 2 * HOUR_US), 'session_start', { country, region });
    push(user, firstTime, 'first_open', { country: random() < 0.2 ? null : country, region, channel });
    // First-day funnel, sometimes out of order.
    let t = firstTime;
    const steps = ['session_start', 'level_start', 'level_complete', 'in_app_purchase'];
    for (const step of steps) {
      if (random() < 0.3) break;
      t += Math.floor(random() * HOUR_US);
      const time = random() < 0.1 ? firstTime - Math.floor(random() * HOUR_US) : t;
      push(user, time, step, { country, region, channel, ...(step === 'in_app_purchase' ? { revenue: Math.round(random() * 1000) / 100 } : {}) });
    }
    // Return days, decaying.
    for (let d = day + 1; d < options.days; d += 1) {
      if (d === options.emptyDay || random() > 0.35 / Math.sqrt(d - day)) continue;
      const time = START_US + d * DAY_US + Math.floor(random() * DAY_US);
      push(user, time, 'session_start', { country, region, channel: random() < 0.5 ? null : pick(CHANNELS) });
      if (random() < 0.3) push(user, time + 1000, 'ad_impression', { country, region, revenue: Math.round(random() * 500) / 10000 });
      if (random() < 0.05) push(user, time + 2000, 'subscription_start', { revenue: 4.99 });
      if (random() < 0.02) push(user, time + 3000, 'refund', { revenue: -1.5 });
    }
  }
  // Rows that must be dropped, and a near-midnight pair around the reporting zone's date line.
  push(null, START_US + 3 * DAY_US, 'session_start');
  push('u_null_time', null, 'session_start');
  push('u_midnight', START_US + 5 * DAY_US + 7 * HOUR_US + 59 * 60_000_000, 'first_open', { country: options.countries[0]!, region: 'Texas', channel: 'organic' });
  push('u_midnight', START_US + 5 * DAY_US + 8 * HOUR_US + 60_000_000, 'session_start', { country: options.countries[0]!, region: 'Texas' });
  return events;
}
