import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compiledSql } from '../support/compile-project.js';

const FILES = {
  'project.yml': 'name: eph\n',
  'models/base.sql': 'select 1 as id\n',
  // An ephemeral model with its own WITH, read by another ephemeral model.
  'models/e1.sql': "{{ config(materialized='ephemeral') }}\nwith x as (select id from {{ ref('base') }})\nselect id from x\n",
  'models/e2.sql': "{{ config(materialized='ephemeral') }}\nselect id * 2 as id2 from {{ ref('e1') }}\n",
  // A model with its own WITH (after a comment) that reads both.
  'models/final.sql': "-- final\nwith f as (\n  select id2 from {{ ref('e2') }}\n)\nselect * from f cross join {{ ref('e1') }}\n",
  'models/plain.sql': "select * from {{ ref('e2') }}\n",
};

// Each CTE holds the ephemeral model in its author's layout, indented inside the WITH.
const E1_CTE = ['__pdb_cte__e1 as (', '  with x as (select id from "main"."base")', '  select id from x', '),'];
const E2_CTE = ['__pdb_cte__e2 as (', '  select id * 2 as id2 from __pdb_cte__e1', ')'];

test('ephemeral models are inlined as CTEs, upstream first, into a model without WITH', async () => {
  const sql = await compiledSql(FILES, { select: ['plain'] });
  assert.equal(sql, { plain: [`with ${E1_CTE[0]}`, ...E1_CTE.slice(1), ...E2_CTE, 'select * from __pdb_cte__e2', ''].join('\n') });
});

test("ephemeral CTEs are merged into a model's own WITH, once each", async () => {
  const sql = await compiledSql(FILES, { select: ['final'] });
  assert.equal(sql, {
    final: [
      '-- final',
      `with ${E1_CTE[0]}`,
      ...E1_CTE.slice(1),
      ...E2_CTE.slice(0, -1),
      '),',
      'f as (',
      '  select id2 from __pdb_cte__e2',
      ')',
      'select * from f cross join __pdb_cte__e1',
      '',
    ].join('\n'),
  });
});

test('an ephemeral model compiled on its own reads its upstream relation, with no CTE', async () => {
  const sql = await compiledSql(FILES, { select: ['e1'] });
  assert.equal(sql['e1']?.includes('"main"."base"'), true);
  assert.equal(sql['e1']?.includes('__pdb_cte__'), false);
});

test.run();
