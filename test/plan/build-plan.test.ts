import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { compile } from '../../src/api.js';
import { compileTests } from '../../src/compile/compile-tests.js';
import { buildPlan, type PlanCommand, type PlanOptions } from '../../src/plan/build-plan.js';
import { stepName, type PlanStep } from '../../src/plan/plan-step.js';
import { tempProject } from '../support/temp-project.js';

/**
 *   events (table) ─► eph (ephemeral) ─► mid (table) ─► report (view)
 *        └──────────────────────────────────────────────────┘ (report also reads events)
 *   lonely (table)
 * Tests: events.id not_null (error), events.id accepted_range (warn), mid unique (error),
 * report relationships to events (error).
 */
const FILES = {
  'project.yml': 'name: plan\nmodels:\n  +materialized: table\n',
  'models/events.sql': 'select range as id from range(3)\n',
  'models/eph.sql': "{{ config(materialized='ephemeral') }}\nselect id from {{ ref('events') }}\n",
  'models/mid.sql': "select id from {{ ref('eph') }}\n",
  'models/report.sql': "{{ config(materialized='view') }}\nselect m.id from {{ ref('mid') }} m join {{ ref('events') }} e using (id)\n",
  'models/lonely.sql': 'select 1 as one\n',
  'models/schema.yml': [
    'models:',
    '  - name: events',
    '    columns:',
    '      - name: id',
    '        tests:',
    '          - not_null',
    '          - accepted_range: { min_value: 0, severity: warn }',
    '  - name: mid',
    '    columns:',
    '      - name: id',
    '        tests: [unique]',
    '  - name: report',
    '    columns:',
    '      - name: id',
    '        tests:',
    "          - relationships: { to: ref('events'), field: id }",
    '',
  ].join('\n'),
};

/** A plan as `id <- waitsFor` lines: what it runs, in which order, after what. */
async function plan(command: PlanCommand, select: readonly string[] = [], options: PlanOptions = {}): Promise<string[]> {
  const dir = await tempProject(FILES);
  const { models, graph, project } = await compile({ dir, env: {}, select });
  const relationOf = (name: string): string | undefined => (project.models.some((m) => m.name === name) ? `"main"."${name}"` : undefined);
  const { tests, errors } = compileTests(models, relationOf, duckdbDialect);
  assert.equal(errors, []);
  return buildPlan(command, models, tests, graph, options).map(describe);
}

const describe = (step: PlanStep): string => `${step.id} <- ${step.waitsFor.join(', ')}`;

test('run: the models in build order, each after its nearest planned upstream models; ephemeral ones have no step', async () => {
  assert.equal(await plan('run'), [
    'model.events <- ',
    'model.lonely <- ',
    // mid reads the ephemeral eph, which reads events: mid waits for events.
    'model.mid <- model.events',
    'model.report <- model.events, model.mid',
  ]);
});

test('test: only the tests, none waiting (the models are already built)', async () => {
  assert.equal(await plan('test'), [
    'test.not_null__events__id <- ',
    'test.accepted_range__events__id <- ',
    'test.unique__mid__id <- ',
    'test.relationships__report__id <- ',
  ]);
});

test('build: each model after its upstream models and their error tests; warn tests block nothing', async () => {
  assert.equal(await plan('build'), [
    'model.events <- ',
    'test.not_null__events__id <- model.events',
    'test.accepted_range__events__id <- model.events',
    'model.lonely <- ',
    'model.mid <- model.events, test.not_null__events__id',
    'test.unique__mid__id <- model.mid',
    'model.report <- model.events, model.mid, test.not_null__events__id, test.unique__mid__id',
    // A relationships test waits for both models it reads.
    'test.relationships__report__id <- model.report, model.events',
  ]);
});

test('build of a selection: models outside it are neither planned nor waited for', async () => {
  assert.equal(await plan('build', ['mid+']), [
    'model.mid <- ',
    'test.unique__mid__id <- model.mid',
    'model.report <- model.mid, test.unique__mid__id',
    'test.relationships__report__id <- model.report',
  ]);
});

test('build: a test on an ephemeral model waits for the models it reads through it, and blocks its readers', async () => {
  const dir = await tempProject({
    'project.yml': 'name: plan\nmodels:\n  +materialized: table\n',
    'models/events.sql': 'select range as id from range(3)\n',
    'models/eph.sql': "{{ config(materialized='ephemeral') }}\nselect id from {{ ref('events') }}\n",
    'models/mid.sql': "select id from {{ ref('eph') }}\n",
    'models/eph.yml': 'models:\n  - name: eph\n    columns:\n      - name: id\n        tests: [not_null]\n',
  });
  const { models, graph } = await compile({ dir, env: {} });
  const { tests } = compileTests(models, (name) => `"main"."${name}"`, duckdbDialect);
  assert.equal(buildPlan('build', models, tests, graph).map(describe), [
    'model.events <- ',
    'test.not_null__eph__id <- model.events',
    'model.mid <- model.events, test.not_null__eph__id',
  ]);
});

