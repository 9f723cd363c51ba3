/**
 * Picks the number of users that gives about `targetEvents` events: simulate a pilot population
 * (counting rows, writing nothing) and scale linearly. Events per user do not depend on the
 * number of users, so the estimate is usually within a few percent.
 */

import type { EventSink } from './day-simulation.js';
import { type PopulationConfig, createPopulation, newProgress, simulateDay } from './population.js';

const PILOT_USERS = 4000;

export function usersForTargetEvents(targetEvents: number, config: Omit<PopulationConfig, 'users'>): number {
  const pilot: PopulationConfig = { ...config, users: PILOT_USERS };
  const population = createPopulation(pilot);
  const progress = newProgress(PILOT_USERS);
  let events = 0;
  // Rows planned for the shard after the window are never written: do not count them.
  const counter: EventSink = {
    push: (shard: number) => {
      if (shard < config.days) events++;
    },
  };
  for (let day = 0; day < config.days; day++) simulateDay(population, pilot, day, progress, counter);
  return Math.max(1, Math.round((PILOT_USERS * targetEvents) / Math.max(1, events)));
}
