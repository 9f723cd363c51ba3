import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { query, tempDir } from './sample-fixture.js';

const dir = tempDir();
const ready = generateSample({ outDir: dir, users: 2000, days: 35 });

test('columns and types are the GA4 export shape', async () => {
  await ready;
  const rows = await query(dir, 'DESCRIBE SELECT * EXCLUDE (filename) FROM ev');
  assert.equal(
    rows.map((r) => [r['column_name'], r['column_type']]),
    [
      ['event_date', 'VARCHAR'],
      ['event_timestamp', 'BIGINT'],
      ['event_name', 'VARCHAR'],
      ['event_params', 'STRUCT("key" VARCHAR, "value" STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]'],
      ['event_value_in_usd', 'DOUBLE'],
      ['user_id', 'VARCHAR'],
      ['user_pseudo_id', 'VARCHAR'],
      ['user_first_touch_timestamp', 'BIGINT'],
      ['platform', 'VARCHAR'],
      ['device', 'STRUCT(category VARCHAR, operating_system VARCHAR, mobile_brand_name VARCHAR)'],
      ['geo', 'STRUCT(continent VARCHAR, country VARCHAR, region VARCHAR, city VARCHAR)'],
      ['traffic_source', 'STRUCT("name" VARCHAR, medium VARCHAR, "source" VARCHAR)'],
      ['app_info', 'STRUCT(id VARCHAR, "version" VARCHAR)'],
    ],
  );
});

test('event_date is the UTC date of event_timestamp; late rows sit in the next day\'s shard', async () => {
  await ready;
  const [row] = await query(
    dir,
    `SELECT count(*) FILTER (WHERE event_date <> strftime(make_timestamp(event_timestamp), '%Y%m%d')) AS wrong_date,
            count(*) FILTER (WHERE filename NOT LIKE '%events_' || event_date || '.parquet') AS late,
            count(*) FILTER (WHERE filename NOT LIKE '%events_' || strftime(strptime(event_date, '%Y%m%d') + INTERVAL 1 DAY, '%Y%m%d') || '.parquet'
                             AND filename NOT LIKE '%events_' || event_date || '.parquet') AS elsewhere,
            count(*) AS n
     FROM ev`,
  );
  assert.is(row?.['wrong_date'], '0');
  assert.is(row?.['elsewhere'], '0');
  const late = Number(row?.['late']) / Number(row?.['n']);
  assert.ok(late > 0.001 && late < 0.02, `late share ${late}`);
});

test('the game events, each with its params', async () => {
  await ready;
  const rows = await query(
    dir,
    `SELECT event_name, list_sort(list_distinct(flatten(list(list_transform(event_params, p -> p.key))))) AS keys
     FROM ev GROUP BY 1 ORDER BY 1`,
  );
  const session = ['ga_session_id', 'ga_session_number'];
  const sorted = (keys: string[]) => [...keys].sort();
  assert.equal(
    rows.map((r) => [r['event_name'], r['keys']]),
    [
      ['ad_impression', sorted([...session, 'ad_platform', 'ad_format', 'ad_source', 'ad_unit_name', 'value', 'currency'])],
      ['first_open', session],
      ['in_app_purchase', sorted([...session, 'product_id', 'value', 'currency'])],
      ['level_complete', sorted([...session, 'level_name', 'level'])],
      ['level_fail', sorted([...session, 'level_name', 'level'])],
      ['level_start', sorted([...session, 'level_name', 'level'])],
      ['session_start', session],
      ['subscription_renew', ['currency', 'product_id', 'value']],
      ['subscription_start', sorted([...session, 'product_id', 'value', 'currency'])],
      ['tutorial_begin', session],
      ['tutorial_complete', session],
      ['user_engagement', sorted([...session, 'engagement_time_msec'])],
    ],
  );
});

test('revenue: IAP and subscriptions in event_value_in_usd, ads only in the value param (double)', async () => {
  await ready;
  const rows = await query(
    dir,
    `SELECT event_name,
            count(*) FILTER (WHERE event_value_in_usd IS NULL) AS usd_null,
            min(list_filter(event_params, p -> p.key = 'value')[1].value.double_value) AS min_value,
            max(list_filter(event_params, p -> p.key = 'value')[1].value.double_value) AS max_value
     FROM ev WHERE event_name IN ('ad_impression', 'in_app_purchase', 'subscription_start') GROUP BY 1 ORDER BY 1`,
  );
  const ads = rows[0]!;
  assert.is(ads['event_name'], 'ad_impression');
  assert.ok(Number(ads['usd_null']) > 0);
  assert.ok(Number(ads['min_value']) > 0.0005 && Number(ads['max_value']) < 0.05, JSON.stringify(ads));
  assert.is(rows[1]!['usd_null'], '0');
  assert.is(rows[2]!['usd_null'], '0');
  const [usd] = await query(dir, "SELECT list_sort(list_distinct(list(event_value_in_usd))) AS v FROM ev WHERE event_name = 'in_app_purchase'");
  assert.equal(usd?.['v'], [0.99, 2.99, 3.99, 4.99, 9.99]);
});

test('users: mostly anonymous, a few logged in; platforms, channels and countries as documented', async () => {
  await ready;
  const [row] = await query(
    dir,
    `SELECT count(DISTINCT user_pseudo_id) AS users, count(DISTINCT user_id) AS accounts,
            list_sort(list_distinct(list(platform))) AS platforms,
            list_sort(list_distinct(list(traffic_source.source))) AS sources,
            list_sort(list_distinct(list(geo.country))) AS countries,
            count(*) FILTER (WHERE user_id IS NOT NULL) / count(*) AS logged_in_share,
            bool_and(length(user_pseudo_id) = 32) AS ids_32_hex,
            bool_and(user_first_touch_timestamp <= event_timestamp) AS first_touch_first
     FROM ev`,
  );
  assert.equal(row?.['platforms'], ['ANDROID', 'IOS']);
  assert.equal(row?.['sources'], ['(direct)', 'applovin', 'facebook', 'google', 'google-play', 'tiktok', 'unity_ads']);
  assert.equal(row?.['countries'], ['Brazil', 'Canada', 'France', 'Germany', 'India', 'Indonesia', 'Japan', 'Mexico', 'United Kingdom', 'United States']);
  assert.ok(Number(row?.['logged_in_share']) > 0.05 && Number(row?.['logged_in_share']) < 0.5, String(row?.['logged_in_share']));
  assert.ok(Number(row?.['accounts']) < Number(row?.['users']) / 2);
  assert.is(row?.['ids_32_hex'], true);
  assert.is(row?.['first_touch_first'], true);
});

test('levels run in sequence within a session: no level_complete of level n before one of n-1', async () => {
  await ready;
  const [row] = await query(
    dir,
    `WITH c AS (
       SELECT user_pseudo_id, event_timestamp, list_filter(event_params, p -> p.key = 'level')[1].value.int_value AS level
       FROM ev WHERE event_name = 'level_complete'
     )
     SELECT count(*) FILTER (WHERE level <> prev + 1) AS out_of_sequence, count(*) AS n
     FROM (SELECT level, lag(level, 1, 0) OVER (PARTITION BY user_pseudo_id ORDER BY event_timestamp) AS prev FROM c)`,
  );
  assert.ok(Number(row?.['n']) > 1000);
  // Late rows and outage-day losses can hide a completion; anything beyond that is a bug.
  assert.ok(Number(row?.['out_of_sequence']) / Number(row?.['n']) < 0.02, JSON.stringify(row));
});

test.run();
