import { DuckDBInstance } from '@duckdb/node-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tableBytes } from './column-bytes.js';

test("each leaf's bytes follow BigQuery's size rules: 8 for numbers and times, 2 + UTF-8 bytes for strings, nothing for NULL, records and arrays their leaves", async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`create table t as
      select 'ab' as s, 1::bigint as n, true as b, {'country': 'DE', 'region': null::varchar} as geo,
             [{'key': 'k1', 'value': {'double_value': 1.5::double}}, {'key': 'key2', 'value': {'double_value': null::double}}] as params,
             timestamp '2026-01-01' as t
      union all
      select 'é', null, null, null, [], null`);
    const bytes = await tableBytes(connection, 't');
    assert.is(bytes.rows, 2);
    assert.equal(
      bytes.leaves.map((l) => [l.path.join('.'), l.type, l.bytes]),
      [
        ['s', 'STRING', 2 + 2 + (2 + 2)], // 'ab' and 'é' (two bytes in UTF-8)
        ['n', 'INT64', 8],
        ['b', 'BOOL', 1],
        ['geo.country', 'STRING', 4],
        ['geo.region', 'STRING', 0],
        ['params.key', 'STRING', 4 + 6],
        ['params.value.double_value', 'FLOAT64', 8],
        ['t', 'TIMESTAMP', 8],
      ],
    );
    assert.equal(bytes.fields[4], { name: 'params', type: 'RECORD', mode: 'REPEATED', fields: [{ name: 'key', type: 'STRING' }, { name: 'value', type: 'RECORD', fields: [{ name: 'double_value', type: 'FLOAT64' }] }] });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test.run();
