/**
 * `pdb compile` for a BigQuery target checks the statements that build a model's table, not only
 * its SELECT: the CREATE's PARTITION BY and CLUSTER BY, and for an incremental model the script of
 * its next increment (the DELETE by partition_by and unique_key, incremental_replaced()'s reads,
 * the INSERT, the mark). A partition_by, cluster_by, unique_key or incremental_replaced() column
 * the model does not select is found offline, at the template line that names it, and cached.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempProject } from '../support/temp-project.js';
import { diagnostics, SHOP_PROJECT, validateProject } from './validate-project.js';

const HINT =
  "target/compiled/bq/models/by_customer.sql is valid on its own; a statement that builds its table is not. Check that partition_by's field, cluster_by's columns and every unique_key column are columns the model selects, and that incremental_replaced() names one.";

const byCustomer = (uniqueKey: string, replaced: string): string =>
  [
    `{{ config(materialized='incremental', partition_by={'field': 'order_date', 'data_type': 'date'}, unique_key=['${uniqueKey}']) }}`,
    'select customer, max(order_date) as order_date, sum(amount) as amount',
    "from {{ ref('stg_orders') }}",
    `where order_date >= {{ incremental_since(3) }} or {{ incremental_replaced('${replaced}') }}`,
    'group by customer',
    '',
  ].join('\n');

/** A model downstream of the incremental one: still checked against its columns. */
const TOP = "select customer from {{ ref('by_customer') }} where amount > 100\n";

test('a unique_key the model does not select is reported at the config; its SELECT is fine, so its readers are still checked', async () => {
  const dir = await tempProject({ ...SHOP_PROJECT, 'models/by_customer.sql': byCustomer('customr', 'customer'), 'models/top.sql': TOP });
  const validation = await validateProject(dir);
  assert.equal(diagnostics(validation), [
    {
      code: 'E_BIGQUERY_SQL',
      message:
        'BigQuery would reject the incremental build of by_customer: Unrecognized name: customr; Did you mean customer? (in: delete from `p.d.by_customer` where date(`order_date`) >= pdb_since or `order...)',
      where: 'models/by_customer.sql:1:111',
      hint: HINT,
    },
  ]);
  assert.equal([...validation.schemas.keys()], ['stg_orders', 'by_customer', 'top']);
});

test("incremental_replaced() of a column the model's table lacks is reported at the call", async () => {
  const dir = await tempProject({ ...SHOP_PROJECT, 'models/by_customer.sql': byCustomer('customer', 'custmer') });
  assert.equal(diagnostics(await validateProject(dir)), [
    {
      code: 'E_BIGQUERY_SQL',
      message: 'BigQuery would reject the incremental build of by_customer: Unrecognized name: custmer; Did you mean customer? (in: create temp table pdb_new_rows as)',
      where: 'models/by_customer.sql:4:76',
      hint: HINT,
    },
  ]);
});

test('the script check is cached: a valid incremental model is validated again without a server, and an error is reported again from the cache', async () => {
  for (const [uniqueKey, errors] of [['customer', 0], ['customr', 1]] as const) {
    const dir = await tempProject({ ...SHOP_PROJECT, 'models/by_customer.sql': byCustomer(uniqueKey, 'customer') });
    const cacheFile = join(dir, 'target/cache/zetasql-bq.json');
    const starts: number[] = [];
    const server = { onStart: (pid: number) => starts.push(pid) };
    const first = await validateProject(dir, { server, cacheFile });
    assert.equal({ analyzed: first.analyzed, errors: first.errors.length, starts: starts.length }, { analyzed: 2, errors, starts: 1 }, uniqueKey);
    const second = await validateProject(dir, { server, cacheFile });
    assert.equal({ analyzed: second.analyzed, errors: diagnostics(second), starts: starts.length }, { analyzed: 0, errors: diagnostics(first), starts: 1 }, uniqueKey);
  }
});

test('a partition_by or cluster_by column a table model does not select is reported at the config', async () => {
  const table = (partition: string, cluster: string): string =>
    `{{ config(materialized='table', partition_by={'field': '${partition}', 'data_type': 'date'}, cluster_by=['${cluster}']) }}\nselect customer, order_date, amount\nfrom {{ ref('stg_orders') }}\n`;
  const messages = async (partition: string, cluster: string) => diagnostics(await validateProject(await tempProject({ ...SHOP_PROJECT, 'models/by_customer.sql': table(partition, cluster) }))).map((d) => `${d.where}: ${d.message}`);
  assert.equal(await messages('order_dat', 'customer'), [
    'models/by_customer.sql:1:57: BigQuery would reject the build of by_customer: Unrecognized name: order_dat; Did you mean order_date? (in: create or replace table `p.d.by_customer`)',
  ]);
  assert.equal(await messages('order_date', 'custmer'), [
    'models/by_customer.sql:1:105: BigQuery would reject the build of by_customer: Unrecognized name: custmer; Did you mean customer? (in: create or replace table `p.d.by_customer`)',
  ]);
  assert.equal(await messages('order_date', 'customer'), []);
});

test.run();
