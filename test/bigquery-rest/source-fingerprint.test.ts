/**
 * A BigQuery source's fingerprint is its table metadata (tables.get: modification time, rows,
 * bytes, schema), for a wildcard source that of every shard tables.list names: the same metadata
 * gives the same fingerprint, a changed shard or a new one another, so a build skips the models
 * of an unchanged source and rebuilds those of a changed one. Against the local server that
 * speaks BigQuery's REST API.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SourceTable } from '../../src/project/types.js';
import { FakeBigQueryServer } from '../support/fake-bigquery-server.js';
import { runCli, tempProject } from '../support/temp-project.js';
import { PROJECT, startHarness } from './harness.js';

const FIELDS = [{ name: 'user_id', type: 'STRING' }, { name: 'event_name', type: 'STRING' }];

const source = (table: string): SourceTable => ({ sourceName: 'ga4', name: 'events', bigquery: { table }, columns: [], location: { file: 'models/sources.yml', line: 1, column: 1 } });
const shard = (day: string): string => `${PROJECT}.analytics.events_${day}`;

test('a wildcard source: the same shards give the same fingerprint; a changed time, row count, schema or a new shard another', async () => {
  const h = await startHarness();
  try {
    h.server.addTable(shard('20261001'), { numRows: 10, numBytes: 1000, fields: FIELDS, lastModifiedTime: 1_790_000_000_000 });
    h.server.addTable(shard('20261002'), { numRows: 12, numBytes: 1200, fields: FIELDS, lastModifiedTime: 1_790_000_100_000 });
    h.server.addTable(`${PROJECT}.analytics.users`, { numRows: 5, lastModifiedTime: 1_790_000_000_000 });
    const wildcard = source(`${PROJECT}.analytics.events_*`);
    const parts = async () => (await h.adapter.fingerprintSource(wildcard, (text) => text))?.parts;
    const fingerprint = async () => (await h.adapter.fingerprintSource(wildcard, (text) => text))?.digest ?? null;
    const first = await fingerprint();
    assert.type(first, 'string');
    assert.is(await fingerprint(), first, 'same metadata, same fingerprint');
    const seen = new Set([first]);
    const differs = async (what: string): Promise<void> => {
      const now = await fingerprint();
      assert.ok(now !== null && !seen.has(now), what);
      seen.add(now);
    };
    h.server.touchTable(shard('20261002'), { lastModifiedTime: 1_790_000_200_000 });
    await differs('a shard modified later');
    h.server.touchTable(shard('20261002'), { numRows: 13, lastModifiedTime: 1_790_000_200_000 });
    await differs('a shard with more rows, same modification time');
    h.server.touchTable(shard('20261001'), { fields: [...FIELDS, { name: 'platform', type: 'STRING' }], lastModifiedTime: 1_790_000_000_000 });
    await differs('a shard with another schema');
    h.server.addTable(shard('20261003'), { numRows: 9, fields: FIELDS, lastModifiedTime: 1_790_000_300_000 });
    const before = await parts();
    await differs('a new shard');
    // Each shard's own digest: the new one is added, the others keep theirs.
    const after = await parts();
    assert.equal([...after!.keys()], ['events_20261001', 'events_20261002', 'events_20261003']);
    assert.equal([...before!].filter(([id]) => after!.get(id) !== before!.get(id)), [], 'the shards that did not change keep their digest');
    // tables.list named the shards, tables.get read each: metadata only, no query job.
    assert.is(h.server.inserts().length, 0);
  } finally {
    await h.close();
  }
});

test('a single table is fingerprinted by its own metadata; a missing table or a wildcard matching nothing has none', async () => {
  const h = await startHarness();
  try {
    h.server.addTable(`${PROJECT}.analytics.users`, { numRows: 5, fields: FIELDS, lastModifiedTime: 1_790_000_000_000 });
    const users = source(`${PROJECT}.analytics.users`);
    const single = await h.adapter.fingerprintSource(users, (text) => text);
    assert.is(single?.parts, undefined, 'one table has no parts');
    const before = single?.digest;
    assert.type(before, 'string');
    h.server.touchTable(`${PROJECT}.analytics.users`, { lastModifiedTime: 1_790_000_000_001 });
    assert.is.not((await h.adapter.fingerprintSource(users, (text) => text))?.digest, before);
    assert.is(await h.adapter.fingerprintSource(source(`${PROJECT}.analytics.missing`), (text) => text), null);
    assert.is(await h.adapter.fingerprintSource(source(`${PROJECT}.analytics.events_*`), (text) => text), null);
  } finally {
    await h.close();
  }
});

const PROFILES = 'target: bq\ntargets:\n  bq:\n    type: bigquery\n    project: proj\n    dataset: core\n    location: EU\n';
const FILES = {
  'project.yml': 'name: t\nmodels:\n  +materialized: table\n',
  'profiles.yml': PROFILES,
  'models/sources.yml': 'sources:\n  - name: ga4\n    tables:\n      - name: events\n        bigquery: { table: "src-proj.analytics.events_*" }\n',
  'models/stg.sql': "select user_id, event_name from {{ source('ga4', 'events') }}\n",
  'models/users.sql': "select count(distinct user_id) as users from {{ ref('stg') }}\n",
};

test('a BigQuery build skips its models while the source is unchanged and rebuilds them when a shard changes', async () => {
  const server = await FakeBigQueryServer.start();
  try {
    server.addTable('src-proj.analytics.events_20261001', { numRows: 10, fields: FIELDS, lastModifiedTime: 1_790_000_000_000 });
    server.rowsFor = () => 3;
    const dir = await tempProject(FILES);
    const env = { PDB_BIGQUERY_API_ENDPOINT: server.url };
    const build = async (): Promise<number> => {
      const before = server.inserts().length;
      const result = await runCli(dir, ['build', '--threads', '1'], env);
      assert.is(result.code, 0, result.stdout + result.stderr);
      return server.inserts().length - before;
    };
    assert.is(await build(), 2, 'the first build runs both models');
    assert.is(await build(), 0, 'nothing changed: no job at all');
    server.touchTable('src-proj.analytics.events_20261001', { numRows: 11, lastModifiedTime: 1_790_000_500_000 });
    assert.is(await build(), 2, 'the shard changed: both models again');
    assert.is(await build(), 0);
    server.addTable('src-proj.analytics.events_20261002', { numRows: 4, fields: FIELDS, lastModifiedTime: 1_790_000_600_000 });
    assert.is(await build(), 2, 'a new shard arrived');
  } finally {
    await server.close();
  }
});

test.run();
