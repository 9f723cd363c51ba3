/**
 * Plays out one user's active day: 1-4 sessions, each a sequence of events in time order
 * (first_open and the tutorial on the very first session, then levels in sequence, ads between
 * levels, a purchase for spenders, user_engagement at the end). Events go to an EventSink as flat
 * rows; the writer builds the nested GA4 columns from them.
 *
 * Planted facts applied here: on the outage day each event is kept with probability
 * `outageKeepRate`; on the promotion day the purchase chance is multiplied. A few sessions (not a
 * user's first) are uploaded late: their rows go to the next day's shard with their true timestamp.
 */

import { EV } from './event-names.js';
import { type Rng, cumulative } from './prng.js';
import type { PlantedFacts } from './sample-options.js';
import {
  AD_UNITS,
  COUNTRIES,
  IAP_CUMULATIVE,
  IAP_PRODUCTS,
  INTERSTITIAL_UNITS,
  LOCAL_HOUR_CUMULATIVE,
  MEAN_AD_PRICE,
  REWARDED_UNITS,
  SUBSCRIPTION,
  SUBSCRIPTION_PRODUCT,
  type Country,
} from './sample-world.js';
import type { UserProfile } from './user-model.js';

/**
 * Where simulated events go, one flat row per call (no object per event: there are millions).
 * `shard` is the day index of the file the row lands in: the event's own day, or the next if the
 * session was uploaded late. `micros` is microseconds since epoch, UTC (exact in a double until
 * year 2255). Outside a session `sessionId` and `sessionNumber` are -1. `x` is the one number an
 * event carries: engagement msec, level, or the `value` param (local-currency price for purchases,
 * USD for ad impressions), else -1. `item` is the product index (purchases, subscriptions) or the
 * AD_UNITS index (ad impressions), else 0.
 */
export interface EventSink {
  push(shard: number, user: number, micros: number, ev: number, sessionId: number, sessionNumber: number, x: number, item: number): void;
}

export interface DayContext {
  readonly day: number;
  /** Microseconds since epoch of this day's 00:00 UTC. */
  readonly dayStartMicros: number;
  readonly facts: PlantedFacts;
}

/** Per-user progress carried from day to day, indexed by user idx; owned by one generator run. */
export interface PlayerProgress {
  readonly level: Int32Array;
  readonly sessions: Int32Array;
}

const DAY_MICROS = 86_400_000_000;
const SECOND = 1_000_000;
const LATE_SESSION_RATE = 0.006;
const INSTALL_DAY_SESSIONS = cumulative([55, 28, 12, 5]);
const CASUAL_SESSIONS = cumulative([50, 30, 13, 7]);
const REGULAR_SESSIONS = cumulative([30, 34, 21, 15]);

export function simulateUserDay(
  user: UserProfile,
  ctx: DayContext,
  progress: PlayerProgress,
  rng: Rng,
  sink: EventSink,
): void {
  const country = COUNTRIES[user.country] ?? COUNTRIES[0]!;
  const isInstallDay = ctx.day === user.installDay;
  const table = isInstallDay ? INSTALL_DAY_SESSIONS : user.stickiness < 1.5 ? CASUAL_SESSIONS : REGULAR_SESSIONS;
  const sessionCount = 1 + rng.pick(table);

  const starts: number[] = [];
  for (let s = isInstallDay ? 1 : 0; s < sessionCount; s++) {
    starts.push(isInstallDay ? rng.range(user.installMicros, DAY_MICROS) : sessionTime(rng, country));
  }
  starts.sort((a, b) => a - b);
  if (isInstallDay) starts.unshift(user.installMicros);

  const promo = ctx.day === ctx.facts.promoDay ? ctx.facts.promoMultiplier : 1;
  const buysToday = user.spendRate > 0 && rng.chance(Math.min(0.95, user.spendRate * promo));
  const purchaseSession = buysToday ? rng.int(starts.length) : -1;

  let previousEnd = -Infinity;
  for (let s = 0; s < starts.length; s++) {
    const start = Math.floor(Math.max(starts[s] ?? 0, previousEnd + 60 * SECOND));
    const firstEver = isInstallDay && s === 0;
    // The install session always happens (its first_open is the user's first touch), however late.
    if (!firstEver && start >= DAY_MICROS - 60 * SECOND) break;
    const late = !firstEver && rng.chance(LATE_SESSION_RATE);
    const session: SessionPlan = {
      start,
      firstEver,
      shard: late ? ctx.day + 1 : ctx.day,
      purchase: s === purchaseSession,
      subscribe: s === 0 && ctx.day === user.subscribeDay,
    };
    previousEnd = playSession(user, country, ctx, progress, rng, sink, session);
  }
}

/** A subscription renewal is billed by the store whether or not the user opens the app. */
export function simulateRenewal(user: UserProfile, ctx: DayContext, rng: Rng, sink: EventSink): void {
  const country = COUNTRIES[user.country] ?? COUNTRIES[0]!;
  const at = Math.floor(rng.range(0, DAY_MICROS));
  if (ctx.day === ctx.facts.outageDay && !rng.chance(ctx.facts.outageKeepRate)) return;
  sink.push(ctx.day, user.idx, ctx.dayStartMicros + at, EV.subscription_renew, -1, -1, localPrice(SUBSCRIPTION.usd, country), SUBSCRIPTION_PRODUCT);
}