test('the steps carry the compiled model and test as data', async () => {
  const dir = await tempProject(FILES);
  const { models, graph } = await compile({ dir, env: {}, select: ['mid'] });
  const { tests } = compileTests(models, (name) => `"main"."${name}"`, duckdbDialect);
  const steps = buildPlan('build', models, tests, graph);
  assert.equal(
    steps.map((s) => (s.kind === 'materialize' ? { kind: s.kind, relation: s.model.relation, sql: s.model.sql } : s.kind === 'test' ? { kind: s.kind, severity: s.test.severity, sql: s.test.sql } : { kind: s.kind })),
    [
      { kind: 'materialize', relation: '"main"."mid"', sql: 'with __pdb_cte__eph as (\n  select id from "main"."events"\n)\nselect id from __pdb_cte__eph\n' },
      { kind: 'test', severity: 'error', sql: 'select "id", count(*) as n_records from "main"."mid" group by "id" having count(*) > 1' },
    ],
  );
});

/** Three plugins: one with both hooks, one with afterRun only, one with afterModel only. */
const HOOKS: PlanOptions = {
  hooks: [
    { plugin: 'first', afterModel: true, afterRun: true },
    { plugin: 'second', afterModel: false, afterRun: true },
    { plugin: 'third', afterModel: true, afterRun: false },
  ],
};

test('run with hooks: afterModel after each model, afterRun after every other step, plugin by plugin', async () => {
  const steps = [
    'model.events',
    'model.lonely',
    'model.mid',
    'model.report',
    'hook.first.afterModel.events',
    'hook.first.afterModel.lonely',
    'hook.first.afterModel.mid',
    'hook.first.afterModel.report',
    'hook.third.afterModel.events',
    'hook.third.afterModel.lonely',
    'hook.third.afterModel.mid',
    'hook.third.afterModel.report',
  ].join(', ');
  assert.equal(await plan('run', [], HOOKS), [
    'model.events <- ',
    'model.lonely <- ',
    'model.mid <- model.events',
    'model.report <- model.events, model.mid',
    'hook.first.afterModel.events <- model.events',
    'hook.first.afterModel.lonely <- model.lonely',
    'hook.first.afterModel.mid <- model.mid',
    'hook.first.afterModel.report <- model.report',
    // An afterRun waits for every step but the afterRuns (the third plugin's afterModel too) ...
    `hook.first.afterRun <- ${steps}`,
    // ... and for the afterRun of the plugin before it.
    `hook.second.afterRun <- ${steps}, hook.first.afterRun`,
    'hook.third.afterModel.events <- model.events',
    'hook.third.afterModel.lonely <- model.lonely',
    'hook.third.afterModel.mid <- model.mid',
    'hook.third.afterModel.report <- model.report',
  ]);
});

test('build with hooks: the afterRun waits for the tests too', async () => {
  const hooks = { hooks: [{ plugin: 'only', afterModel: false, afterRun: true }] };
  const built = await plan('build', ['mid+'], hooks);
  assert.equal(built.at(-1), 'hook.only.afterRun <- model.mid, test.unique__mid__id, model.report, test.relationships__report__id');
  assert.is(built.length, 5);
});

test('test with hooks: no model is built, so only the afterRun steps, after the tests', async () => {
  assert.equal(await plan('test', [], HOOKS), [
    'test.not_null__events__id <- ',
    'test.accepted_range__events__id <- ',
    'test.unique__mid__id <- ',
    'test.relationships__report__id <- ',
    'hook.first.afterRun <- test.not_null__events__id, test.accepted_range__events__id, test.unique__mid__id, test.relationships__report__id',
    'hook.second.afterRun <- test.not_null__events__id, test.accepted_range__events__id, test.unique__mid__id, test.relationships__report__id, hook.first.afterRun',
  ]);
});

test('with a budget: each model dry-run in build order, one after the other; every query of the build waits for the estimate', async () => {
  const gate = { pricePerTiB: 6.25, budget: { maxBytes: 1000, origin: '--max-bytes' } };
  assert.equal(await plan('build', ['mid+'], { estimate: { gate, only: false }, hooks: [{ plugin: 'p', afterModel: false, afterRun: true }] }), [
    'dry_run.mid <- ',
    'dry_run.report <- dry_run.mid',
    'estimate <- dry_run.mid, dry_run.report',
    'model.mid <- estimate',
    'test.unique__mid__id <- estimate, model.mid',
    'model.report <- estimate, model.mid, test.unique__mid__id',
    'test.relationships__report__id <- estimate, model.report',
    'hook.p.afterRun <- dry_run.mid, dry_run.report, estimate, model.mid, test.unique__mid__id, model.report, test.relationships__report__id',
  ]);
});

test('--dry-run: the dry runs and the estimate are the whole plan; `pdb test` has no model to dry-run', async () => {
  const estimate = { gate: { pricePerTiB: 6.25 }, only: true };
  assert.equal(await plan('run', ['events', 'lonely'], { estimate }), ['dry_run.events <- ', 'dry_run.lonely <- dry_run.events', 'estimate <- dry_run.events, dry_run.lonely']);
  assert.equal(await plan('test', ['events'], { estimate }), ['estimate <- ']);
});

test('hook steps are named as their results are: plugin, hook and model', async () => {
  const dir = await tempProject(FILES);
  const { models, graph } = await compile({ dir, env: {}, select: ['lonely'] });
  assert.equal(buildPlan('run', models, [], graph, HOOKS).map(stepName), ['lonely', 'first afterModel lonely', 'first afterRun', 'second afterRun', 'third afterModel lonely']);
});

test.run();
