import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFloor } from './floor-child.js';
import { floorSql } from './floor-query.js';

const param = (key: string, kind: 'int' | 'double', value: number): string =>
  `{'key': '${key}', 'value': {'string_value': null::varchar, 'int_value': ${kind === 'int' ? value : 'null'}::bigint, 'float_value': null::double, 'double_value': ${kind === 'double' ? value : 'null'}::double}}`;

/** Five GA4-shaped events in two Parquet files; revenue counts the ad `value` of ad_impression only. */
async function writeFixture(dir: string): Promise<void> {
  const row = (user: string | null, micros: number, name: string, country: string | null, region: string | null, source: string, usd: number | null, params: string[]): string =>
    `select ${user === null ? 'null' : `'${user}'`}::varchar as user_pseudo_id, ${micros}::bigint as event_timestamp, '${name}' as event_name, ` +
    `{'country': ${country === null ? 'null' : `'${country}'`}::varchar, 'region': ${region === null ? 'null' : `'${region}'`}::varchar} as geo, {'source': '${source}'} as traffic_source, ` +
    `${usd === null ? 'null' : usd}::double as event_value_in_usd, ${params.length === 0 ? `[]::struct("key" varchar, "value" struct(string_value varchar, int_value bigint, float_value double, double_value double))[]` : `[${params.join(', ')}]`} as event_params`;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const day1 = [
    row('u1', 1_000_000, 'first_open', 'US', 'CA', 'google', null, [param('level', 'int', 3)]),
    row('u1', 2_000_000, 'ad_impression', 'US', 'CA', 'google', null, [param('ad_unit', 'int', 7), param('value', 'double', 0.25)]),
    row('u2', 500_000, 'ad_impression', 'DE', 'BY', 'organic', null, [param('value', 'int', 2)]),
  ];
  const day2 = [
    row('u2', 3_000_000, 'in_app_purchase', 'DE', 'BE', 'organic', 1.99, []),
    row('u3', 4_000_000, 'session_start', null, null, 'organic', null, [param('value', 'double', 100)]),
  ];
  await connection.run(`copy (${day1.join(' union all ')}) to '${join(dir, 'events_20260101.parquet')}' (format parquet)`);
  await connection.run(`copy (${day2.join(' union all ')}) to '${join(dir, 'events_20260102.parquet')}' (format parquet)`);
  connection.closeSync();
  instance.closeSync();
}

test('the floor reads every column the models need and aggregates each', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-floor-'));
  try {
    await writeFixture(dir);
    const { querySeconds, row } = await runFloor(join(dir, 'events_*.parquet'), 1, '500MB');
    assert.ok(querySeconds >= 0);
    assert.equal({ ...row, revenue: Math.round((row.revenue ?? Number.NaN) * 1e6) / 1e6 }, {
      events: 5,
      users: 3,
      first_micros: '500000',
      last_micros: '4000000',
      event_names: 4,
      countries: 2,
      regions: 3,
      channels: 2,
      revenue: 4.24,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the glob is quoted as a SQL string', () => {
  assert.ok(floorSql("/data/it's/events_*.parquet").endsWith("from read_parquet('/data/it''s/events_*.parquet')"));
});

test.run();
