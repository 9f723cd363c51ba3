import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileDiagnostics } from '../support/compile-project.js';
import { withFiles } from './base-project.js';

const UNDEFINED_HINT = "Check the spelling; project variables are read with var('name'), environment variables with env_var('NAME').";
const UNCLOSED_HINT = 'Close every {% if %}, {% for %} and {% macro %} block with its {% endif %}, {% endfor %} or {% endmacro %}.';

test('mapping.revenue when the mapping defines no revenue: full message, location of the use, hint', async () => {
  // The config() call before the use must not be taken for the location of the mistake.
  const files = withFiles({
    'models/revenue.sql': ["{{ config(tags=['money']) }}", 'select', '  sum({{ mapping.revenue }}) as revenue', "from {{ source('app', 'events') }}", ''].join('\n'),
  });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_MAPPING_FIELD',
      message: "the model uses mapping field 'revenue', which the mapping in mapping.yml does not define.",
      where: 'models/revenue.sql:3:10',
      hint: "Map it under columns: in mapping.yml (a column name or SQL expression), or add 'revenue' to the model's `requires` config so the model is disabled when the data lacks it.",
    },
  ]);
});

test('an unmapped field read inside a macro is reported at the macro call in the model', async () => {
  const files = withFiles({
    'macros/revenue.sql': '{% macro total_revenue() %}sum({{ mapping.revenue }}){% endmacro %}\n',
    'models/revenue.sql': ['select', "  '{{ var('start_date') }}' as since,", '  {{ total_revenue() }} as revenue', 'from t', ''].join('\n'),
  });
  const [error] = await compileDiagnostics(files);
  assert.equal(error?.code, 'E_MAPPING_FIELD');
  assert.equal(error?.where, 'models/revenue.sql:3:6');
});

test('a name that is no mapping field, with did-you-mean, at its use', async () => {
  const files = withFiles({ 'models/m.sql': ["{{ config(tags=['x']) }}", 'select', '  {{ mapping.user_ids }} as u', 'from t', ''].join('\n') });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_MAPPING_FIELD',
      message: "'mapping.user_ids' is not a mapping field. Did you mean 'user_id'?",
      where: 'models/m.sql:3:6',
      hint: 'Mapping fields are the canonical columns (user_id, event_time, event_name, country, region, channel, revenue, revenue_type, cohort_date) and timezone, geo_level, activity_events, new_user_events, funnel, revenue_types, event_names, source, has.',
    },
  ]);
});

test('without a mapping, a name that is no mapping field: the hint lists the fields as a sentence (never "and .")', async () => {
  const files = withFiles({
    'project.yml': ['name: tpl', 'packages: []', ''].join('\n'),
    'models/m.sql': ['select', '  {{ mapping.user_ids }} as u', 'from t', ''].join('\n'),
  });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_MAPPING_FIELD',
      message: "'mapping.user_ids' is not a mapping field. Did you mean 'user_id'?",
      where: 'models/m.sql:2:6',
      hint: 'Mapping fields are the canonical columns (user_id, event_time, event_name, country, region, channel, revenue, revenue_type, cohort_date); the project defines no mapping yet (`mapping: mapping.yml` in project.yml; `pdb infer` can propose one).',
    },
  ]);
});

test('an undefined var, with did-you-mean', async () => {
  const files = withFiles({ 'models/m.sql': "select\n  '{{ var('start_dat') }}' as d\n" });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_VAR_UNDEFINED',
      message: "var('start_dat') is not defined. Did you mean 'start_date'?",
      where: 'models/m.sql:2:7',
      hint: `Define it under vars: in project.yml, pass --vars '{"start_dat": ...}', or give a default: var('start_dat', 'default').`,
    },
  ]);
});

test('a missing environment variable without a default', async () => {
  const files = withFiles({ 'models/m.sql': "select\n  '{{ env_var('PDB_REGION') }}' as r\n" });
  assert.equal(await compileDiagnostics(files, { env: { PDB_REGIONS: 'eu' } }), [
    {
      code: 'E_ENV_VAR_UNDEFINED',
      message: 'environment variable PDB_REGION is not set.',
      where: 'models/m.sql:2:7',
      hint: "Set it (export PDB_REGION=...), or give a default: env_var('PDB_REGION', 'default').",
    },
  ]);
});

