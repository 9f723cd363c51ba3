/** Static models of one shape are formatted once, by shape, and filled in with their own relations. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { tempProject } from '../support/temp-project.js';

const FILES = {
  'project.yml': 'name: shapes\n',
  'models/sources.yml': 'sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { table: raw_events }\n',
  'models/base.sql': "select user_id, event_date from {{ source('app', 'events') }}\n",
  'models/short.sql': "{{ config(materialized='table') }}\nselect user_id, count(*) as n from {{ ref('base') }} group by user_id\n",
  'models/a_much_longer_model_name.sql': "{{ config(materialized='table') }}\nselect user_id, count(*) as n from {{ ref('short') }} group by user_id\n",
};

test('two models of the same shape get the same layout with their own relations', async () => {
  const outcome = await compile({ dir: await tempProject(FILES), env: {} });
  const sql = Object.fromEntries(outcome.models.map((m) => [m.name, m.sql]));
  assert.is(sql['short'], '\nselect\n  user_id,\n  count(*) as n\nfrom\n  "main"."base"\ngroup by\n  user_id\n'.trimStart());
  assert.is(sql['a_much_longer_model_name'], sql['short']!.replace('"main"."base"', '"main"."short"'));
  assert.is(sql['base'], 'select\n  user_id,\n  event_date\nfrom\n  "raw_events"\n');
});

test.run();
