/**
 * Static models of one shape that need sql-formatter (a line longer than tidy-sql.ts keeps) are
 * formatted once, by shape, and filled in with their own relations.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { LAID_OUT_MAX_LINE } from '../../src/compile/tidy-sql.js';
import { tempProject } from '../support/temp-project.js';

// One select list on one line, longer than a line kept as laid out.
const COLUMNS = Array.from({ length: 8 }, (_, i) => `sum(value_${i}) as total_value_${i}`);
const LONG_SELECT = `select user_id, ${COLUMNS.join(', ')}`;

const FILES = {
  'project.yml': 'name: shapes\n',
  'models/sources.yml': 'sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { table: raw_events }\n',
  'models/base.sql': "select user_id, event_date from {{ source('app', 'events') }}\n",
  'models/short.sql': `{{ config(materialized='table') }}\n${LONG_SELECT} from {{ ref('base') }} group by user_id\n`,
  'models/a_much_longer_model_name.sql': `{{ config(materialized='table') }}\n${LONG_SELECT} from {{ ref('short') }} group by user_id\n`,
};

test('two models of the same shape get the same layout with their own relations', async () => {
  assert.ok(LONG_SELECT.length > LAID_OUT_MAX_LINE);
  const outcome = await compile({ dir: await tempProject(FILES), env: {} });
  const sql = Object.fromEntries(outcome.models.map((m) => [m.name, m.sql]));
  assert.is(sql['short'], ['select', '  user_id,', ...COLUMNS.map((c, i) => `  ${c}${i < COLUMNS.length - 1 ? ',' : ''}`), 'from', '  "main"."base"', 'group by', '  user_id', ''].join('\n'));
  assert.is(sql['a_much_longer_model_name'], sql['short']!.replace('"main"."base"', '"main"."short"'));
  // A model with its own layout keeps it.
  assert.is(sql['base'], 'select user_id, event_date from "raw_events"\n');
});

test.run();
