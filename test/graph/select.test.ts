import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PdbErrors, type PdbError } from '../../src/errors/pdb-error.js';
import { buildGraph } from '../../src/graph/model-graph.js';
import { select } from '../../src/graph/select.js';
import { SELECTOR_GRAMMAR_HINT } from '../../src/graph/selector-parse.js';
import { FIXTURE_NODES, FIXTURE_ORDER } from './fixture-dag.js';

const graph = buildGraph(FIXTURE_NODES);

interface Case {
  readonly select: readonly string[];
  readonly exclude?: readonly string[];
  readonly expected: readonly string[];
  readonly unmatched?: readonly string[];
  readonly unmatchedExclude?: readonly string[];
}

const ALL_BUT = (...names: string[]): string[] => FIXTURE_ORDER.filter((n) => !names.includes(n));

// Expected ids are written in the fixture's topological order (see FIXTURE_ORDER).
const CASES: readonly Case[] = [
  // everything
  { select: [], expected: FIXTURE_ORDER },
  { select: ['  '], expected: FIXTURE_ORDER },
  // bare word: a model name, a folder at any level, or a tag
  { select: ['dau'], expected: ['dau'] },
  { select: ['retention'], expected: ['retention_by_cohort_date', 'retention_curve', 'retention_email'] },
  { select: ['revenue'], expected: ['revenue', 'arpu'] },
  { select: ['staging'], expected: ['stg_events', 'stg_users'] },
  { select: ['metrics'], expected: ['dau', 'revenue', 'arpu', 'new_users', 'retention_by_cohort_date', 'retention_curve'] },
  { select: ['daily'], expected: ['stg_events', 'int_user_days', 'dau'] },
  { select: ['models/staging'], expected: ['stg_events', 'stg_users'] },
  // exact methods
  { select: ['model:dau'], expected: ['dau'] },
  { select: ['name:revenue'], expected: ['revenue'] },
  { select: ['model:retention'], expected: [], unmatched: ['model:retention'] },
  { select: ['tag:core'], expected: ['dau', 'revenue', 'new_users', 'retention_curve'] },
  { select: ['tag:retention'], expected: ['retention_email'] },
  // paths: a folder prefix (trailing slash and ./ optional) or a file
  { select: ['path:models/metrics'], expected: ['dau', 'revenue', 'arpu', 'new_users', 'retention_by_cohort_date', 'retention_curve'] },
  { select: ['path:models/metrics/retention/'], expected: ['retention_by_cohort_date', 'retention_curve'] },
  { select: ['path:./models/reports'], expected: ['retention_email', 'weekly_report'] },
  { select: ['path:models/metrics/retention/retention_curve.sql'], expected: ['retention_curve'] },
  { select: ['path:models/met'], expected: [], unmatched: ['path:models/met'] },
  // globs
  { select: ['stg_*'], expected: ['stg_events', 'stg_users'] },
  { select: ['model:*_users'], expected: ['stg_users', 'int_users', 'new_users'] },
  { select: ['model:int_user?'], expected: ['int_users'] },
  { select: ['tag:re*'], expected: ['arpu', 'retention_email', 'weekly_report'] },
  { select: ['path:models/*/dau.sql'], expected: ['dau'] },
  { select: ['path:models/*/retention_curve.sql'], expected: [], unmatched: ['path:models/*/retention_curve.sql'] },
  { select: ['path:models/**/retention_curve.sql'], expected: ['retention_curve'] },
  { select: ['path:models/metrics/*.sql'], expected: ['dau', 'revenue', 'arpu', 'new_users'] },
  { select: ['path:models/*/retention'], expected: ['retention_by_cohort_date', 'retention_curve'] },
  // ancestors
  { select: ['+dau'], expected: ['stg_events', 'int_user_days', 'dau'] },
  { select: ['1+retention_curve'], expected: ['retention_by_cohort_date', 'retention_curve'] },
  { select: ['2+retention_curve'], expected: ['int_user_days', 'int_users', 'retention_by_cohort_date', 'retention_curve'] },
  { select: ['0+dau'], expected: ['dau'] },
  // descendants
  { select: ['dau+'], expected: ['dau', 'arpu', 'weekly_report'] },
  { select: ['stg_users+1'], expected: ['stg_users', 'int_users'] },
  { select: ['stg_users+2'], expected: ['stg_users', 'int_users', 'new_users', 'retention_by_cohort_date'] },
  { select: ['tag:staging+1'], expected: ['stg_events', 'int_user_days', 'revenue', 'stg_users', 'int_users'] },
  // both ways
  {
    select: ['+int_users+'],
    expected: ['stg_events', 'stg_users', 'int_users', 'new_users', 'retention_by_cohort_date', 'retention_curve', 'retention_email', 'weekly_report'],
  },
  { select: ['1+retention_curve+1'], expected: ['retention_by_cohort_date', 'retention_curve', 'retention_email', 'weekly_report'] },
  // @: descendants and every ancestor of them
  { select: ['@int_users'], expected: ALL_BUT('arpu') },
  { select: ['@dau'], expected: ALL_BUT('new_users', 'retention_email') },
  { select: ['@weekly_report'], expected: ['stg_events', 'int_user_days', 'dau', 'revenue', 'stg_users', 'int_users', 'retention_by_cohort_date', 'retention_curve', 'weekly_report'] },
  // union: spaces or separate arguments
  { select: ['dau new_users'], expected: ['dau', 'new_users'] },
  { select: ['new_users', 'dau'], expected: ['dau', 'new_users'] },
  { select: ['  dau \t  new_users '], expected: ['dau', 'new_users'] },
  { select: ['dau dau+'], expected: ['dau', 'arpu', 'weekly_report'] },
  // intersection: commas
  { select: ['tag:core,path:models/metrics/retention'], expected: ['retention_curve'] },
  { select: ['tag:core,+weekly_report'], expected: ['dau', 'revenue', 'retention_curve'] },
  { select: ['daily,staging'], expected: ['stg_events'] },
  { select: ['tag:core,metrics,+arpu dau+1'], expected: ['dau', 'revenue', 'arpu', 'weekly_report'] },
  { select: ['tag:core,staging'], expected: [], unmatched: ['tag:core,staging'] },
  // exclusion
  { select: ['tag:core'], exclude: ['dau'], expected: ['revenue', 'new_users', 'retention_curve'] },
  { select: [], exclude: ['path:models/metrics'], expected: ['stg_events', 'int_user_days', 'stg_users', 'int_users', 'retention_email', 'weekly_report'] },
  { select: ['staging'], exclude: ['stg_events+'], expected: ['stg_users'] },
  { select: ['+weekly_report'], exclude: ['+int_users', 'tag:core,metrics'], expected: ['int_user_days', 'retention_by_cohort_date', 'weekly_report'] },
  { select: ['dau'], exclude: ['dau'], expected: [] },
  // unmatched items are reported, not thrown
  { select: ['dau nope tag:missing'], expected: ['dau'], unmatched: ['nope', 'tag:missing'] },
  { select: ['nope+'], exclude: ['gone', 'dau'], expected: [], unmatched: ['nope+'], unmatchedExclude: ['gone'] },
];

