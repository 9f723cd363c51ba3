import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILTIN_NAMES } from '../../src/templating/template-environment.js';
import { compileDiagnostics, compiledSql } from '../support/compile-project.js';
import { withFiles } from './base-project.js';

const DISPATCH = withFiles({
  'macros/dialect.sql': [
    '{% macro duckdb__day(ts) %}cast({{ ts }} as date){% endmacro %}',
    '{% macro bigquery__day(ts) %}date({{ ts }}){% endmacro %}',
    '{% macro default__nvl(a, b) %}coalesce({{ a }}, {{ b }}){% endmacro %}',
    '{% macro duckdb__only_duck() %}1{% endmacro %}',
    '{% macro default__text_type() %}text{% endmacro %}',
    '{% macro bigquery__text_type() %}string{% endmacro %}',
    '',
  ].join('\n'),
  // A plain macro in its own file that calls a dispatched one: macros see each other without imports.
  'macros/plain.sql': "{% macro label(x) %}cast({{ nvl(x, \"'none'\") }} as {{ text_type() }}){% endmacro %}\n",
  'models/m.sql': ['select', "  {{ day('event_time') }} as d,", "  {{ label('name') }} as l", 'from t', ''].join('\n'),
});

test('a model calls macros without an import; the engine picks the dialect variant, else default__', async () => {
  assert.equal(await compiledSql(DISPATCH), {
    m: ['select', '  cast(event_time as date) as d,', "  cast(coalesce(name, 'none') as text) as l", 'from t', ''].join('\n'),
  });
  assert.equal(await compiledSql(DISPATCH, { target: 'bq' }), {
    m: ['select', '  date(event_time) as d,', "  cast(coalesce(name, 'none') as string) as l", 'from t', ''].join('\n'),
  });
});

test('the variants stay callable by their full names', async () => {
  const sql = await compiledSql(withFiles({ ...DISPATCH, 'models/m.sql': "select {{ bigquery__day('x') }} as a, {{ duckdb__only_duck() }} as b\n" }));
  assert.equal(sql, { m: 'select date(x) as a, 1 as b\n' });
});

test('a dispatched macro with no variant for the engine is an error at the call', async () => {
  const files = withFiles({ ...DISPATCH, 'models/m.sql': "select\n  {{ only_duck() }} as x\n" });
  assert.equal(await compiledSql(files), { m: 'select\n  1 as x\n' });
  assert.equal(await compileDiagnostics(files, { target: 'bq' }), [
    {
      code: 'E_MACRO_NO_VARIANT',
      message: "macro 'only_duck' has no variant for bigquery (it has duckdb__only_duck).",
      where: 'models/m.sql:2:6',
      hint: 'Define bigquery__only_duck or default__only_duck in the macro paths.',
    },
  ]);
});

test('a macro name defined in two files is an error at the second', async () => {
  const files = withFiles({
    'macros/a.sql': '{% macro money(x) %}{{ x }} / 100{% endmacro %}\n',
    'macros/b.sql': '{#- cents to units -#}\n\n{% macro money(x) %}{{ x }} / 100.0{% endmacro %}\n',
    'models/m.sql': 'select 1 as x\n',
  });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_MACRO_DUPLICATE',
      message: "macro 'money' is also defined in macros/a.sql:1.",
      where: 'macros/b.sql:3:1',
      hint: 'Rename or remove one of them: every macro name is global.',
    },
  ]);
});

test('a macro defined both plainly and per dialect is an error', async () => {
  const files = withFiles({
    'macros/a.sql': '{% macro day(x) %}{{ x }}{% endmacro %}\n{% macro duckdb__day(x) %}cast({{ x }} as date){% endmacro %}\n',
    'models/m.sql': 'select 1 as x\n',
  });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_MACRO_DUPLICATE',
      message: "macro 'day' is defined both plainly (macros/a.sql:1) and per dialect.",
      where: 'macros/a.sql:1',
      hint: "Keep either 'day' or its '<dialect>__day' variants.",
    },
  ]);
});

test('a macro may not take the name of a built-in', async () => {
  const files = withFiles({ 'macros/a.sql': '\n{% macro source(x) %}{{ x }}{% endmacro %}\n', 'models/m.sql': 'select 1 as x\n' });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_MACRO_RESERVED',
      message: "macro 'source' has the name of a pdb built-in.",
      where: 'macros/a.sql:2:1',
      hint: `Rename it: ${BUILTIN_NAMES.join(', ')} are reserved.`,
    },
  ]);
  for (const name of ['ref', 'source', 'var', 'env_var', 'config', 'target', 'mapping', 'this']) assert.ok((BUILTIN_NAMES as readonly string[]).includes(name), name);
});

test('a syntax error in a macro file is located in that file', async () => {
  const files = withFiles({ 'macros/a.sql': '{% macro a(x) %}\n{{ x }\n{% endmacro %}\n', 'models/m.sql': 'select 1 as x\n' });
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_TEMPLATE_SYNTAX',
      message: 'template syntax error in macro file: expected variable end.',
      where: 'macros/a.sql:2:6',
      hint: 'A macro file holds {% macro name(args) %} ... {% endmacro %} blocks.',
    },
  ]);
});

test.run();
