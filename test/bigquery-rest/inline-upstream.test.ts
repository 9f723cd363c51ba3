import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inlineUpstream } from '../../src/cost/inline-upstream.js';
import { model, relation } from './harness.js';

const up = model('up', 'select 1 as x;');

test('a model without WITH gets one', () => {
  assert.is(inlineUpstream(model('m', `select x from ${relation('up')}`), [up]).sql, 'with __pdb_upstream_up as (\nselect 1 as x\n)\nselect x from __pdb_upstream_up');
});

test("the inlined CTEs join the model's own WITH, after leading comments", () => {
  const m = model('m', `-- daily users\n/* note */\nWITH RECURSIVE a as (select * from ${relation('up')})\nselect * from a`);
  assert.is(inlineUpstream(m, [up]).sql, '-- daily users\n/* note */\nWITH RECURSIVE __pdb_upstream_up as (\nselect 1 as x\n),\na as (select * from __pdb_upstream_up)\nselect * from a');
});

test('the original model is not changed', () => {
  const m = model('m', `select x from ${relation('up')}`);
  inlineUpstream(m, [up]);
  assert.is(m.sql, 'select x from `acme-analytics.pdb_dev.up`');
});

test.run();
