import type { CompiledModel } from '../compile/compiled-model.js';
import { lookbackDaysOf } from '../compile/incremental-since.js';
import type { BuiltRelation } from './state-types.js';

/**
 * An incremental build over daily files or shards recomputes the dates from incremental_since()
 * on (the newest shard read less the lookback), reading the shards from the day before. A shard
 * of an older date that changed since the table was built (rewritten, added late to fill a gap,
 * removed) is never read again, and the table would quietly differ from a full refresh. Such a
 * model is rebuilt in full instead, and so is every incremental model downstream of one rebuilt
 * in full in the same run (its own window would keep what came from the old rows).
 *
 * The shards a table was built from are those its last build read (BuiltRelation.sourceParts). A
 * table recorded before pdb kept them is rebuilt in full once; a table the store has no record of
 * at all is left to the engine (it is new, or the store was moved away).
 *
 * Returns why each model is rebuilt in full, by name; `models` come in build order, `current` is
 * the run's source parts by `source.table` (RunIdentity.sourceParts).
 */
export function rebuiltInFull(
  models: readonly CompiledModel[],
  built: ReadonlyMap<string, BuiltRelation>,
  current: ReadonlyMap<string, ReadonlyMap<string, string>>,
): Map<string, string> {
  const reasons = new Map<string, string>();
  // The model rebuilt in full that each model reads, through views and tables in between.
  const readsRebuilt = new Map<string, string>();
  for (const model of models) {
    const upstream = model.dependsOn.models.map((id) => (reasons.has(id) ? id : readsRebuilt.get(id))).find((id) => id !== undefined);
    if (upstream !== undefined) readsRebuilt.set(model.name, upstream);
    if (model.config.materialized !== 'incremental') continue;
    if (upstream !== undefined) {
      reasons.set(model.name, `${upstream} is rebuilt in full`);
      continue;
    }
    const lookback = lookbackDaysOf(model.sql);
    const before = built.get(model.relation);
    if (lookback === undefined || before === undefined) continue;
    for (const source of model.dependsOn.sources) {
      const now = current.get(source);
      if (now === undefined) continue;
      const then = before.sourceParts?.[source];
      const reason = then === undefined ? `its table was built before pdb kept which shards of ${source} it read` : staleShards(new Map(Object.entries(then)), now, lookback);
      if (reason !== undefined) {
        reasons.set(model.name, reason);
        break;
      }
    }
  }
  return reasons;
}

/** Why shards the incremental window does not read again changed, or undefined when none did. */
function staleShards(allThen: ReadonlyMap<string, string>, allNow: ReadonlyMap<string, string>, lookback: number): string | undefined {
  // GA4's intraday shards change all day and are read only for days after the newest daily one
  // (see shard_filter_between): neither news of an old day nor the newest day read.
  const daily = (parts: ReadonlyMap<string, string>): Map<string, string> => new Map([...parts].filter(([name]) => !INTRADAY.test(name)));
  const then = daily(allThen);
  const now = daily(allNow);
  const dates = [...then.keys()].map(shardDate).filter((d): d is string => d !== undefined).sort();
  const newest = dates.at(-1);
  // Undated files only: the engine already recomputes every date (see incremental_since()).
  if (newest === undefined) return undefined;
  // A shard of this date or later holds rows of the recomputed dates only (one day earlier in
  // another time zone): it is read again by the window.
  const firstReread = addDays(newest, 1 - lookback);
  const changed: string[] = [];
  for (const name of new Set([...then.keys(), ...now.keys()])) {
    const date = shardDate(name);
    if (then.get(name) === now.get(name) || (date !== undefined && date >= firstReread)) continue;
    changed.push(`${name} ${!now.has(name) ? 'was removed' : !then.has(name) ? 'was added' : 'changed'}`);
  }
  if (changed.length === 0) return undefined;
  changed.sort();
  const more = changed.length > 1 ? ` (and ${changed.length - 1} more)` : '';
  return `${changed[0]!}${more}, older than the ${lookback}-day lookback`;
}

const INTRADAY = /intraday_\d{8}[^/]*$/;

/** The date the name of a daily file or shard ends with (events_20260901.parquet, events_20260901), as YYYY-MM-DD. */
export function shardDate(name: string): string | undefined {
  const digits = /(\d{4})(\d{2})(\d{2})[^/]*$/.exec(name);
  if (digits === null) return undefined;
  const date = `${digits[1]}-${digits[2]}-${digits[3]}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date ? undefined : date;
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
