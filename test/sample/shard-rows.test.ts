import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../src/sample/prng.js';
import { ShardRows } from '../../src/sample/shard-rows.js';

/** The order the writer needs: by time, ties in push order. */
function reference(times: readonly number[]): number[] {
  return times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
}

function rowsAt(times: readonly number[]): ShardRows {
  const rows = new ShardRows();
  times.forEach((t, i) => rows.push(i, t, 0, -1, -1, -1, 0));
  return rows;
}

test('timeOrder sorts by time and keeps push order for equal times, across every radix digit', () => {
  const rng = createRng(11);
  const dayStart = Date.UTC(2026, 8, 1) * 1000;
  // Two days of microseconds (a shard also holds late rows of the day before), with many ties.
  const times = Array.from({ length: 5000 }, () => dayStart + Math.floor(rng.next() * 2 * 86_400_000_000));
  for (let i = 0; i < 500; i++) times.push(times[rng.int(times.length)]!);
  assert.equal(Array.from(rowsAt(times).timeOrder()), reference(times));
});

test('timeOrder handles offsets just across 16- and 32-bit digit boundaries', () => {
  const base = 1_700_000_000_000_000;
  const times = [base + 2 ** 32, base + 65_535, base, base + 65_536, base + 2 ** 32 - 1, base + 65_536, base];
  assert.equal(Array.from(rowsAt(times).timeOrder()), reference(times));
});

test('timeOrder falls back to a comparison sort for fractional times, and reset empties the buffer', () => {
  const times = [3.5, 1.25, 3.5, 1.75, 0];
  const rows = rowsAt(times);
  assert.equal(Array.from(rows.timeOrder()), reference(times));
  rows.reset();
  assert.is(rows.length, 0);
  assert.equal(Array.from(rows.timeOrder()), []);
  rows.push(7, 10, 1, 2, 3, 4, 5);
  assert.equal([rows.user[0], rows.micros[0], rows.ev[0], rows.sessionId[0], rows.sessionNumber[0], rows.x[0], rows.item[0]], [7, 10, 1, 2, 3, 4, 5]);
});

test('push grows the buffer past its first capacity without losing rows', () => {
  const times = Array.from({ length: 3000 }, (_, i) => 3000 - i);
  const rows = rowsAt(times);
  assert.is(rows.length, 3000);
  assert.is(rows.user[2999], 2999);
  assert.equal(Array.from(rows.timeOrder()), reference(times));
});

test.run();