interface SessionPlan {
  readonly start: number;
  readonly firstEver: boolean;
  readonly shard: number;
  readonly purchase: boolean;
  readonly subscribe: boolean;
}

/** Emits one session's events; returns when it ended (microseconds into the day). */
function playSession(
  user: UserProfile,
  country: Country,
  ctx: DayContext,
  progress: PlayerProgress,
  rng: Rng,
  sink: EventSink,
  plan: SessionPlan,
): number {
  const sessionNumber = (progress.sessions[user.idx] ?? 0) + 1;
  progress.sessions[user.idx] = sessionNumber;
  const sessionId = Math.floor((ctx.dayStartMicros + plan.start) / SECOND);
  const outage = ctx.day === ctx.facts.outageDay;
  let t = plan.start;
  let cut = false;

  /** `x` and `item` as in EventSink.push. */
  const emit = (ev: number, x = -1, item = 0): void => {
    // A session running past midnight UTC is cut there: the day's shard holds only its own day.
    if (t >= DAY_MICROS) cut = true;
    if (cut) return;
    if (outage && !rng.chance(ctx.facts.outageKeepRate)) return;
    sink.push(plan.shard, user.idx, ctx.dayStartMicros + Math.floor(t), ev, sessionId, sessionNumber, x, item);
  };
  const wait = (loSeconds: number, hiSeconds: number): void => {
    t += Math.floor(rng.range(loSeconds, hiSeconds) * SECOND);
  };

  const playLevel = (): 'complete' | 'fail' | 'quit' => {
    const level = (progress.level[user.idx] ?? 0) + 1;
    wait(2, 10);
    emit(EV.level_start, level);
    wait(30, 180);
    if (rng.chance(0.04)) return 'quit';
    const complete = rng.chance(level <= 3 ? 0.92 : Math.max(0.45, 0.88 - 0.012 * level));
    emit(complete ? EV.level_complete : EV.level_fail, level);
    if (complete) progress.level[user.idx] = level;
    return complete ? 'complete' : 'fail';
  };
  const showAd = (units: readonly number[]): void => {
    const item = units[rng.int(units.length)] ?? 0;
    const unit = AD_UNITS[item] ?? AD_UNITS[0]!;
    wait(1, 4);
    const adPrice = ctx.facts.countryDifferences ? country.adPrice : MEAN_AD_PRICE;
    emit(EV.ad_impression, round(unit.usd * adPrice * rng.range(0.6, 1.6), 6), item);
    wait(5, unit.format === 'Rewarded' ? 30 : 15);
  };
  const purchase = (): void => {
    const item = rng.pick(IAP_CUMULATIVE);
    const product = IAP_PRODUCTS[item] ?? IAP_PRODUCTS[0]!;
    wait(5, 40);
    emit(EV.in_app_purchase, localPrice(product.usd, country), item);
  };

  if (plan.firstEver) {
    emit(EV.first_open);
    wait(0.2, 1.5);
  }
  emit(EV.session_start);
  if (plan.subscribe) {
    wait(20, 90);
    emit(EV.subscription_start, localPrice(SUBSCRIPTION.usd, country), SUBSCRIPTION_PRODUCT);
  }

  let plays = true;
  if (plan.firstEver) {
    // The first-day funnel: tutorial_begin -> tutorial_complete -> level_start -> level_complete.
    wait(3, 15);
    if (rng.chance(0.92)) {
      emit(EV.tutorial_begin);
      let completed: boolean;
      if (rng.chance(0.07)) {
        // Out of order: the player jumps into level 1 before finishing the tutorial.
        playLevel();
        wait(5, 30);
        completed = rng.chance(0.8);
      } else {
        wait(40, 120);
        completed = rng.chance(0.82);
      }
      if (completed) emit(EV.tutorial_complete);
      plays = completed || rng.chance(0.3);
    } else {
      plays = rng.chance(0.5);
    }
  }

  const attempts = plays ? 1 + rng.int(2 + 2 * user.stickiness) : 0;
  const purchaseAfter = plan.purchase ? rng.int(Math.max(1, attempts)) : -1;
  if (plan.purchase && attempts === 0) purchase();
  for (let a = 0; a < attempts && !cut; a++) {
    const outcome = playLevel();
    if (outcome === 'quit') break;
    if (user.seesAds && outcome === 'fail' && rng.chance(0.3)) showAd(REWARDED_UNITS);
    else if (user.seesAds && (progress.level[user.idx] ?? 0) >= 3 && rng.chance(0.35)) showAd(INTERSTITIAL_UNITS);
    if (a === purchaseAfter) purchase();
  }
  wait(1, 5);
  emit(EV.user_engagement, Math.max(1, Math.round((t - plan.start) / 1000)));
  return Math.min(t, DAY_MICROS);
}

function sessionTime(rng: Rng, country: Country): number {
  const localHour = rng.pick(LOCAL_HOUR_CUMULATIVE);
  const utcHour = (((localHour - country.utcOffset) % 24) + 24) % 24;
  return Math.floor((utcHour * 3600 + rng.range(0, 3600)) * SECOND) % DAY_MICROS;
}

/** A USD price in the user's currency, rounded as stores do (whole units for JPY and IDR). */
function localPrice(usd: number, country: Country): number {
  return country.usdRate >= 100 ? Math.round(usd * country.usdRate) : round(usd * country.usdRate, 2);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
