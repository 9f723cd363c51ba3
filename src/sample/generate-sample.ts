/**
 * generateSample: a deterministic GA4/Firebase-shaped clickstream of a mobile game, one Parquet
 * file per UTC day (`events_YYYYMMDD.parquet`). Streams day by day: only one day's rows are held
 * in memory, plus the users and their plans. See docs/sample-data.md for the planted facts.
 */

import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ParquetShardWriter } from './parquet-writer.js';
import { type PopulationConfig, createPopulation, newProgress, simulateDay } from './population.js';
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

const SHARD_NAME = /^events_\d{8}\.parquet$/;
const TEMP_NAME = /^\.events_\d{8}\.parquet\.tmp$/;

export async function generateSample(options: GenerateSampleOptions): Promise<SampleResult> {
  const o = resolveSampleOptions(options);
  const facts = plantedFacts(o.days, o.effects);
  const base = { days: o.days, startMs: o.startMs, seed: o.seed, facts };
  const users = o.targetEvents === undefined ? o.users : usersForTargetEvents(o.targetEvents, base);
  const config: PopulationConfig = { ...base, users };
  const population = createPopulation(config);

  await mkdir(o.outDir, { recursive: true });
  // Temp files of a killed earlier run are garbage: nothing ever reads them.
  await removeMatching(o.outDir, (name) => TEMP_NAME.test(name));

  const writer = await ParquetShardWriter.open(o.startMs, o.seed, population.users);
  const files: string[] = [];
  let events = 0;
  try {
    const progress = newProgress(users);
    for (let day = 0; day < o.days; day++) {
      simulateDay(population, config, day, progress, writer);
      const name = `events_${shardSuffix(o.startMs, day)}.parquet`;
      events += await writer.writeShard(day, o.outDir, name);
      files.push(join(o.outDir, name));
    }
  } finally {
    writer.close();
  }
  // Shards of an earlier, longer run would silently join a glob over the folder: remove them.
  const written = new Set(files.map((f) => f.slice(f.lastIndexOf('events_'))));
  await removeMatching(o.outDir, (name) => SHARD_NAME.test(name) && !written.has(name));
  return { files, events, users };
}

async function removeMatching(dir: string, matches: (name: string) => boolean): Promise<void> {
  for (const name of await readdir(dir)) {
    if (matches(name)) await rm(join(dir, name), { force: true });
  }
}
