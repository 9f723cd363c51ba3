import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execute } from '../../src/api.js';
import { duckdbProject, queryDb, relations, withoutSeconds } from '../support/duckdb-project.js';

/**
 * A diamond (s -> l, r -> j), four independent models and a failing test on r that skips j.
 */
const FILES = {
  'project.yml': 'name: t\nmodels:\n  +materialized: table\n',
  'models/s.sql': 'select range as id from range(100)\n',
  'models/l.sql': "select id from {{ ref('s') }} where id % 2 = 0\n",
  'models/r.sql': "select id, id % 3 as m from {{ ref('s') }} where id % 2 = 1\n",
  'models/j.sql': "select count(*) as n from {{ ref('l') }} join {{ ref('r') }} using (id)\n",
  'models/w1.sql': 'select 1 as w\n',
  'models/w2.sql': 'select 2 as w\n',
  'models/w3.sql': 'select 3 as w\n',
  'models/w4.sql': 'select 4 as w\n',
  'models/r.yml': 'models:\n  - name: r\n    columns:\n      - name: m\n        tests:\n          - accepted_values: { values: [0, 1] }\n      - name: id\n        tests: [not_null, unique]\n',
};

interface Observed {
  readonly results: Record<string, unknown>[];
  readonly maxRunning: number;
  readonly tables: Record<string, unknown>[];
}

async function buildWith(threads: number): Promise<Observed> {
  const dir = await duckdbProject(FILES);
  let running = 0;
  let maxRunning = 0;
  const outcome = await execute('build', {
    dir,
    env: {},
    threads,
    onStart: () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
    },
    onResult: (result) => {
      if (result.status !== 'skipped') running -= 1;
    },
  });
  const tables = await queryDb(
    dir,
    "select (select count(*) from l) as l, (select count(*) from r) as r, (select sum(w) from (from w1 union all from w2 union all from w3 union all from w4)) as w",
  );
  assert.equal(await relations(dir), ['main.l BASE TABLE', 'main.r BASE TABLE', 'main.s BASE TABLE', 'main.w1 BASE TABLE', 'main.w2 BASE TABLE', 'main.w3 BASE TABLE', 'main.w4 BASE TABLE']);
  return { results: withoutSeconds(outcome.run.results), maxRunning, tables };
}

const byId = (results: readonly Record<string, unknown>[]): Record<string, unknown>[] => [...results].sort((a, b) => String(a.id).localeCompare(String(b.id)));

test('--threads 1 and --threads 4 give the same results and tables; 1 runs one step at a time in plan order', async () => {
  const one = await buildWith(1);
  const four = await buildWith(4);
  assert.equal(byId(four.results), byId(one.results));
  assert.equal(four.tables, one.tables);
  assert.equal(one.tables, [{ l: '50', r: '50', w: '10' }]);
  assert.is(one.maxRunning, 1);
  // The four independent models and s are ready at once: four of them start together.
  assert.is(four.maxRunning, 4);
  assert.equal(
    one.results.map((r) => `${String(r.id)} ${String(r.status)}`),
    [
      'model.s success',
      'model.l success',
      'model.r success',
      'test.accepted_values__r__m fail',
      'test.not_null__r__id pass',
      'test.unique__r__id pass',
      'model.j skipped',
      'model.w1 success',
      'model.w2 success',
      'model.w3 success',
      'model.w4 success',
    ],
  );
  assert.equal(
    one.results.find((r) => r.id === 'test.accepted_values__r__m'),
    { id: 'test.accepted_values__r__m', kind: 'test', name: 'accepted_values__r__m', model: 'r', status: 'fail', failures: 1, sample: [{ value: 2, n_records: 16 }], location: { file: 'models/r.yml', line: 6 } },
  );
});

test.run();
