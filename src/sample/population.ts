/**
 * All users of a run and the calendar of who is active (or billed) on which day, plus the step that
 * simulates one whole day of them. Each user-day draws from its own Rng (seed, user, day), so the
 * output does not depend on the order users are visited in.
 */

import { type DayContext, type EventSink, type PlayerProgress, simulateRenewal, simulateUserDay } from './day-simulation.js';
import { installsPerDay } from './install-schedule.js';
import { createRng, mixSeed } from './prng.js';
import type { PlantedFacts } from './sample-options.js';
import { type UserProfile, createUser } from './user-model.js';

export interface Population {
  readonly users: readonly UserProfile[];
  /** User indices with sessions on each day (ascending). */
  readonly activeByDay: readonly (readonly number[])[];
  /** User indices billed a subscription renewal on each day. */
  readonly renewByDay: readonly (readonly number[])[];
}

export interface PopulationConfig {
  readonly users: number;
  readonly days: number;
  readonly startMs: number;
  readonly seed: number;
  readonly facts: PlantedFacts;
}

export function createPopulation(config: PopulationConfig): Population {
  const counts = installsPerDay(config.users, config.days, config.startMs, config.seed);
  const users: UserProfile[] = [];
  const activeByDay: number[][] = Array.from({ length: config.days }, () => []);
  const renewByDay: number[][] = Array.from({ length: config.days }, () => []);
  counts.forEach((count, day) => {
    for (let i = 0; i < count; i++) {
      const user = createUser(users.length, day, config);
      users.push(user);
      for (const d of user.activeDays) activeByDay[d]?.push(user.idx);
      for (const d of user.renewDays) renewByDay[d]?.push(user.idx);
    }
  });
  return { users, activeByDay, renewByDay };
}

export function newProgress(users: number): PlayerProgress {
  return { level: new Int32Array(users), sessions: new Int32Array(users) };
}

/** Simulates every user of `day` into the sink. Days must be simulated in order (progress carries). */
export function simulateDay(
  population: Population,
  config: PopulationConfig,
  day: number,
  progress: PlayerProgress,
  sink: EventSink,
): void {
  const ctx: DayContext = { day, dayStartMicros: (config.startMs + day * 86_400_000) * 1000, facts: config.facts };
  for (const idx of population.activeByDay[day] ?? []) {
    const user = population.users[idx];
    if (user !== undefined) simulateUserDay(user, ctx, progress, createRng(mixSeed(config.seed, 2, idx, day)), sink);
  }
  for (const idx of population.renewByDay[day] ?? []) {
    const user = population.users[idx];
    if (user !== undefined) simulateRenewal(user, ctx, createRng(mixSeed(config.seed, 3, idx, day)), sink);
  }
}
