/** Small builders shared by the reference tests. */
import type { CanonicalEvent, MetricRoles } from '../reference/types.js';

/** Microseconds since the epoch of an ISO instant (with Z or an offset), plus extra microseconds. */
export function us(iso: string, extraUs = 0): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms * 1000 + extraUs;
}

export function event(
  user: string | null,
  time: string | number | null,
  name: string,
  extra: Partial<CanonicalEvent> = {},
): CanonicalEvent {
  return {
    user_id: user,
    event_time_us: typeof time === 'string' ? us(time) : time,
    event_name: name,
    country: null,
    region: null,
    channel: null,
    revenue: null,
    revenue_type: null,
    ...extra,
  };
}

export const ROLES: MetricRoles = {
  timezone: 'UTC',
  activityEvents: 'all',
  newUserEvents: ['first_open'],
  funnel: [
    { name: 'login', events: ['session_start'] },
    { name: 'game_started', events: ['level_start'] },
    { name: 'first_level', events: ['level_complete'] },
  ],
  revenueTypes: { iap: ['in_app_purchase'], ads: ['ad_impression'], subscription: ['subscribe'] },
  geoLevel: 'auto',
};

export function roles(overrides: Partial<MetricRoles> = {}): MetricRoles {
  return { ...ROLES, ...overrides };
}

/** A seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
