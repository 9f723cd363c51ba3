import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { query, retention, tempDir } from './sample-fixture.js';

/** A null sample: the default shape with `effects: false`, generated once for this file. */
let made: Promise<string> | undefined;
function nullSample(): Promise<string> {
  made ??= (async () => {
    const dir = tempDir();
    await generateSample({ outDir: dir, users: 20000, seed: 7, effects: false });
    return dir;
  })();
  return made;
}

async function ratioToNeighbours(figure: string, date: string): Promise<number> {
  const dir = await nullSample();
  const rows = await query(dir, `SELECT event_date AS d, ${figure} AS x FROM ev GROUP BY 1 ORDER BY 1`);
  const values = rows.map((r) => ({ d: String(r['d']), x: Number(r['x']) }));
  const i = values.findIndex((v) => v.d === date);
  const near = values.slice(Math.max(0, i - 7), i + 8).filter((v) => v.d !== date).map((v) => v.x).sort((a, b) => a - b);
  return (values[i]?.x ?? 0) / (near[Math.floor(near.length / 2)] ?? 1);
}

test('no outage: the planted outage day has its usual volume', async () => {
  const ratio = await ratioToNeighbours('count(*)', '20261009');
  assert.ok(ratio > 0.8 && ratio < 1.25, `ratio ${ratio}`);
});

test('no promotion: IAP revenue of the planted promotion day is not a spike', async () => {
  const ratio = await ratioToNeighbours("coalesce(sum(event_value_in_usd) FILTER (WHERE event_name = 'in_app_purchase'), 0)", '20261016');
  assert.ok(ratio < 1.9, `ratio ${ratio}`);
});

test('no weak channel: tiktok users come back on day 1 as often as the others', async () => {
  const dir = await nullSample();
  const tiktok = await retention(dir, 1, "source = 'tiktok'");
  const others = await retention(dir, 1, "source <> 'tiktok'");
  assert.ok(tiktok.users > 1500, String(tiktok.users));
  const ratio = tiktok.rate / others.rate;
  assert.ok(ratio > 0.88 && ratio < 1.12, `ratio ${ratio}`);
});

test('no release lift: D1 of cohorts before and after the release day are alike', async () => {
  const dir = await nullSample();
  const before = await retention(dir, 1, "c < DATE '2026-10-01'");
  const after = await retention(dir, 1, "c >= DATE '2026-10-01'");
  const lift = after.rate / before.rate;
  assert.ok(lift > 0.9 && lift < 1.1, `lift ${lift}`);
});

test('no country differences: users in the US and in India pay alike (with effects: about 4.5x)', async () => {
  const dir = await nullSample();
  const rows = await query(
    dir,
    `SELECT geo.country AS c, count(DISTINCT user_pseudo_id) FILTER (WHERE event_name = 'in_app_purchase') / count(DISTINCT user_pseudo_id) AS payers,
            avg((SELECT p.value.double_value FROM unnest(event_params) AS t(p) WHERE p.key = 'value')) FILTER (WHERE event_name = 'ad_impression') AS ad_value
     FROM ev WHERE geo.country IN ('United States', 'India') GROUP BY 1 ORDER BY 1`,
  );
  const [india, us] = rows;
  const payRatio = Number(us?.['payers']) / Number(india?.['payers']);
  assert.ok(payRatio > 0.6 && payRatio < 1.6, `payer ratio ${payRatio}`);
  const adRatio = Number(us?.['ad_value']) / Number(india?.['ad_value']);
  assert.ok(adRatio > 0.9 && adRatio < 1.1, `ad value ratio ${adRatio}`);
});

test('same shape: the same columns, events and about as many events as the planted sample', async () => {
  const dir = await nullSample();
  const [row] = await query(dir, 'SELECT count(*) AS n, count(DISTINCT event_name) AS names, count(DISTINCT event_date) AS dates FROM ev');
  assert.ok(Number(row?.['n']) > 850_000 && Number(row?.['n']) < 1_100_000, String(row?.['n']));
  assert.is(Number(row?.['names']), 12);
  assert.is(Number(row?.['dates']), 60);
});

test.run();
