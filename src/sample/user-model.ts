/**
 * One user's profile and lifetime plan, drawn once from a user-seeded Rng: who they are (device,
 * country, acquisition channel), how sticky they are, whether they pay, subscribe or log in, and on
 * which days they come back. The day simulation then plays out each planned day.
 *
 * Return model: a user is active on day n after install with probability
 *   min(0.95, BASE_RETURN * stickiness * channel.retention * n^-DECAY)   (x releaseDay1Lift for n = 1
 * in cohorts from the release day on). Stickiness is a mixture (0, 1, 2, 3 with mean 1), so the same
 * users tend to come back. BASE_RETURN and DECAY fit D1 ~30%, D7 ~8%, D30 ~3%.
 *
 * A user's ids (user_pseudo_id, user_id) are a pure function of (seed, idx), made by the writer.
 */

import { type Rng, createRng, mixSeed, cumulative } from './prng.js';
import type { PlantedFacts } from './sample-options.js';
import {
  ANDROID_BRANDS,
  ANDROID_BRAND_CUMULATIVE,
  CHANNELS,
  CHANNEL_CUMULATIVE,
  COUNTRIES,
  COUNTRY_CUMULATIVE,
  LOCAL_HOUR_CUMULATIVE,
  MEAN_PAY_RATE,
  SUBSCRIPTION_PERIOD_DAYS,
  TABLET_SHARE,
} from './sample-world.js';

export interface UserProfile {
  readonly idx: number;
  /** The user logs in to an account on this day: user_id is set on events from then on; -1: never. */
  readonly loginDay: number;
  readonly installDay: number;
  /** Microseconds into `installDay` of the first_open. */
  readonly installMicros: number;
  readonly platform: 'ANDROID' | 'IOS';
  readonly category: 'mobile' | 'tablet';
  readonly brand: string;
  /** Indices into COUNTRIES, the country's regions, and the region's cities. */
  readonly country: number;
  readonly region: number;
  readonly city: number;
  /** Index into CHANNELS. */
  readonly channel: number;
  readonly stickiness: number;
  /** Chance of an in-app purchase on an active day (0 for most users). */
  readonly spendRate: number;
  readonly seesAds: boolean;
  /** Day of subscription_start, or -1. */
  readonly subscribeDay: number;
  /** Days a weekly renewal is billed (subscription_renew). */
  readonly renewDays: readonly number[];
  /** First day on the new app version. */
  readonly updateDay: number;
  /** Days with sessions, ascending; the first is installDay. */
  readonly activeDays: readonly number[];
}

export const BASE_RETURN = 0.3;
export const DECAY = 0.68;
const MAX_RETURN = 0.95;
/** Stickiness types and how common they are; mean stickiness is 1. */
const STICKINESS = [0, 1, 2, 3] as const;
const STICKINESS_CUMULATIVE = cumulative([40, 30, 20, 10]);
const SPENDER_RATE = [0.015, 0.04, 0.07, 0.1] as const;
const SUBSCRIBER_RATE = [0, 0.002, 0.008, 0.015] as const;
const SPEND_RATE = 0.3;
const RENEW_RATE = 0.8;

export interface UserContext {
  readonly seed: number;
  readonly days: number;
  readonly facts: PlantedFacts;
}

export function createUser(idx: number, installDay: number, ctx: UserContext): UserProfile {
  const rng = createRng(mixSeed(ctx.seed, 1, idx));
  const countryIdx = rng.pick(COUNTRY_CUMULATIVE);
  const country = COUNTRIES[countryIdx] ?? fail('country');
  const region = rng.int(country.regions.length);
  const city = rng.int(country.regions[region]?.cities.length ?? 1);
  const platform = rng.chance(country.iosShare) ? 'IOS' : 'ANDROID';
  const category = rng.chance(TABLET_SHARE) ? 'tablet' : 'mobile';
  const brand = platform === 'IOS' ? 'Apple' : (ANDROID_BRANDS[rng.pick(ANDROID_BRAND_CUMULATIVE)] ?? 'Samsung');
  const channel = rng.pick(CHANNEL_CUMULATIVE);

  const localHour = rng.pick(LOCAL_HOUR_CUMULATIVE);
  const utcHour = (((localHour - country.utcOffset) % 24) + 24) % 24;
  const installMicros = Math.floor((utcHour * 3600 + rng.range(0, 3600)) * 1e6) % 86_400_000_000;

  const type = rng.pick(STICKINESS_CUMULATIVE);
  const stickiness = (STICKINESS[type] ?? 0) * rng.range(0.85, 1.15);
  const channelInfo = CHANNELS[channel] ?? fail('channel');
  // The weak channel's lower return chance is a planted fact: without effects every channel retains alike.
  const channelRetention = ctx.facts.weakChannel === null ? 1 : channelInfo.retention;
  const activeDays = planActiveDays(rng, installDay, stickiness, channelRetention, ctx);
  const payRate = ctx.facts.countryDifferences ? country.payRate : MEAN_PAY_RATE;

  const spender = rng.chance((SPENDER_RATE[type] ?? 0) * payRate);
  const subscriber = rng.chance((SUBSCRIBER_RATE[type] ?? 0) * payRate);
  const subscribeDay = subscriber ? (activeDays[Math.min(activeDays.length - 1, rng.int(3))] ?? installDay) : -1;
  const renewDays: number[] = [];
  if (subscribeDay >= 0) {
    for (let d = subscribeDay + SUBSCRIPTION_PERIOD_DAYS; d < ctx.days && rng.chance(RENEW_RATE); d += SUBSCRIPTION_PERIOD_DAYS) {
      renewDays.push(d);
    }
  }

  const logsIn = rng.chance(0.12 + 0.08 * stickiness);
  const loginDay = logsIn ? (activeDays[rng.int(activeDays.length)] ?? installDay) : -1;
  const release = ctx.facts.releaseDay;
  // Users installed before the release update a few days after it (geometric lag).
  let lag = 0;
  while (lag < 30 && !rng.chance(0.35)) lag++;
  const updateDay = installDay >= release ? installDay : release + lag;

  return {
    idx,
    loginDay,
    installDay,
    installMicros,
    platform,
    category,
    brand,
    country: countryIdx,
    region,
    city,
    channel,
    stickiness,
    spendRate: spender ? SPEND_RATE : 0,
    seesAds: rng.chance(0.75),
    subscribeDay,
    renewDays,
    updateDay,
    activeDays,
  };
}

function planActiveDays(rng: Rng, installDay: number, stickiness: number, channelRetention: number, ctx: UserContext): number[] {
  const days = [installDay];
  const lift = installDay >= ctx.facts.releaseDay ? ctx.facts.releaseDay1Lift : 1;
  for (let n = 1; installDay + n < ctx.days; n++) {
    const p = BASE_RETURN * stickiness * channelRetention * (n === 1 ? lift : 1) * Math.pow(n, -DECAY);
    if (rng.chance(Math.min(MAX_RETURN, p))) days.push(installDay + n);
  }
  return days;
}

function fail(what: string): never {
  throw new Error(`sample world has no ${what} at the drawn index`);
}
