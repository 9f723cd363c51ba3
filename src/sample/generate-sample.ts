/**
 * generateSample: a deterministic GA4/Firebase-shaped clickstream of a mobile game, one Parquet
 * file per UTC day (`events_YYYYMMDD.parquet`). Streams day by day: only the day being simulated
 * and the (at most two) days being written are held in memory, plus the users and their plans. The
 * folder is written atomically (sample-folder.ts). See docs/sample-data.md for the planted facts.
 */

import { join } from 'node:path';
import { ParquetShardWriter } from './parquet-writer.js';
import { type PopulationConfig, createPopulation, newProgress, simulateDay } from './population.js';
import { commitWorkFolder, markerOptions, openWorkFolder, removeWorkFolder } from './sample-folder.js';
import { type GenerateSampleOptions, plantedFacts, resolveSampleOptions, shardSuffix } from './sample-options.js';
import { usersForTargetEvents } from './target-events.js';

export type { GenerateSampleOptions } from './sample-options.js';

export interface SampleResult {
  /** The shard paths written, in date order (outDir joined with the file name). */
  readonly files: readonly string[];
  /** Rows written over all shards. */
  readonly events: number;
  readonly users: number;
}

/** Reported after each day is staged. */
export interface SampleProgress {
  /** Days done, 1..days. */
  readonly day: number;
  readonly days: number;
  /** Rows so far. */
  readonly events: number;
}

export async function generateSample(options: GenerateSampleOptions, onProgress?: (progress: SampleProgress) => void): Promise<SampleResult> {
  const o = resolveSampleOptions(options);
  const facts = plantedFacts(o.days, o.effects);
  const base = { days: o.days, startMs: o.startMs, seed: o.seed, facts };
  const users = o.targetEvents === undefined ? o.users : usersForTargetEvents(o.targetEvents, base);
  const config: PopulationConfig = { ...base, users };
  const population = createPopulation(config);

  const work = await openWorkFolder(o.outDir);
  const names: string[] = [];
  let events = 0;
  try {
    const writer = await ParquetShardWriter.open(o.startMs, o.seed, population.users);
    try {
      const progress = newProgress(users);
      for (let day = 0; day < o.days; day++) {
        simulateDay(population, config, day, progress, writer);
        const name = `events_${shardSuffix(o.startMs, day)}.parquet`;
        events += await writer.writeShard(day, join(work, name));
        names.push(name);
        onProgress?.({ day: day + 1, days: o.days, events });
      }
      await writer.drain();
    } finally {
      await writer.close();
    }
    await commitWorkFolder(o.outDir, { generator: 'pdb sample', options: markerOptions(o), events, users, files: names });
  } catch (error) {
    await removeWorkFolder(o.outDir);
    throw error;
  }
  return { files: names.map((name) => join(o.outDir, name)), events, users };
}
