import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { timestampText } from '../../src/adapters/bigquery/bigquery-rows.js';
import { startHarness } from './harness.js';

test('query() reads the results in f/v form and gives JSON-safe rows', async () => {
  const h = await startHarness();
  try {
    h.server.resultFor = () => ({
      fields: [
        { name: 'n', type: 'INTEGER' },
        { name: 'share', type: 'FLOAT' },
        { name: 'ok', type: 'BOOLEAN' },
        { name: 'at', type: 'TIMESTAMP' },
        { name: 'day', type: 'DATE' },
        { name: 'tags', type: 'STRING', mode: 'REPEATED' },
        { name: 'geo', type: 'RECORD', fields: [{ name: 'country', type: 'STRING' }, { name: 'users', type: 'INTEGER' }] },
        { name: 'missing', type: 'STRING' },
      ],
      rows: [['9007199254740993', '0.25', 'true', '1700000000123456', '2024-03-01', ['a', 'b'], { f: [{ v: 'DE' }, { v: '3' }] }, null]],
    });
    const outcome = await h.adapter.query('select 1');
    assert.equal(outcome, {
      ok: true,
      value: {
        columns: ['n', 'share', 'ok', 'at', 'day', 'tags', 'geo', 'missing'],
        columnTypes: ['INTEGER', 'FLOAT', 'BOOLEAN', 'TIMESTAMP', 'DATE', 'ARRAY<STRING>', 'RECORD', 'STRING'],
        rows: [{ n: '9007199254740993', share: 0.25, ok: true, at: '2023-11-14T22:13:20.123456Z', day: '2024-03-01', tags: ['a', 'b'], geo: { country: 'DE', users: '3' }, missing: null }],
      },
    });
    const results = h.server.requests.find((r) => r.path.includes('/queries/'))!;
    assert.equal([results.path, results.query['formatOptions.useInt64Timestamp'], results.query['location']], ['/bigquery/v2/projects/acme-analytics/queries/pdb_run-1_query_1', 'true', 'EU']);
  } finally {
    await h.close();
  }
});

test('timestamps before 1970 keep their microseconds', () => {
  assert.is(timestampText('-1'), '1969-12-31T23:59:59.999999Z');
  assert.is(timestampText('0'), '1970-01-01T00:00:00.000000Z');
});

test.run();
