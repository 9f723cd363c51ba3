import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { editModel, generateProject, modelFile, modelSql, upstreamsOf } from './generate-project.js';

test('model i reads i-1 and floor(i/2), once each', () => {
  assert.equal(upstreamsOf(0), []);
  assert.equal(upstreamsOf(1), [0]);
  assert.equal(upstreamsOf(2), [1]);
  assert.equal(upstreamsOf(5), [4, 2]);
  assert.equal(upstreamsOf(10), [9, 5]);
});

test('model_0 groups the source; model_5 groups the union of model_4 and model_2', () => {
  const config = "{{ config(materialized='table', partition_by={'field': 'event_date'}, cluster_by=['user_id']) }}";
  assert.is(modelSql(0), `${config}\nselect event_date, user_id, count(*) as n\nfrom {{ source('raw', 'events') }}\ngroup by event_date, user_id\n`);
  assert.is(
    modelSql(5),
    `${config}
select event_date, user_id, sum(n) as n
from (
  select event_date, user_id, n from {{ ref('model_4') }}
  union all
  select event_date, user_id, n from {{ ref('model_2') }}
) as inputs
group by event_date, user_id
`,
  );
});

test('each revision of an edit is a different filter', () => {
  assert.ok(modelSql(3, 1).endsWith(') as inputs\nwhere n > 1\ngroup by event_date, user_id\n'));
  assert.ok(modelSql(3, 2).endsWith(') as inputs\nwhere n > 2\ngroup by event_date, user_id\n'));
});

test('the generated project compiles for the bq target with the expected DAG and config', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-bench-test-'));
  try {
    await generateProject(dir, 6);
    await editModel(dir, 3, 7);
    assert.is(await readFile(modelFile(dir, 3), 'utf8'), modelSql(3, 7));
    const outcome = await compile({ dir, target: 'bq', env: {} });
    assert.is(outcome.project.target.name, 'bq');
    assert.is(outcome.project.mapping, undefined);
    assert.equal(outcome.models.map((m) => m.name), ['model_0', 'model_1', 'model_2', 'model_3', 'model_4', 'model_5']);
    const m5 = outcome.models[5];
    assert.equal(m5?.dependsOn, { models: ['model_2', 'model_4'], sources: [] });
    assert.is(m5?.relation, '`bench-project.bench.model_5`');
    assert.equal(m5?.config.partitionBy, { field: 'event_date', dataType: 'date', granularity: 'day' });
    assert.equal(m5?.config.clusterBy, ['user_id']);
    assert.is(m5?.config.materialized, 'table');
    assert.equal(outcome.models[0]?.dependsOn, { models: [], sources: ['raw.events'] });
    assert.ok(outcome.models[0]?.sql.includes('`bench-project.raw.events`'));
    assert.ok(outcome.models[3]?.sql.includes('n > 7'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a model count that is not a positive integer is refused', async () => {
  try {
    await generateProject(join(tmpdir(), 'pdb-bench-never'), 0);
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.is((error as Error).message, 'model count must be a positive integer, got 0');
  }
});

test.run();
