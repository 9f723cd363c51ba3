import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { retention, theDefaultSample } from './sample-fixture.js';

// Classic "on day N" retention on UTC calendar days, cohort = date of first_open.
const BANDS: readonly (readonly [number, number, number])[] = [
  [1, 0.25, 0.35],
  [7, 0.05, 0.11],
  [30, 0.015, 0.045],
];

for (const [n, lo, hi] of BANDS) {
  test(`D${n} retention of the default sample is in [${lo}, ${hi}]`, async () => {
    const { dir } = await theDefaultSample();
    const { users, rate } = await retention(dir, n);
    assert.ok(users > 5000, `cohort users ${users}`);
    assert.ok(rate >= lo && rate <= hi, `D${n} = ${rate}`);
  });
}

test.run();
