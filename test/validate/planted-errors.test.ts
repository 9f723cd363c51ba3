/** Mistakes BigQuery would reject, found offline by ZetaSQL, each at its model file and template line. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempProject } from '../support/temp-project.js';
import { diagnostics, SHOP_PROJECT, validateProject } from './validate-project.js';

const HINT = (compiled: string): string =>
  `Fix the model, or the macro or mapping expression it uses, then compile again. ${compiled} shows the SQL that was checked.`;

test('an unknown column is reported at its template line with ZetaSQL did-you-mean; its downstream model is skipped, not reported', async () => {
  const dir = await tempProject({
    ...SHOP_PROJECT,
    'models/revenue.sql': "{#- a misspelt column -#}\nselect\n  order_date,\n  sum(amout) as revenue\nfrom {{ ref('stg_orders') }}\ngroup by order_date\n",
    'models/doubled.sql': "select order_date, revenue * 2 as doubled from {{ ref('revenue') }}\n",
  });
  const validation = await validateProject(dir);
  assert.is(validation.status, 'validated');
  assert.equal(diagnostics(validation), [
    {
      code: 'E_BIGQUERY_SQL',
      message: 'BigQuery would reject revenue: Unrecognized name: amout; Did you mean amount? (at target/compiled/bq/models/revenue.sql:3:7)',
      where: 'models/revenue.sql:4:7',
      hint: HINT('target/compiled/bq/models/revenue.sql'),
    },
  ]);
  assert.equal(validation.skipped, ['doubled']);
  assert.equal([...validation.schemas.keys()], ['stg_orders']);
});

test('a type error (DATE + STRING) is reported at the expression', async () => {
  const dir = await tempProject({
    ...SHOP_PROJECT,
    'models/later.sql': "select\n  customer,\n  order_date + 'x' as later\nfrom {{ ref('stg_orders') }}\n",
  });
  assert.equal(diagnostics(await validateProject(dir)), [
    {
      code: 'E_BIGQUERY_SQL',
      message:
        'BigQuery would reject later: No matching signature for operator + for argument types: DATE, STRING. Supported signatures: INT64 + INT64; FLOAT64 + FLOAT64; NUMERIC + NUMERIC; BIGNUMERIC + BIGNUMERIC; DATE + INT64; INT64 + DATE (at target/compiled/bq/models/later.sql:3:3)',
      where: 'models/later.sql:3:3',
      hint: HINT('target/compiled/bq/models/later.sql'),
    },
  ]);
});

test('a wrong function signature is reported at the call, traced through the compiled SQL', async () => {
  const dir = await tempProject({
    ...SHOP_PROJECT,
    'models/initials.sql': "with named as (\n  select customer from {{ ref('stg_orders') }}\n)\nselect substr(customer) as initial from named\n",
  });
  assert.equal(diagnostics(await validateProject(dir)), [
    {
      code: 'E_BIGQUERY_SQL',
      message:
        'BigQuery would reject initials: No matching signature for function SUBSTR for argument types: STRING. Supported signatures: SUBSTR(STRING, INT64, [INT64]); SUBSTR(BYTES, INT64, [INT64]) (at target/compiled/bq/models/initials.sql:4:8)',
      where: 'models/initials.sql:4:8',
      hint: HINT('target/compiled/bq/models/initials.sql'),
    },
  ]);
});

test('a source without declared columns is reported once, and the models reading it are skipped', async () => {
  const dir = await tempProject({
    ...SHOP_PROJECT,
    'models/sources.yml': 'sources:\n  - name: shop\n    tables:\n      - name: orders\n        bigquery: { table: "p.raw.orders" }\n',
    'models/customers.sql': "select distinct customer from {{ ref('stg_orders') }}\n",
  });
  const validation = await validateProject(dir);
  assert.equal(diagnostics(validation), [
    {
      code: 'E_BIGQUERY_SOURCE_SCHEMA',
      message: "source 'shop.orders' declares no columns, so the BigQuery SQL that reads it cannot be checked.",
      where: 'models/sources.yml:4:9',
      hint: "Add columns: to the 'orders' table of source 'shop', each with its BigQuery data_type, e.g. - { name: event_name, data_type: STRING }.",
    },
  ]);
  assert.equal(validation.skipped, ['stg_orders', 'customers']);
});

test('a column with a wrong or missing data_type is named', async () => {
  const dir = await tempProject({
    ...SHOP_PROJECT,
    'models/sources.yml':
      'sources:\n  - name: shop\n    tables:\n      - name: orders\n        bigquery: { table: "p.raw.orders" }\n        columns:\n          - { name: order_id, data_type: INT65 }\n          - { name: customer }\n',
  });
  assert.equal(diagnostics(await validateProject(dir)), [
    {
      code: 'E_BIGQUERY_SOURCE_SCHEMA',
      message: "source 'shop.orders': column 'order_id': 'INT65' is not a BigQuery type; column 'customer' has no data_type.",
      where: 'models/sources.yml:4:9',
      hint: 'Give every column a BigQuery data_type: STRING, INT64, FLOAT64, BOOL, DATE, TIMESTAMP, NUMERIC, STRUCT<name TYPE, ...> or ARRAY<TYPE>.',
    },
  ]);
});

test.run();
