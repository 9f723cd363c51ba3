import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { markdownTable, median, secondsGoal, tableRow } from './bench-table.js';

test('median of odd and even counts', () => {
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('time goals exist only for the cases the issue names', () => {
  assert.is(secondsGoal(1000, 'cold'), 1.5);
  assert.is(secondsGoal(1000, 'unchanged'), 0.3);
  assert.is(secondsGoal(10000, 'cold'), 10);
  assert.is(secondsGoal(1000, 'edit-one'), undefined);
  assert.is(secondsGoal(10000, 'unchanged'), undefined);
  assert.is(secondsGoal(500, 'cold'), undefined);
});

test('a row misses its goal on time or on memory', () => {
  assert.equal(tableRow({ modelCount: 1000, benchCase: 'cold', seconds: [1.6, 1.4, 1.45], peakKb: [200 * 1024, 210 * 1024, 190 * 1024] }), {
    n: '1,000',
    case: 'cold (no target/)',
    seconds: '1.45',
    peakMb: '200',
    goal: '<= 1.5 s, < 500 MB',
    met: 'yes',
  });
  assert.is(tableRow({ modelCount: 1000, benchCase: 'unchanged', seconds: [0.31, 0.32, 0.33], peakKb: [1, 1, 1] }).met, 'no');
  assert.is(tableRow({ modelCount: 10000, benchCase: 'edit-one', seconds: [60], peakKb: [500 * 1024] }).met, 'no');
  assert.is(tableRow({ modelCount: 10000, benchCase: 'edit-one', seconds: [60], peakKb: [499 * 1024] }).met, 'yes');
});

test('the markdown table', () => {
  const table = markdownTable([
    { modelCount: 10000, benchCase: 'cold', seconds: [9], peakKb: [400 * 1024] },
    { modelCount: 10000, benchCase: 'edit-one', seconds: [2.345], peakKb: [Number.NaN] },
  ]);
  assert.is(
    table,
    `| N | case | seconds | peak MB | goal | met? |
| --: | --- | --: | --: | --- | --- |
| 10,000 | cold (no target/) | 9.00 | 400 | <= 10 s, < 500 MB | yes |
| 10,000 | recompile, one model edited | 2.35 | ? | < 500 MB | no |
`,
  );
});

test('the CPU seconds column: the median of each case, when the results carry them', () => {
  const table = markdownTable([
    { modelCount: 1000, benchCase: 'unchanged', seconds: [0.5, 0.2, 0.25], peakKb: [60 * 1024], cpuSeconds: [0.3, 0.21, 0.28] },
    { modelCount: 1000, benchCase: 'unchanged-no-stamp', seconds: [0.9], peakKb: [120 * 1024] },
  ]);
  assert.is(
    table,
    `| N | case | seconds | CPU s | peak MB | goal | met? |
| --: | --- | --: | --: | --: | --- | --- |
| 1,000 | recompile, unchanged | 0.25 | 0.28 | 60 | <= 0.3 s, < 500 MB | yes |
| 1,000 | recompile, unchanged, no stamp (caches only) | 0.90 | ? | 120 | < 500 MB | yes |
`,
  );
});

test("the 'real' shape: the 1,000-model cold goal is a tenth of Dataform's time", () => {
  assert.is(secondsGoal(1000, 'cold', 'real'), 1.56);
  assert.is(secondsGoal(1000, 'cold', 'real', 12.3), 1.23);
  assert.is(secondsGoal(1000, 'unchanged', 'real', 12.3), 0.3);
  assert.is(secondsGoal(10000, 'cold', 'real'), 10);
});

test('the side-by-side table: shape and tool columns, Dataform as the reference of pdb on the same shape and size', () => {
  const table = markdownTable([
    { shape: 'real', tool: 'dataform', modelCount: 1000, benchCase: 'cold', seconds: [14, 12, 13], peakKb: [300 * 1024] },
    { shape: 'real', tool: 'pdb', modelCount: 1000, benchCase: 'cold', seconds: [1.2], peakKb: [100 * 1024] },
    { shape: 'plain', tool: 'pdb', modelCount: 1000, benchCase: 'cold', seconds: [1.4], peakKb: [100 * 1024] },
  ]);
  assert.is(
    table,
    `| shape | tool | N | case | seconds | peak MB | goal | met? |
| --- | --- | --: | --- | --: | --: | --- | --- |
| real | dataform | 1,000 | cold (no target/) | 13.00 | 300 | reference | yes |
| real | pdb | 1,000 | cold (no target/) | 1.20 | 100 | <= 1.3 s, < 500 MB | yes |
| plain | pdb | 1,000 | cold (no target/) | 1.40 | 100 | <= 1.5 s, < 500 MB | yes |
`,
  );
});

test.run();
