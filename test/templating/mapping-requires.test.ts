import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compiledSql } from '../support/compile-project.js';
import { withFiles } from './base-project.js';

// The E_MAPPING_FIELD hint promises that a model listing the field in `requires` is disabled,
// not failed, when the mapping lacks it. These tests hold the project to that promise.
const REVENUE_MODEL = ['select', '  sum({{ mapping.revenue }}) as revenue', "from {{ source('app', 'events') }}", ''].join('\n');

test('a model whose YAML config requires an unmapped field is left out, not failed', async () => {
  const files = withFiles({
    'models/users.sql': 'select {{ mapping.user_id }} as user_id\nfrom t\n',
    'models/revenue.sql': REVENUE_MODEL,
    'models/revenue.yml': 'models:\n  - name: revenue\n    config: { requires: [revenue] }\n',
  });
  assert.equal(await compiledSql(files), { users: 'select uid as user_id\nfrom t\n' });
});

test('a model whose config() requires an unmapped field is left out, not failed', async () => {
  const files = withFiles({
    'models/users.sql': 'select {{ mapping.user_id }} as user_id\nfrom t\n',
    'models/revenue.sql': `{{ config(requires=['revenue']) }}\n${REVENUE_MODEL}`,
  });
  assert.equal(await compiledSql(files), { users: 'select uid as user_id\nfrom t\n' });
});

test('a model whose required fields are all mapped is built as usual', async () => {
  const files = withFiles({ 'models/users.sql': "{{ config(requires=['user_id', 'country']) }}\nselect {{ mapping.user_id }} as user_id\nfrom t\n" });
  assert.equal(await compiledSql(files), { users: 'select uid as user_id\nfrom t\n' });
});

test.run();
