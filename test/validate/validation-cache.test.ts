/**
 * ZetaSQL's analyses are cached by compiled SQL and catalog (src/validate/validation-cache.ts):
 * an unchanged project is validated without starting the server, an edited model is analyzed
 * again, and a cached error is still reported. Real ZetaSQL runs, no mock.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempProject } from '../support/temp-project.js';
import { diagnostics, SHOP_PROJECT, validateProject } from './validate-project.js';

const PROJECT = {
  ...SHOP_PROJECT,
  'models/by_customer.sql': "select customer, sum(amount) as revenue\nfrom {{ ref('stg_orders') }}\ngroup by customer\n",
  'models/big_customers.sql': "select customer\nfrom {{ ref('by_customer') }}\nwhere revenue > 100\n",
};

test('validation cache: the second run analyzes nothing and starts no server; an edited model is analyzed again', async () => {
  const dir = await tempProject(PROJECT);
  const cacheFile = join(dir, 'target/cache/zetasql-bq.json');
  const starts: number[] = [];
  const server = { onStart: (pid: number) => starts.push(pid) };
  const first = await validateProject(dir, { server, cacheFile });
  assert.equal({ status: first.status, analyzed: first.analyzed, errors: diagnostics(first), starts: starts.length }, { status: 'validated', analyzed: 3, errors: [], starts: 1 });
  assert.ok(existsSync(cacheFile));

  const second = await validateProject(dir, { server, cacheFile });
  assert.equal({ status: second.status, analyzed: second.analyzed, errors: diagnostics(second), starts: starts.length }, { status: 'validated', analyzed: 0, errors: [], starts: 1 });
  assert.equal(second.schemas, first.schemas, 'the cached output columns are the analyzed ones');

  // A new filter: by_customer's SQL changes, its output columns do not, so its downstream is still cached.
  await writeFile(join(dir, 'models/by_customer.sql'), (await readFile(join(dir, 'models/by_customer.sql'), 'utf8')).replace('group by', "where customer != ''\ngroup by"));
  const edited = await validateProject(dir, { server, cacheFile });
  assert.equal({ analyzed: edited.analyzed, errors: diagnostics(edited), starts: starts.length }, { analyzed: 1, errors: [], starts: 2 });

  // A new output column changes the catalog big_customers is analyzed against: both again.
  await writeFile(join(dir, 'models/by_customer.sql'), "select customer, sum(amount) as revenue, count(*) as orders\nfrom {{ ref('stg_orders') }}\ngroup by customer\n");
  const widened = await validateProject(dir, { server, cacheFile });
  assert.equal({ analyzed: widened.analyzed, errors: diagnostics(widened) }, { analyzed: 2, errors: [] });
});

test('validation cache: an error is reported again from the cache, with its location, without a server', async () => {
  const dir = await tempProject({ ...PROJECT, 'models/big_customers.sql': "select customer\nfrom {{ ref('by_customer') }}\nwhere revenu > 100\n" });
  const cacheFile = join(dir, 'target/cache/zetasql-bq.json');
  const starts: number[] = [];
  const server = { onStart: (pid: number) => starts.push(pid) };
  const first = await validateProject(dir, { server, cacheFile });
  assert.is(first.analyzed, 3);
  assert.is(diagnostics(first).length, 1);
  assert.match(first.errors[0]!.message, /^BigQuery would reject big_customers: Unrecognized name: revenu/);
  const second = await validateProject(dir, { server, cacheFile });
  assert.equal({ analyzed: second.analyzed, starts: starts.length }, { analyzed: 0, starts: 1 });
  assert.equal(diagnostics(second), diagnostics(first));
});

test('pdb compile: the planted error fails the second, cached compile alike; a fixed model passes', async () => {
  const dir = await tempProject({ ...PROJECT, 'models/big_customers.sql': "select customer\nfrom {{ ref('by_customer') }}\nwhere revenu > 100\n" });
  const first = await runCli(dir, ['compile']);
  assert.is(first.code, 2);
  assert.match(first.stderr, /^models\/big_customers\.sql:3:7: error E_BIGQUERY_SQL: BigQuery would reject big_customers: Unrecognized name: revenu/);
  assert.ok(existsSync(join(dir, 'target/cache/zetasql-bq.json')));
  const second = await runCli(dir, ['compile']);
  assert.equal(second, first);
  await writeFile(join(dir, 'models/big_customers.sql'), "select customer\nfrom {{ ref('by_customer') }}\nwhere revenue > 100\n");
  const fixed = await runCli(dir, ['compile']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stdout, /^Compiled 3 models for target bq \(bigquery, checked with ZetaSQL\)/);
});

test.run();
