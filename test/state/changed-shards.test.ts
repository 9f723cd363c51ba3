/**
 * Which incremental models a build rebuilds in full because a daily shard their window does not
 * read again changed: the window's edge, the kinds of change, and models downstream of a rebuild.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CompiledModel } from '../../src/compile/compiled-model.js';
import { incrementalSincePlaceholder } from '../../src/compile/incremental-since.js';
import { rebuiltInFull, shardDate } from '../../src/state/changed-shards.js';
import type { BuiltRelation } from '../../src/state/state-types.js';

const SOURCE = 'ga4.events';

const model = (name: string, materialized: string, dependsOn: { models?: string[]; sources?: string[] }, sql = `select * where d >= ${incrementalSincePlaceholder(3, 'last_shard_date')}`): CompiledModel =>
  ({ name, id: name, relation: `main.${name}`, config: { materialized }, dependsOn: { models: dependsOn.models ?? [], sources: dependsOn.sources ?? [] }, sql }) as unknown as CompiledModel;

const shards = (days: readonly number[], changed: ReadonlySet<number> = new Set()): Map<string, string> =>
  new Map(days.map((d) => [`data/events_202609${String(d).padStart(2, '0')}.parquet`, changed.has(d) ? 'new' : 'old']));

const builtFrom = (parts: ReadonlyMap<string, string>, names: readonly string[]): Map<string, BuiltRelation> =>
  new Map(names.map((name) => [`main.${name}`, { target: 't', relation: `main.${name}`, fingerprint: 'f', rows: 1, runId: 'r', sourceParts: { [SOURCE]: Object.fromEntries(parts) } }]));

const DAYS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const stg = model('stg_events', 'incremental', { sources: [SOURCE] });

test('a shard the window reads again (newest less the lookback, plus one) is no reason; one day older is', () => {
  const built = builtFrom(shards(DAYS), ['stg_events']);
  // Newest day 10, lookback 3: incremental_since() is day 7, and shards from day 8 hold only its dates.
  assert.equal(rebuiltInFull([stg], built, new Map([[SOURCE, shards(DAYS, new Set([8, 9, 10]))]])), new Map());
  assert.equal(rebuiltInFull([stg], built, new Map([[SOURCE, shards([...DAYS, 11])]])), new Map(), 'a new day');
  assert.equal(rebuiltInFull([stg], built, new Map([[SOURCE, shards(DAYS, new Set([7]))]])), new Map([['stg_events', 'data/events_20260907.parquet changed, older than the 3-day lookback']]));
});

test("GA4's intraday shards neither count as the newest day nor as changes", () => {
  const withIntraday = (parts: Map<string, string>, digest: string): Map<string, string> => new Map([...parts, ['data/events_intraday_20260911.parquet', digest]]);
  const built = builtFrom(withIntraday(shards(DAYS), 'morning'), ['stg_events']);
  assert.equal(rebuiltInFull([stg], built, new Map([[SOURCE, withIntraday(shards(DAYS, new Set([8])), 'evening')]])), new Map());
});

test('an old shard added or removed is a reason, the first named with how many more', () => {
  const built = builtFrom(shards(DAYS.filter((d) => d !== 4)), ['stg_events']);
  const now = shards(DAYS.filter((d) => d !== 2));
  assert.equal(rebuiltInFull([stg], built, new Map([[SOURCE, now]])).get('stg_events'), 'data/events_20260902.parquet was removed (and 1 more), older than the 3-day lookback');
});

test('models downstream of a rebuild, through views, are rebuilt in full; other models and sources without parts are not', () => {
  const models = [
    stg,
    model('int_days', 'view', { models: ['stg_events'] }, 'select 1'),
    model('int_revenue', 'incremental', { models: ['int_days'] }),
    model('int_users', 'table', { models: ['int_days'] }, 'select 1'),
    model('other', 'incremental', { sources: ['ga4.users'] }),
  ];
  const built = builtFrom(shards(DAYS), ['stg_events', 'int_revenue', 'other']);
  const reasons = rebuiltInFull(models, built, new Map([[SOURCE, shards(DAYS, new Set([1]))]]));
  assert.equal([...reasons.keys()], ['stg_events', 'int_revenue']);
  assert.is(reasons.get('int_revenue'), 'stg_events is rebuilt in full');
});

test('a table the store knows without its shards is rebuilt once; one it does not know is left to the engine', () => {
  const unknownParts = new Map([['main.stg_events', { target: 't', relation: 'main.stg_events', fingerprint: 'f', rows: 1, runId: 'r' }]]);
  assert.equal(rebuiltInFull([stg], unknownParts, new Map([[SOURCE, shards(DAYS)]])).get('stg_events'), `its table was built before pdb kept which shards of ${SOURCE} it read`);
  assert.equal(rebuiltInFull([stg], new Map(), new Map([[SOURCE, shards(DAYS)]])), new Map());
});

test("a shard's date is the eight digits its name ends with, when they are a date", () => {
  assert.is(shardDate('data/events_20260901.parquet'), '2026-09-01');
  assert.is(shardDate('events_intraday_20261030'), '2026-10-30');
  assert.is(shardDate('data/events-000000000000.parquet'), undefined);
  assert.is(shardDate('data/events_20260231.parquet'), undefined);
  assert.is(shardDate('data/2026/events.parquet'), undefined);
});

test.run();
