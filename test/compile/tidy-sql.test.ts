/** Compiled SQL keeps its author's layout with the whitespace tidied, unless it has no layout to keep. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bigqueryDialect } from '../../src/adapters/bigquery/bigquery-dialect.js';
import { duckdbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { compile } from '../../src/api.js';
import { LAID_OUT_MAX_LINE, literalSpansLines, tidySql } from '../../src/compile/tidy-sql.js';
import { tempProject } from '../support/temp-project.js';

const duckdb = duckdbDialect.lexicon;
const bigquery = bigqueryDialect.lexicon;

test('trailing spaces, blank lines in a row and the common indentation go; the layout stays', () => {
  const rendered = '\n\n    select a,  \n      b\n\n\n\n    from t   \r\n\n    where c\n\n';
  assert.is(tidySql(rendered, duckdb), 'select a,\n  b\n\nfrom t\n\nwhere c\n');
  assert.is(tidySql('select 1', bigquery), 'select 1\n');
});

test('tabs and spaces are not taken for the same indentation', () => {
  assert.is(tidySql('\tselect a\n  from t\n', duckdb), '\tselect a\n  from t\n');
});

test('SQL with a line longer than a person writes is left to the formatter', () => {
  const long = `select ${Array.from({ length: 40 }, (_, i) => `c${i}`).join(', ')} from t`;
  assert.ok(long.length > LAID_OUT_MAX_LINE);
  assert.is(tidySql(long, duckdb), undefined);
  assert.is(tidySql(`select ${'x'.repeat(LAID_OUT_MAX_LINE - 7)}\nfrom t`, duckdb), `select ${'x'.repeat(LAID_OUT_MAX_LINE - 7)}\nfrom t\n`);
});

test('a string literal or quoted name across lines keeps its whitespace: the SQL goes to the formatter', () => {
  assert.is(literalSpansLines("select 'a  \n\n\n  b' as s", duckdb), true);
  assert.is(literalSpansLines('select "a\nb" from t', duckdb), true);
  assert.is(literalSpansLines('select `a\nb` from t', bigquery), true);
  assert.is(literalSpansLines("select '''one\ntwo''' as s", bigquery), true);
  assert.is(literalSpansLines('select $$one\ntwo$$ as s', duckdb), true);
  assert.is(literalSpansLines('select $body$it\'s\n$body$ as s', duckdb), true);
  assert.is(tidySql("select 'a  \n\n  b' as s", duckdb), undefined);
});

test('quotes inside comments, escapes and doubled quotes do not open a literal', () => {
  assert.is(literalSpansLines("-- it's a comment\nselect 'it''s'\nfrom t", duckdb), false);
  assert.is(literalSpansLines("/* don't */\nselect 1\n# isn't\nfrom t", bigquery), false);
  assert.is(literalSpansLines("select 'it\\'s' as a,\n'b' as b", bigquery), false);
  // DuckDB has no backslash escapes: the first literal ends at its second quote.
  assert.is(literalSpansLines("select 'C:\\' as a,\n'b' as b", duckdb), false);
  // Its E'...' strings have them: the first literal ends after "it's", not at its backslash.
  assert.is(literalSpansLines("select E'it\\'s' as a,\n'b' as b", duckdb), false);
  // A raw string has none either.
  assert.is(literalSpansLines("select r'C:\\' as a,\n'b' as b", bigquery), false);
  assert.is(literalSpansLines('select $1 as a,\n$2 as b', duckdb), false);
});

test('a model keeps its layout in the compiled file; one with a literal across lines keeps the literal whole', async () => {
  const dir = await tempProject({
    'project.yml': 'name: tidy\n',
    'models/laid_out.sql': "{{ config(materialized='table') }}\n{% set since = '2024-01-01' %}\nselect a,   \n  b\n\n\nfrom (select 1 as a, 2 as b) as t\nwhere '{{ since }}' < '2025'\n",
    'models/multi_line_literal.sql': "select 'one  \n\n\ntwo' as s\n",
  });
  const outcome = await compile({ dir, env: {} });
  const sql = Object.fromEntries(outcome.models.map((m) => [m.name, m.sql]));
  assert.is(sql['laid_out'], "select a,\n  b\n\nfrom (select 1 as a, 2 as b) as t\nwhere '2024-01-01' < '2025'\n");
  assert.ok(sql['multi_line_literal']?.includes("'one  \n\n\ntwo'"), sql['multi_line_literal']);
});

test.run();
