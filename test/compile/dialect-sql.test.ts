import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { fixtureFiles, readTree, tempProject } from '../support/temp-project.js';

// The same project compiled for each engine must give exactly the reviewed SQL under
// test/fixtures/compile/expected/<engine>/. Both engines are required for every model.
const SMALL = 'test/fixtures/compile/small';
const EXPECTED = 'test/fixtures/compile/expected';

for (const [engine, target] of [['duckdb', 'dev'], ['bigquery', 'bq']] as const) {
  test(`the small project compiles to the expected ${engine} SQL`, async () => {
    const dir = await tempProject(await fixtureFiles(SMALL));
    const outcome = await compile({ dir, target, env: {}, validate: false });
    assert.equal(outcome.project.target.type, engine);
    const expected = await fixtureFiles(`${EXPECTED}/${engine}`);
    assert.equal(Object.keys(expected).length, 4);
    assert.equal(await readTree(dir, `target/compiled/${target}`), expected);
    // What the API returns is what it wrote.
    assert.equal(Object.fromEntries(outcome.models.map((m) => [m.path, m.sql])), expected);
  });
}

test('both engines have an expected output for the same models', async () => {
  const duckdb = Object.keys(await fixtureFiles(`${EXPECTED}/duckdb`));
  const bigquery = Object.keys(await fixtureFiles(`${EXPECTED}/bigquery`));
  assert.equal(duckdb, bigquery);
});

test('relations are quoted the engine\'s way, with config schema and alias', async () => {
  const files = await fixtureFiles(SMALL);
  const relations = async (target: string): Promise<Record<string, string>> => {
    const outcome = await compile({ dir: await tempProject(files), target, env: {}, validate: false });
    return Object.fromEntries(outcome.models.map((m) => [m.name, m.relation]));
  };
  assert.equal(await relations('dev'), {
    stg_events: '"analytics"."stg_events"',
    active_events: '"analytics"."active_events"',
    daily_users: '"analytics"."daily_users"',
    users_by_country: '"marts"."country_users"',
  });
  assert.equal(await relations('bq'), {
    stg_events: '`acme-prod.reporting.stg_events`',
    active_events: '`acme-prod.reporting.active_events`',
    daily_users: '`acme-prod.reporting.daily_users`',
    users_by_country: '`acme-prod.marts.country_users`',
  });
});

test.run();