test('an unknown function, with did-you-mean among macros and built-ins', async () => {
  const files = withFiles({ 'models/m.sql': "select\n  {{ ts_from_mss('ts') }} as t,\n  {{ sorce('app', 'events') }} as s\n" });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_TEMPLATE_UNKNOWN_FUNCTION',
      message: "'ts_from_mss' is not a function or macro. Did you mean 'ts_from_ms'?",
      where: 'models/m.sql:2:6',
      hint: 'pdb provides ref, source, var, env_var, config, target and mapping; macros come from the macro paths (macros/*.sql) and need no import.',
    },
  ]);
  const second = withFiles({ 'models/m.sql': "select\n  {{ sorce('app', 'events') }} as s\n" });
  assert.equal((await compileDiagnostics(second))[0]?.message, "'sorce' is not a function or macro. Did you mean 'source'?");
});

test('an undefined name in {{ }}, with did-you-mean', async () => {
  const files = withFiles({ 'models/m.sql': "select\n  '{{ targt.name }}' as t\n" });
  assert.equal(await compileDiagnostics(files), [
    { code: 'E_TEMPLATE_UNDEFINED', message: "'targt.name' is undefined. Did you mean 'target'?", where: 'models/m.sql:2:4', hint: UNDEFINED_HINT },
  ]);
});

test('an unclosed {% if %} is reported at the block it leaves open', async () => {
  const files = withFiles({ 'models/m.sql': 'select 1 as x\n{%- if true %}\n{% if false %}, 0 as z{% endif %}\n, 2 as y\n' });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_TEMPLATE_SYNTAX',
      message: 'template syntax error: {% if %} is never closed with {% endif %}.',
      where: 'models/m.sql:2:1',
      hint: UNCLOSED_HINT,
    },
  ]);
});

test('an unclosed {% for %} is reported at the block it leaves open', async () => {
  const files = withFiles({ 'models/m.sql': "select 1 as x\n{% for c in var('countries') %}\n, '{{ c }}' as c\n" });
  assert.equal(await compileDiagnostics(files), [
    { code: 'E_TEMPLATE_SYNTAX', message: 'template syntax error: {% for %} is never closed with {% endfor %}.', where: 'models/m.sql:2:1', hint: UNCLOSED_HINT },
  ]);
});

test("a bad {{ ref('a' }} is reported where the ')' is missing", async () => {
  const files = withFiles({ 'models/a.sql': 'select 1 as x\n', 'models/b.sql': "select *\nfrom {{ ref('a' }}\n" });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_TEMPLATE_SYNTAX',
      message: 'template syntax error: expected comma after expression.',
      where: 'models/b.sql:2:17',
      hint: 'Check the {{ ... }} and {% ... %} syntax on this line (Nunjucks, as in Jinja).',
    },
  ]);
});

test('a ref to an unknown model, with did-you-mean', async () => {
  const files = withFiles({ 'models/users.sql': 'select 1 as id\n', 'models/m.sql': "select *\nfrom {{ ref('usres') }}\n" });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_REF_UNKNOWN',
      message: "ref('usres') names no model. Did you mean 'users'?",
      where: 'models/m.sql:2:9',
      hint: 'A model is named by its file name without .sql, in any folder under the model paths.',
    },
  ]);
});

test('an undeclared source, with did-you-mean', async () => {
  const files = withFiles({ 'models/m.sql': "select *\nfrom {{ source('app', 'event') }}\n" });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_SOURCE_UNKNOWN',
      message: "source('app', 'event') is not declared. Did you mean source('app', 'events')?",
      where: 'models/m.sql:2:9',
      hint: 'Declare it under sources: in a YAML file in the model paths, with its location for each engine.',
    },
  ]);
});

test('an unknown config() option, with did-you-mean, at the config line', async () => {
  const files = withFiles({ 'models/m.sql': "-- daily\n{{ config(materialised='table') }}\nselect 1 as x\n" });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_CONFIG',
      message: "config() has no option 'materialised'. Did you mean 'materialized'?",
      where: 'models/m.sql:2',
      hint: 'Options: enabled, materialized, tags, schema, alias, partition_by, cluster_by, unique_key, requires.',
    },
  ]);
});

test('the errors of every model are reported together, in path order', async () => {
  const files = withFiles({
    'models/b.sql': "select {{ ref('zzz') }} as x\n",
    'models/a.sql': "select {{ env_var('PDB_NOPE') }} as x\n",
    'models/c.sql': "select {{ var('nope') }} as x\n",
    'models/ok.sql': 'select 1 as x\n',
  });
  assert.equal((await compileDiagnostics(files)).map((d) => `${d.where} ${d.code}`), [
    'models/a.sql:1:11 E_ENV_VAR_UNDEFINED',
    'models/b.sql:1:11 E_REF_UNKNOWN',
    'models/c.sql:1:11 E_VAR_UNDEFINED',
  ]);
});

test.run();