for (const c of CASES) {
  const label = `select ${JSON.stringify(c.select)}${c.exclude === undefined ? '' : ` exclude ${JSON.stringify(c.exclude)}`}`;
  test(label, () => {
    const result = select(graph, { select: c.select, exclude: c.exclude ?? [] });
    assert.equal(result, { ids: c.expected, unmatched: c.unmatched ?? [], unmatchedExclude: c.unmatchedExclude ?? [] });
  });
}

interface ErrorCase {
  readonly select: readonly string[];
  readonly exclude?: readonly string[];
  /** [flag, column, message] of each error, in order. */
  readonly errors: readonly (readonly [string, number, string])[];
}

const ERROR_CASES: readonly ErrorCase[] = [
  { select: ['tag:'], errors: [['--select', 5, "Selector 'tag:' has no value after 'tag:'."]] },
  { select: ['+path:'], errors: [['--select', 7, "Selector '+path:' has no value after 'path:'."]] },
  { select: ['+'], errors: [['--select', 2, "Selector '+' names no model, folder, tag or path."]] },
  { select: ['1+'], errors: [['--select', 3, "Selector '1+' names no model, folder, tag or path."]] },
  { select: ['@'], errors: [['--select', 2, "Selector '@' names no model, folder, tag or path."]] },
  { select: ['foo:bar'], errors: [['--select', 1, "Selector 'foo:bar' uses unknown method 'foo'. Methods are tag, path, model, name, state and result."]] },
  { select: ['tga:core'], errors: [['--select', 1, "Selector 'tga:core' uses unknown method 'tga'. Did you mean 'tag'?"]] },
  { select: ['+pth:models'], errors: [['--select', 2, "Selector '+pth:models' uses unknown method 'pth'. Did you mean 'path'?"]] },
  { select: [':dau'], errors: [['--select', 1, "Selector ':dau' has no method before ':'; write one of tag:, path:, model:, name:, state: or result:."]] },
  { select: ['@+dau'], errors: [['--select', 2, "Selector '@+dau' combines '@' with a '+' prefix; '@' already adds every ancestor, so drop the '+'."]] },
  { select: ['dau+new_users'], errors: [['--select', 4, "Selector 'dau+new_users' has a '+' inside a name; '+' goes only at the start or the end of a selector."]] },
  { select: ['++dau'], errors: [['--select', 2, "Selector '++dau' has a '+' inside a name; '+' goes only at the start or the end of a selector."]] },
  { select: ['dau@x'], errors: [['--select', 4, "Selector 'dau@x' has a '@' inside a name; '@' goes only at the start of a selector."]] },
  { select: ['dau,,new_users'], errors: [['--select', 5, "Selector 'dau,,new_users' has nothing between two commas; commas join selectors that must all match."]] },
  { select: [',dau'], errors: [['--select', 1, "Selector ',dau' has nothing before the first comma; commas join selectors that must all match."]] },
  { select: ['dau,'], errors: [['--select', 5, "Selector 'dau,' has nothing after the last comma; commas join selectors that must all match."]] },
  // columns count from the start of the argument, across spaces and commas
  { select: ['dau  tag:'], errors: [['--select', 10, "Selector 'tag:' has no value after 'tag:'."]] },
  { select: ['tag:core,+'], errors: [['--select', 11, "Selector '+' names no model, folder, tag or path."]] },
  { select: [], exclude: ['1+'], errors: [['--exclude', 3, "Selector '1+' names no model, folder, tag or path."]] },
  // every mistake of both flags at once
  {
    select: ['tag: dau', 'foo:x'],
    exclude: ['+'],
    errors: [
      ['--select', 5, "Selector 'tag:' has no value after 'tag:'."],
      ['--select', 1, "Selector 'foo:x' uses unknown method 'foo'. Methods are tag, path, model, name, state and result."],
      ['--exclude', 2, "Selector '+' names no model, folder, tag or path."],
    ],
  },
];

