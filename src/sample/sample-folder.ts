/**
 * The sample folder, written atomically as a whole: shards are written into a hidden work folder
 * inside it, then moved into place, and a marker file (`pdb-sample.json`, written last) says the
 * folder is complete and with which options it was made. A killed run leaves no marker, so
 * `pdb sample --if-missing` regenerates; a reader's glob over `events_*.parquet` never sees the
 * work folder's files.
 */

import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedSampleOptions } from './sample-options.js';

export const SAMPLE_MARKER = 'pdb-sample.json';
const WORK_FOLDER = '.pdb-sample-partial';
const SHARD_NAME = /^events_\d{8}\.parquet$/;
/** Per-file temporaries of earlier versions of the generator. */
const LEGACY_TEMP_NAME = /^\.events_\d{8}\.parquet\.tmp$/;

/** What the marker records: the options that decide the content, and the result. */
export interface SampleMarker {
  readonly generator: 'pdb sample';
  readonly options: MarkerOptions;
  readonly events: number;
  readonly users: number;
  /** Shard file names, in date order. */
  readonly files: readonly string[];
}

export interface MarkerOptions {
  readonly users: number;
  readonly days: number;
  readonly startDate: string;
  readonly seed: number;
  readonly targetEvents: number | null;
  readonly effects: boolean;
}

export function markerOptions(o: ResolvedSampleOptions): MarkerOptions {
  return { users: o.users, days: o.days, startDate: o.startDate, seed: o.seed, targetEvents: o.targetEvents ?? null, effects: o.effects };
}

/** Creates `outDir` and an empty work folder in it (a killed run's leftovers are removed first). */
export async function openWorkFolder(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const work = join(outDir, WORK_FOLDER);
  await rm(work, { recursive: true, force: true });
  await removeMatching(outDir, (name) => LEGACY_TEMP_NAME.test(name));
  await mkdir(work);
  return work;
}

export async function removeWorkFolder(outDir: string): Promise<void> {
  await rm(join(outDir, WORK_FOLDER), { recursive: true, force: true });
}

/**
 * Moves the finished shards from the work folder into `outDir`, deletes shards of an earlier run
 * that this one did not write (they would join a glob over the folder), and writes the marker last.
 * The old marker goes first: if this is interrupted, the folder is not taken for complete.
 */
export async function commitWorkFolder(outDir: string, marker: SampleMarker): Promise<void> {
  const work = join(outDir, WORK_FOLDER);
  await rm(join(outDir, SAMPLE_MARKER), { force: true });
  for (const name of marker.files) await rename(join(work, name), join(outDir, name));
  const written = new Set(marker.files);
  await removeMatching(outDir, (name) => SHARD_NAME.test(name) && !written.has(name));
  const temp = join(work, SAMPLE_MARKER);
  await writeFile(temp, `${JSON.stringify(marker, null, 2)}\n`);
  await rename(temp, join(outDir, SAMPLE_MARKER));
  await rm(work, { recursive: true, force: true });
}

/** The marker of a complete sample in `dir` (every shard it lists present), or undefined. */
export async function completeSample(dir: string): Promise<SampleMarker | undefined> {
  let marker: SampleMarker;
  try {
    marker = JSON.parse(await readFile(join(dir, SAMPLE_MARKER), 'utf8')) as SampleMarker;
  } catch {
    return undefined;
  }
  if (marker.generator !== 'pdb sample' || !Array.isArray(marker.files) || marker.files.length === 0) return undefined;
  for (const name of marker.files) {
    if (typeof name !== 'string' || !SHARD_NAME.test(name)) return undefined;
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info === undefined || !info.isFile()) return undefined;
  }
  return marker;
}

async function removeMatching(dir: string, matches: (name: string) => boolean): Promise<void> {
  for (const name of await readdir(dir)) {
    if (matches(name)) await rm(join(dir, name), { force: true });
  }
}
