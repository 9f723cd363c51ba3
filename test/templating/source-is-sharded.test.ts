/**
 * source_is_sharded() answers for the location as rendered: a path from a var (events_path) is
 * sharded when its value is a glob, whatever default the source file writes in the var() call.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbProject } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

const FILES = {
  'models/sources.yml': "sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { path: \"{{ var('events_path', 'data/events_*.parquet') }}\" }\n",
  'models/m.sql': "select {{ 'true' if source_is_sharded('app', 'events') else 'false' }} as sharded\n",
};

async function sharded(vars: Record<string, string>): Promise<string> {
  const dir = await duckdbProject(FILES);
  const result = await runCli(dir, ['compile', '--vars', JSON.stringify(vars)]);
  assert.is(result.code, 0, result.stdout + result.stderr);
  return (await readFile(join(dir, 'target/compiled/dev/models/m.sql'), 'utf8')).replace(/\s+/g, ' ').trim();
}

test('the default glob is sharded; one file given by the var is not', async () => {
  assert.match(await sharded({}), 'true as sharded');
  assert.match(await sharded({ events_path: 'data/events.parquet' }), 'false as sharded');
  assert.match(await sharded({ events_path: 'lake/day_*.parquet' }), 'true as sharded');
});

test.run();
