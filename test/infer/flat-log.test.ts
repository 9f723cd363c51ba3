import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/temp-project.js';
import { ALL_MODELS, duckdb, modelStatuses, projectWithSource, readText, runInfer, successes } from './infer-harness.js';

// A flat web log: millisecond epoch times, page names as events, "City, ST" locations, one country.
const FLAT_LOG = `copy (
  with users as (select i, 'anon-' || i as anonymous_id, ['Austin, TX', 'Denver, CO', 'Seattle, WA', 'Boston, MA'][1 + i % 4] as location from range(300) as t(i)),
  pages as (select * from (values (0, 'home'), (1, 'search'), (2, 'product'), (3, 'cart'), (4, 'purchase')) as v(k, page))
  select anonymous_id, 1772323200000 + (day * 86400 + 3600 + (i % 50) * 60 + k * 30) * 1000 as ts, page, location, 'United States' as country,
    case when page = 'purchase' then [4.99, 9.99, 19.99][1 + i % 3] end as amount
  from users, range(6) as d(day), pages
  where day >= i % 3 and k <= (i + day) % 5
  order by ts
) to 'FILE' (format parquet)`;

test('a flat log with ms epochs, page events, "City, ST" and one country: region geo, no channel', async () => {
  const dir = await projectWithSource('data/log.parquet');
  await mkdir(join(dir, 'data'), { recursive: true });
  await duckdb([FLAT_LOG.replace('FILE', join(dir, 'data', 'log.parquet'))]);
  const inferred = await runInfer(dir, ['--source', 'app.events']);
  assert.is(inferred.stderr, '');
  assert.is(inferred.code, 0);
  const yaml = await readText(dir, 'mapping.yml');
  const body = yaml.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
  assert.is(body, [
    'source: app.events',
    'timezone: UTC',
    'geo_level: region',
    '',
    'columns:',
    "  user_id: nullif(anonymous_id, '')",
    `  event_time: "{{ timestamp_from_millis('ts') }}"`,
    '  event_name: page',
    '  country: country',
    "  region: case when strpos(location, ',') > 0 then trim(substr(location, strpos(location, ',') + 1)) end",
    '  revenue: amount',
    '',
    'events:',
    '  activity: all',
    '  new_user: []',
    '  funnel:',
    '    - { name: home, events: [home] }',
    '    - { name: search, events: [search] }',
    '    - { name: product, events: [product] }',
    '    - { name: cart, events: [cart] }',
    '    - { name: iap, events: [purchase] }',
    '  revenue_types:',
    '    iap: [purchase]',
    '',
  ].join('\n'));
  assert.ok(yaml.includes(`  # 0.85: values of 'location' are "City, ST" strings: the region is the part after the comma; every part after the comma is a US state code\n`));
  assert.ok(yaml.includes('  # channel: no column found\n'));

  const listed = await runCli(dir, ['ls']);
  assert.is(listed.stderr, 'note: 1 model is disabled because the data cannot support it:\n  date_wise_new_logins_by_channel: the mapping has no channel\n');
  const built = await runCli(dir, ['build']);
  assert.is(built.code, 0, built.stdout + built.stderr);
  assert.equal(await modelStatuses(dir), successes(ALL_MODELS.filter((m) => m !== 'date_wise_new_logins_by_channel')));
});

test.run();
