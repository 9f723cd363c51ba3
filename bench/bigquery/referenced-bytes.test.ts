import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LeafColumn } from './column-bytes.js';
import { enclosingBlock, referencedBytes } from './referenced-bytes.js';

const leaf = (path: string, bytes: number): LeafColumn => ({ path: path.split('.'), type: 'STRING', bytes });
const RAW = 'p.d.events_*';
const catalog = new Map<string, readonly LeafColumn[]>([
  [RAW, [leaf('user_id', 1), leaf('user_pseudo_id', 10), leaf('event_date', 100), leaf('geo.country', 1000), leaf('geo.city', 10_000), leaf('event_params.key', 100_000), leaf('event_params.value.double_value', 1_000_000)]],
  ['p.d.daily', [leaf('user_id', 3), leaf('n', 5)]],
]);

test('counts the leaves whose every path part is a word of the block that names the table, not names given with as', () => {
  const query = `create or replace table \`p.d.stg\` as
with mapped as (
  select cast(user_pseudo_id as string) as user_id, geo.country as country,
    (select p.value.double_value from unnest(event_params) as p where p.key = 'value' limit 1) as revenue
  from \`p.d.events_*\`
)
select user_id, date(event_date) as event_date, count(*) from mapped group by 1, 2`;
  assert.equal(referencedBytes(query, catalog), [{ table: RAW, bytes: 10 + 1000 + 100_000 + 1_000_000, columns: ['user_pseudo_id', 'geo.country', 'event_params.key', 'event_params.value.double_value'] }]);
});

test('a select * in the block counts every column; count(*) does not; the created table and unknown tables are not reads', () => {
  assert.equal(referencedBytes('create or replace table `p.d.daily` as select * from `p.d.daily`', catalog), []);
  assert.equal(referencedBytes('select * from `p.d.daily`', catalog), [{ table: 'p.d.daily', bytes: 8, columns: ['user_id', 'n'] }]);
  assert.equal(referencedBytes('select d.* from `p.d.daily` as d', catalog), [{ table: 'p.d.daily', bytes: 8, columns: ['user_id', 'n'] }]);
  assert.equal(referencedBytes('select n, count(*) as c from `p.d.daily` join `p.d.other` using (x)', catalog), [{ table: 'p.d.daily', bytes: 5, columns: ['n'] }]);
  assert.equal(referencedBytes("select 'user_id' as n -- user_id\nfrom `p.d.daily`", catalog), [{ table: 'p.d.daily', bytes: 0, columns: [] }]);
});

test('the enclosing block is the innermost parentheses around the position, or the whole text', () => {
  const code = 'a (b (c) X d) e';
  assert.is(enclosingBlock(code, code.indexOf('X')), 'b (c) X d');
  assert.is(enclosingBlock(code, code.indexOf('e')), code);
});

test.run();
