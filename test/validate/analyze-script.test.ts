/**
 * A BigQuery script analyzed one statement at a time (src/validate/analyze-script.ts): ZetaSQL's
 * parser splits it (a semicolon in a string or comment is no end), a temp table and the declared
 * variables are there for the statements after them, and a problem is placed at its line and
 * column in the script. Real ZetaSQL, no mock.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeScript, type ScriptAnalysis } from '../../src/validate/analyze-script.js';
import { bigQueryLanguage } from '../../src/validate/zetasql-catalog.js';
import { TYPE_KIND } from '../../src/validate/zetasql-protocol.js';
import { withZetaSqlServer } from '../../src/validate/zetasql-server.js';

const TABLE = { name: 'p.d.t', column: [{ name: 'd', type: { typeKind: TYPE_KIND.DATE } }, { name: 'k', type: { typeKind: TYPE_KIND.STRING } }] };

async function analyze(script: string): Promise<{ statements: string[]; problem: Omit<NonNullable<ScriptAnalysis['problem']>, 'statement'> | undefined }> {
  const outcome = await withZetaSqlServer(async (server) => analyzeScript(server, bigQueryLanguage(await server.call('GetLanguageOptions', { maximumFeatures: true })), script, [TABLE]));
  assert.is(outcome.status, 'ran', 'the ZetaSQL package is installed');
  if (outcome.status !== 'ran') throw new Error(outcome.reason);
  const { problem } = outcome.value;
  return {
    statements: outcome.value.statements.map((s) => `${s.line}: ${s.sql.split('\n', 1)[0]}`),
    problem: problem === undefined ? undefined : { message: problem.message, ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column }) },
  };
}

test('a script whose variables, temp table and strings with semicolons are all used right passes, split where ZetaSQL ends each statement', async () => {
  const result = await analyze(
    [
      'declare since date default (select max(d) from `p.d.t`);',
      "set since = coalesce(since, date '2024-01-01');",
      'create temp table fresh as',
      "select k, d, 'a;b' as note -- a comment; with a semicolon",
      'from `p.d.t` where d >= since',
      ';',
      'begin transaction;',
      'delete from `p.d.t` where k in (select k from fresh) and d >= since;',
      'insert into `p.d.t` (d, k) select d, k from fresh;',
      'commit transaction;',
    ].join('\n'),
  );
  assert.equal(result, {
    statements: ['1: declare since date default (select max(d) from `p.d.t`)', "2: set since = coalesce(since, date '2024-01-01')", '3: create temp table fresh as', '7: begin transaction', '8: delete from `p.d.t` where k in (select k from fresh) and d >= since', '9: insert into `p.d.t` (d, k) select d, k from fresh', '10: commit transaction'],
    problem: undefined,
  });
});

test("an unknown name in a DECLARE's default is placed in the script", async () => {
  const result = await analyze('declare a date;\ndeclare since date default (select max(missing) from `p.d.t`);');
  assert.equal(result.problem, { message: 'Unrecognized name: missing', line: 2, column: 40 });
});

test('a SET of a value of another type than the variable is refused', async () => {
  const result = await analyze("declare since date;\nset since = 'x';\nselect 1;");
  assert.equal(result.problem, { message: 'SET of since (DATE) to a value of type STRING' });
  assert.equal(result.statements, ['1: declare since date', "2: set since = 'x'"], 'nothing after it is analyzed');
});

test("a column the temp table lacks is placed in the script's line", async () => {
  const result = await analyze("create temp table fresh as select k from `p.d.t`;\nbegin transaction;\ndelete from `p.d.t` where d in (select fresh.d from fresh);");
  assert.equal(result.problem, { message: 'Name d not found inside fresh', line: 3, column: 46 });
});

test('an IF block: its condition must be a BOOL, and its statements are analyzed in order', async () => {
  const block = (condition: string): string =>
    ['declare since date default (select max(d) from `p.d.t`);', 'create temp table fresh as select k, d from `p.d.t` where d >= since;', `if ${condition} then`, "set since = date '0001-01-02';", 'create or replace temp table fresh as select k, d from `p.d.t` where d >= since;', 'end if;', 'delete from `p.d.t` where d >= since;'].join('\n');
  const passes = await analyze(block('exists (select 1 from fresh where d < since)'));
  assert.equal(passes, {
    statements: ['1: declare since date default (select max(d) from `p.d.t`)', '2: create temp table fresh as select k, d from `p.d.t` where d >= since', '3: if exists (select 1 from fresh where d < since) then', "4: set since = date '0001-01-02'", '5: create or replace temp table fresh as select k, d from `p.d.t` where d >= since', '6: end if', '7: delete from `p.d.t` where d >= since'],
    problem: undefined,
  });
  assert.equal((await analyze(block('(select max(k) from fresh)'))).problem, { message: 'the condition of IF is STRING, not BOOL' });
  assert.equal((await analyze(block('exists (select 1 from fresh where missing < since)'))).problem, { message: 'Unrecognized name: missing', line: 3, column: 38 });
});

test.run();
