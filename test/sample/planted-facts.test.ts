import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { query, retention, theDefaultSample } from './sample-fixture.js';

/** Per-date figures of the default sample, keyed by event_date. */
async function daily(sql: string): Promise<Map<string, number>> {
  const { dir } = await theDefaultSample();
  const rows = await query(dir, `SELECT event_date AS d, ${sql} AS x FROM ev GROUP BY 1 ORDER BY 1`);
  return new Map(rows.map((r) => [String(r['d']), Number(r['x'])]));
}

/** The median of the figure over the 7 dates either side of `date`, leaving out the planted days. */
function medianAround(values: Map<string, number>, date: string): number {
  const dates = [...values.keys()];
  const i = dates.indexOf(date);
  const near = dates
    .slice(Math.max(0, i - 7), i + 8)
    .filter((d) => d !== date && d !== '20261009' && d !== '20261016')
    .map((d) => values.get(d) ?? 0)
    .sort((a, b) => a - b);
  return near[Math.floor(near.length / 2)] ?? 0;
}

test('the default sample: 20,000 users, 60 shards, about 0.9-1.0M events', async () => {
  const { result } = await theDefaultSample();
  assert.is(result.users, 20000);
  assert.is(result.files.length, 60);
  assert.ok(result.events > 850_000 && result.events < 1_050_000, String(result.events));
});

test('tracking outage on 2026-10-09: about 10% of the usual events', async () => {
  const events = await daily('count(*)');
  const ratio = (events.get('20261009') ?? 0) / medianAround(events, '20261009');
  assert.ok(ratio > 0.07 && ratio < 0.13, `ratio ${ratio}`);
});

test('promotion on 2026-10-16: IAP revenue about 3x a normal day', async () => {
  const revenue = await daily("coalesce(sum(event_value_in_usd) FILTER (WHERE event_name = 'in_app_purchase'), 0)");
  const ratio = (revenue.get('20261016') ?? 0) / medianAround(revenue, '20261016');
  assert.ok(ratio > 2 && ratio < 4.5, `ratio ${ratio}`);
});

test('tiktok users come back on day 1 about half as often as the others', async () => {
  const { dir } = await theDefaultSample();
  const tiktok = await retention(dir, 1, "source = 'tiktok'");
  const others = await retention(dir, 1, "source <> 'tiktok'");
  assert.ok(tiktok.users > 1500, String(tiktok.users));
  const ratio = tiktok.rate / others.rate;
  assert.ok(ratio > 0.4 && ratio < 0.65, `ratio ${ratio}`);
});

test('the 2.4.0 release on 2026-10-01: D1 of later cohorts is a little higher', async () => {
  const { dir } = await theDefaultSample();
  const before = await retention(dir, 1, "c < DATE '2026-10-01'");
  const after = await retention(dir, 1, "c >= DATE '2026-10-01'");
  const lift = after.rate / before.rate;
  assert.ok(lift > 1.03 && lift < 1.3, `lift ${lift}`);
  const [row] = await query(dir, "SELECT min(event_date) AS d FROM ev WHERE app_info.version = '2.4.0'");
  assert.is(row?.['d'], '20261001');
});

test('2-4% of users ever pay; many see ads; a few subscribe', async () => {
  const { dir } = await theDefaultSample();
  const [row] = await query(
    dir,
    `SELECT count(DISTINCT user_pseudo_id) FILTER (WHERE event_name = 'in_app_purchase') / count(DISTINCT user_pseudo_id) AS payers,
            count(DISTINCT user_pseudo_id) FILTER (WHERE event_name = 'ad_impression') / count(DISTINCT user_pseudo_id) AS ad_viewers,
            count(DISTINCT user_pseudo_id) FILTER (WHERE event_name = 'subscription_start') AS subscribers
     FROM ev`,
  );
  assert.ok(Number(row?.['payers']) >= 0.02 && Number(row?.['payers']) <= 0.04, String(row?.['payers']));
  assert.ok(Number(row?.['ad_viewers']) > 0.3, String(row?.['ad_viewers']));
  assert.ok(Number(row?.['subscribers']) > 20 && Number(row?.['subscribers']) < 200, String(row?.['subscribers']));
});

test('first-day funnel (ordered, as METRICS.md defines it) drops off step by step; some start a level before the tutorial ends', async () => {
  const { dir } = await theDefaultSample();
  const steps = ['session_start', 'tutorial_begin', 'tutorial_complete', 'level_start', 'level_complete', 'in_app_purchase'];
  // t_k = the earliest step-k event on the cohort date at or after t_(k-1).
  const ctes = steps.map((name, k) =>
    k === 0
      ? `t0 AS (SELECT e.user_pseudo_id AS u, min(e.event_timestamp) AS t FROM day0 e WHERE e.event_name = '${name}' GROUP BY 1)`
      : `t${k} AS (SELECT e.user_pseudo_id AS u, min(e.event_timestamp) AS t FROM day0 e JOIN t${k - 1} p ON p.u = e.user_pseudo_id
           WHERE e.event_name = '${name}' AND e.event_timestamp >= p.t GROUP BY 1)`,
  );
  const [row] = await query(
    dir,
    `WITH first AS (SELECT user_pseudo_id AS u, event_date AS d FROM ev WHERE event_name = 'first_open'),
     day0 AS (SELECT e.* FROM ev e JOIN first f ON f.u = e.user_pseudo_id AND f.d = e.event_date),
     ${ctes.join(',\n')},
     early AS (
       SELECT user_pseudo_id FROM day0 GROUP BY 1
       HAVING min(event_timestamp) FILTER (WHERE event_name = 'level_start') < min(event_timestamp) FILTER (WHERE event_name = 'tutorial_complete')
     )
     SELECT ${steps.map((_, k) => `(SELECT count(*) FROM t${k}) AS s${k}`).join(', ')}, (SELECT count(*) FROM early) AS early`,
  );
  const reached = steps.map((_, k) => Number(row?.[`s${k}`]));
  for (let k = 1; k < reached.length; k++) assert.ok(reached[k]! < reached[k - 1]!, String(reached));
  assert.ok(reached[0]! > 19000, String(reached));
  assert.ok(reached[5]! / reached[0]! > 0.003 && reached[5]! / reached[0]! < 0.03, String(reached));
  assert.ok(Number(row?.['early']) > 200, String(row?.['early']));
});

test.run();
