import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { editModel, folderYaml, generateProject, modelFile, modelSql, realModelSql, upstreamsOf } from './generate-project.js';
import { dataformModelSqlx, generateDataformProject } from './generate-dataform-project.js';

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

test("the 'real' shape: its own column, the project var, the edit changes the filter", () => {
  const config = "{{ config(materialized='table', partition_by={'field': 'event_date'}, cluster_by=['user_id']) }}";
  assert.is(
    realModelSql(5),
    `${config}
select event_date, user_id, sum(n) as events_5
from (
  select event_date, user_id, events_4 as n from {{ ref('model_4') }}
  union all
  select event_date, user_id, events_2 as n from {{ ref('model_2') }}
) as inputs
where event_date >= '{{ var("start_date") }}'
group by event_date, user_id
`,
  );
  assert.ok(realModelSql(0).includes("count(*) as events_0\nfrom {{ source('raw', 'events') }}\nwhere event_date >= '{{ var(\"start_date\") }}'\n"));
  assert.ok(realModelSql(3, 2).endsWith("where event_date >= '{{ var(\"start_date\") }}'\n  and user_id != 'edit-2'\ngroup by event_date, user_id\n"));
  assert.is(
    folderYaml(7, 8),
    'models:\n  - name: model_7\n    description: Events per user and day since the start date, summed over the inputs of model_7.\n    columns:\n      - name: events_7\n        description: The number of events counted by model_7.\n        tests: [not_null]\n',
  );
});

test("the 'real' project compiles: folders of 100, the var read, a description and a not_null test per model", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-bench-test-'));
  try {
    await generateProject(dir, 150, 'real');
    assert.is(modelFile(dir, 120, 'real'), join(dir, 'models', 'group_1', 'model_120.sql'));
    await editModel(dir, 120, 3, 'real');
    const outcome = await compile({ dir, target: 'bq', env: {} , validate: false });
    assert.is(outcome.models.length, 150);
    const m = outcome.project.models.find((p) => p.name === 'model_120');
    assert.is(m?.description, 'Events per user and day since the start date, summed over the inputs of model_120.');
    assert.equal(m?.columns.map((c) => [c.name, c.tests.map((t) => t.kind)]), [['events_120', ['not_null']]]);
    const compiled = outcome.models.find((c) => c.name === 'model_120');
    assert.ok(compiled?.sql.includes("'2024-01-01'"), compiled?.sql);
    assert.ok(compiled?.sql.includes("'edit-3'"), compiled?.sql);
    assert.equal(compiled?.dependsOn, { models: ['model_119', 'model_60'], sources: [] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the Dataform twin of a model: same SQL, config block with description, column doc and nonNull', async () => {
  assert.is(
    dataformModelSqlx(2),
    `config {
  type: "table",
  description: "Events per user and day since the start date, summed over the inputs of model_2.",
  columns: { events_2: "The number of events counted by model_2." },
  assertions: { nonNull: ["events_2"] },
  bigquery: { partitionBy: "event_date", clusterBy: ["user_id"] }
}
select event_date, user_id, sum(n) as events_2
from (
  select event_date, user_id, events_1 as n from \${ref("model_1")}
) as inputs
where event_date >= '\${dataform.projectConfig.vars.start_date}'
group by event_date, user_id
`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'pdb-bench-test-'));
  try {
    const core = join(dir, 'fake-core');
    await mkdir(core);
    await writeFile(join(core, 'package.json'), '{"name":"@dataform/core"}');
    await generateDataformProject(join(dir, 'project'), 101, core);
    assert.is(await readFile(join(dir, 'project', 'definitions', 'group_1', 'model_100.sqlx'), 'utf8'), dataformModelSqlx(100));
    assert.ok((await readFile(join(dir, 'project', 'workflow_settings.yaml'), 'utf8')).includes("start_date: '2024-01-01'"));
    assert.is(await readFile(join(dir, 'project', 'node_modules', '@dataform', 'core', 'package.json'), 'utf8'), '{"name":"@dataform/core"}');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