function thrown(run: () => unknown): readonly PdbError[] {
  try {
    run();
  } catch (e) {
    assert.instance(e, PdbErrors);
    return (e as PdbErrors).errors;
  }
  assert.unreachable('expected select() to throw');
  return [];
}

for (const c of ERROR_CASES) {
  test(`error: select ${JSON.stringify(c.select)} exclude ${JSON.stringify(c.exclude ?? [])}`, () => {
    const errors = thrown(() => select(graph, { select: c.select, exclude: c.exclude ?? [] }));
    assert.equal(
      errors.map((e) => ({ code: e.code, message: e.message, location: e.location, hint: e.hint })),
      c.errors.map(([file, column, message]) => ({ code: 'E_SELECTOR', message, location: { file, column }, hint: SELECTOR_GRAMMAR_HINT })),
    );
  });
}

test('the grammar hint', () => {
  assert.is(
    SELECTOR_GRAMMAR_HINT,
    'selectors are a model name, folder or tag, or tag:x, path:models/x, model:x, with * as a glob; ' +
      'state:modified / state:new and result:error / result:fail compare with --state DIR; ' +
      'N+x adds ancestors and x+N descendants (N optional), @x adds descendants and their ancestors; ' +
      'spaces separate a union, commas an intersection.',
  );
});

test.run();
