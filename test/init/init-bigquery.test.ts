/**
 * `pdb init --source bigquery:...` against a local server speaking the BigQuery REST API: the
 * sample comes from tables.get and tabledata.list (no query job, nothing billed, and init says
 * so), the project compiles for BigQuery with no edit, and an unreachable BigQuery is a clear error.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { fixtureEvents } from '../metrics/fixture-events.js';
import { FakeBigQueryServer, type FakeField } from '../support/fake-bigquery-server.js';
import { runCli, tempProject } from '../support/temp-project.js';

const FIELDS: FakeField[] = [
  { name: 'event_date', type: 'STRING' },
  { name: 'event_timestamp', type: 'INTEGER' },
  { name: 'event_name', type: 'STRING' },
  { name: 'user_pseudo_id', type: 'STRING' },
  { name: 'geo', type: 'RECORD', fields: [{ name: 'country', type: 'STRING' }, { name: 'region', type: 'STRING' }] },
  { name: 'traffic_source', type: 'RECORD', fields: [{ name: 'source', type: 'STRING' }] },
  { name: 'event_value_in_usd', type: 'FLOAT' },
];

/** GA4-like daily shards of the fixture events, as BigQuery's wire values (all strings, records as {f}). */
function shards(): Map<string, unknown[][]> {
  const byDay = new Map<string, unknown[][]>();
  for (const e of fixtureEvents({ seed: 9, users: 150, days: 6, countries: ['US', 'DE', 'BR'], emptyDay: 3 })) {
    if (e.event_time_us === null || e.user_id === null) continue;
    const day = new Date(e.event_time_us / 1000).toISOString().slice(0, 10).replaceAll('-', '');
    const row = [day, String(e.event_time_us), e.event_name, e.user_id, { f: [{ v: e.country }, { v: e.region }] }, { f: [{ v: e.channel }] }, e.revenue === null ? null : String(e.revenue)];
    byDay.set(day, [...(byDay.get(day) ?? []), row]);
  }
  return byDay;
}

test('a GA4 wildcard table: a free sample of its newest shards, the project compiles for BigQuery with no edit', async () => {
  const server = await FakeBigQueryServer.start();
  try {
    const days = [...shards()].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [day, rows] of days) server.addTable(`acme.analytics_1.events_${day}`, { fields: FIELDS, rows });
    // The sample spans the newest shards (up to 7), so it holds several days.
    const read = days.slice(-7);
    const total = read.reduce((n, [, rows]) => n + rows.length, 0);
    const dir = await tempProject({});
    const env = { PDB_BIGQUERY_API_ENDPOINT: server.url };
    const init = await runCli(dir, ['init', 'shop', '--source', 'bigquery:acme.analytics_1.events_*'], env);
    assert.is(init.code, 0, init.stderr);
    assert.is(init.stdout.split('\n')[0], `Read ${total} rows of acme.analytics_1.events_${read[0]![0]}..events_${read.at(-1)![0]} (of ${total}) with tables.get and tabledata.list: no query was run, nothing was billed.`);
    assert.match(init.stdout, /\nNext:\n {2}cd shop && pdb build --dry-run {5}# what the build would scan and cost; nothing is billed\n {2}cd shop && pdb build\n$/);
    assert.equal(server.inserts(), [], 'no query job');

    const sources = parse(await readFile(join(dir, 'shop', 'models', 'sources.yml'), 'utf8')) as { sources: { tables: { bigquery: { table: string }; columns: { name: string; data_type: string }[] }[] }[] };
    const table = sources.sources[0]!.tables[0]!;
    assert.equal(table.bigquery, { table: 'acme.analytics_1.events_*' });
    assert.ok(table.columns.some((c) => c.name === 'geo' && c.data_type === 'STRUCT<country STRING, region STRING>'), JSON.stringify(table.columns));
    const mapping = parse(await readFile(join(dir, 'shop', 'mapping.yml'), 'utf8')) as { columns: Record<string, string> };
    assert.equal(
      [mapping.columns['user_id'], mapping.columns['event_time'], mapping.columns['event_name'], mapping.columns['country'], mapping.columns['channel']],
      ["nullif(user_pseudo_id, '')", "{{ timestamp_from_micros('event_timestamp') }}", 'event_name', 'geo.country', 'traffic_source.source'],
    );
    assert.match(await readFile(join(dir, 'shop', 'profiles.yml'), 'utf8'), /target: bq\n[\s\S]*project: acme\n {4}dataset: pdb\n/);

    const compiled = await runCli(join(dir, 'shop'), ['compile'], env);
    assert.is(compiled.code, 0, compiled.stderr);
    assert.match(compiled.stdout, /^Compiled 18 models for target bq \(bigquery/);
  } finally {
    await server.close();
  }
});

test('a BigQuery table that does not exist, and a BigQuery that cannot be reached: exit 2, clear errors, nothing written', async () => {
  const server = await FakeBigQueryServer.start();
  const dir = await tempProject({});
  try {
    const missing = await runCli(dir, ['init', 'shop', '--source', 'bigquery:acme.analytics_1.events'], { PDB_BIGQUERY_API_ENDPOINT: server.url });
    assert.is(missing.code, 2);
    assert.match(missing.stderr, /^--source: error E_INIT_BIGQUERY: cannot read a sample of acme.analytics_1.events from BigQuery: .*Not found: Table acme:analytics_1.events/);
  } finally {
    await server.close();
  }
  // A port nothing listens on: the connection is refused.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const down = await runCli(dir, ['init', 'shop', '--source', 'bigquery:acme.analytics_1.events'], { PDB_BIGQUERY_API_ENDPOINT: `http://127.0.0.1:${port}` });
  assert.is(down.code, 2);
  assert.match(down.stderr, /^--source: error E_INIT_BIGQUERY: cannot read a sample of acme.analytics_1.events from BigQuery: /);
  assert.match(down.stderr, /hint: Check the table name, your credentials/);
  assert.is(down.stdout, '');
});

test.run();
