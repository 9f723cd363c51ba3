import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fastest, markdownTable, tableRow, worst, type SizeResult } from './bench-table.js';

const result = (over: Partial<SizeResult>): SizeResult => ({
  label: '10M',
  events: 10_192_922,
  floorSeconds: [10],
  floorCpuSeconds: [6],
  buildSeconds: [20],
  buildCpuSeconds: [36],
  buildPeakKb: [1024 * 1000],
  ...over,
});

test('fastest and worst, NaN when empty or when a value is missing', () => {
  assert.is(fastest([3, 1, 2]), 1);
  assert.is(worst([3, 1, 2]), 3);
  assert.ok(Number.isNaN(fastest([])));
  assert.ok(Number.isNaN(worst([1, Number.NaN])));
});

test('a build at exactly 2x the floor and under 2 GB meets the goal', () => {
  assert.equal(tableRow(result({})), { events: '10M (10,192,922)', floor: '10.00', build: '20.00', ratio: '2.00', cpuRatio: '6.00', peakMb: '1000', goal: 'ratio <= 2, peak < 2 GB', met: 'yes' });
});

test('over 2x, or at 2 GB, or with no peak measured, misses it', () => {
  assert.is(tableRow(result({ buildSeconds: [20.1] })).met, 'no');
  assert.is(tableRow(result({ buildPeakKb: [2048 * 1024] })).met, 'no');
  const noPeak = tableRow(result({ buildPeakKb: [Number.NaN] }));
  assert.is(noPeak.peakMb, '?');
  assert.is(noPeak.met, 'no');
});

test('the fastest runs are compared, and the largest peak: a slowed floor cannot flatter the ratio', () => {
  const row = tableRow(result({ floorSeconds: [9.94, 10.04, 2.95], buildSeconds: [59.06, 27.34, 24.64], buildPeakKb: [1_029_120, 1_214_464, 1_197_056] }));
  assert.equal([row.floor, row.build, row.ratio, row.peakMb, row.met], ['2.95', '24.64', '8.35', '1186', 'no']);
});

test('no CPU figures (no /usr/bin/time) shows ? as the CPU ratio', () => {
  assert.is(tableRow(result({ floorCpuSeconds: [Number.NaN], buildCpuSeconds: [Number.NaN] })).cpuRatio, '?');
});

test('the markdown table', () => {
  assert.is(
    markdownTable([result({ label: '1M', events: 1_014_508, floorSeconds: [1.6], floorCpuSeconds: [1.1], buildSeconds: [6.65], buildCpuSeconds: [6.6], buildPeakKb: [376_832] }), result({})]),
    [
      '| events | floor s | build s | ratio | cpu ratio | peak MB | goal | met? |',
      '| --: | --: | --: | --: | --: | --: | --- | --- |',
      '| 1M (1,014,508) | 1.60 | 6.65 | 4.16 | 6.00 | 368 | ratio <= 2, peak < 2 GB | no |',
      '| 10M (10,192,922) | 10.00 | 20.00 | 2.00 | 6.00 | 1000 | ratio <= 2, peak < 2 GB | yes |',
      '',
    ].join('\n'),
  );
});

test.run();
