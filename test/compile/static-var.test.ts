/** var() with literal arguments takes the static fast path: the same SQL as Nunjucks gives, and the same errors. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { TemplateEnvironment } from '../../src/templating/template-environment.js';
import { dialectFor } from '../../src/adapters/dialects.js';
import { loadProject } from '../../src/project/load-project.js';
import { parseStaticTemplate } from '../../src/templating/static-template.js';
import { compileDiagnostics } from '../support/compile-project.js';
import { tempProject } from '../support/temp-project.js';

const FILES = {
  'project.yml': "name: vars\nvars:\n  start_date: '2024-01-01'\n  days: 7\n  strict: true\n  countries: [DE, FR]\n  nothing: null\n",
  'models/a.sql': "select 1 as x where d >= '{{ var('start_date') }}' and n < {{ var('days') }} and {{ var('strict') }} and '{{ var('other', 'dflt') }}' = 'dflt'\n",
};

test('var() with literal arguments is parsed as a static call', () => {
  assert.equal(parseStaticTemplate("a {{ var('x') }} b {{ var(\"y\", 3) }}")?.map((p) => p.call), [
    { kind: 'var', name: 'x', args: ['x'] },
    { kind: 'var', name: 'y', args: ['y', 3] },
    undefined,
  ]);
  assert.is(parseStaticTemplate("{{ var(x) }}"), undefined);
  assert.is(parseStaticTemplate("{{ var('x') | upper }}"), undefined);
});

test('a tag parsed once serves every model that has it; each model gets its own config values', async () => {
  const model = "{{ config(materialized='table', partition_by={'field': 'd'}, cluster_by=['u']) }}\nselect 1 as x from {{ ref('b') }}\n";
  assert.equal(parseStaticTemplate(model), parseStaticTemplate(model));
  const project = await loadProject({ dir: await tempProject({ ...FILES, 'models/b.sql': 'select 1 as x\n' }), env: {} });
  const templates = new TemplateEnvironment({ project, dialect: dialectFor('duckdb'), env: {} });
  const first = templates.render('models/a.sql', model, 'a');
  const second = templates.render('models/c.sql', model, 'c');
  assert.ok(first.skeleton !== undefined, 'took the static path');
  assert.equal(first.config, { materialized: 'table', partition_by: { field: 'd' }, cluster_by: ['u'] });
  assert.equal(second.config, first.config);
  assert.is.not(second.config['partition_by'], first.config['partition_by']);
  assert.is.not(second.config['cluster_by'], first.config['cluster_by']);
});

test('the static render of var() equals the Nunjucks render, text, numbers, booleans and defaults', async () => {
  const dir = await tempProject(FILES);
  const project = await loadProject({ dir, env: {} });
  const templates = new TemplateEnvironment({ project, dialect: dialectFor('duckdb'), env: {} });
  const text = FILES['models/a.sql'];
  const fast = templates.render('models/a.sql', text, 'a');
  // The same text with a tag the static path does not take (a comment), so Nunjucks renders it.
  const slow = templates.render('models/a.sql', `{# nunjucks #}${text}`, 'a');
  assert.is(fast.sql, "select 1 as x where d >= '2024-01-01' and n < 7 and true and 'dflt' = 'dflt'\n");
  assert.is(slow.sql, fast.sql);
  assert.ok(fast.skeleton !== undefined, 'took the static path');
  assert.is(slow.skeleton, undefined);
});

test('a var() that is a list or null, or undefined, is left to Nunjucks: its output and its error', async () => {
  const dir = await tempProject({ ...FILES, 'models/a.sql': "select '{{ var('countries') }}' as c\n" });
  const outcome = await compile({ dir, env: {} });
  assert.ok(outcome.models[0]!.sql.includes("'DE,FR'"));
  const errors = await compileDiagnostics({ ...FILES, 'models/a.sql': "select 1\nwhere d >= '{{ var('start_dat') }}'\n" });
  const viaNunjucks = await compileDiagnostics({ ...FILES, 'models/a.sql': "select 1\nwhere d >= '{{ var('start_dat') }}'{# n #}\n" });
  assert.equal(errors, viaNunjucks);
  assert.is(errors.length, 1);
  assert.ok(errors[0]!.message.includes("var('start_dat') is not defined"), errors[0]!.message);
});

test.run();
