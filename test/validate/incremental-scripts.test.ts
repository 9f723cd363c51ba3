/**
 * For an incremental model, `pdb compile` for a BigQuery target checks the script that builds its
 * next increment too (the DELETE by partition_by and unique_key, incremental_replaced()'s reads,
 * the INSERT, the mark), not only its SELECT: a unique_key or an incremental_replaced() column the
 * model does not select is found offline, at the template line that names it, and cached.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempProject } from '../support/temp-project.js';
import { diagnostics, SHOP_PROJECT, validateProject } from './validate-project.js';

const HINT =
  "target/compiled/bq/models/by_customer.sql is valid on its own; the script that builds its next increment is not. Check that partition_by's field and every unique_key column are columns the model selects, and that incremental_replaced() names one.";

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
        'BigQuery would reject the incremental build of by_customer: Unrecognized name: customr; Did you mean customer? (at line 10:97 of its script, delete from `p.d.by_customer` where date(`order_date`) >= pdb_since or `order...)',
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
      message: 'BigQuery would reject the incremental build of by_customer: Unrecognized name: custmer; Did you mean customer? (at line 6:35 of its script, create temp table pdb_new_rows as)',
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

test.run();
