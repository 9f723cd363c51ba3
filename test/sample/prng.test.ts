import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, cumulative, mixSeed } from '../../src/sample/prng.js';

const draws = (seed: number, n: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

test('the same seed gives the same sequence; another seed another one', () => {
  assert.equal(draws(42, 5), draws(42, 5));
  assert.not.equal(draws(42, 5), draws(43, 5));
});

test('draws are in [0, 1) and spread evenly', () => {
  const rng = createRng(7);
  const buckets = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const x = rng.next();
    assert.ok(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)]!++;
  }
  for (const b of buckets) assert.ok(b > 9_600 && b < 10_400, `bucket ${b}`);
});

test('mixSeed depends on every part and their order', () => {
  assert.is(mixSeed(1, 2, 3), mixSeed(1, 2, 3));
  assert.is.not(mixSeed(1, 2, 3), mixSeed(1, 3, 2));
  assert.is.not(mixSeed(42, 2, 5, 0), mixSeed(42, 2, 0, 5));
  // Parts above 2^32 (e.g. microsecond timestamps) still change the result.
  assert.is.not(mixSeed(2 ** 40), mixSeed(2 ** 40 + 2 ** 33));
});

test('pick follows the weights of a cumulative table', () => {
  assert.equal(cumulative([1, 3, 6]), [1, 4, 10]);
  const rng = createRng(3);
  const counts = [0, 0, 0];
  for (let i = 0; i < 50_000; i++) counts[rng.pick(cumulative([1, 3, 6]))]!++;
  assert.ok(Math.abs(counts[0]! / 50_000 - 0.1) < 0.01, String(counts));
  assert.ok(Math.abs(counts[1]! / 50_000 - 0.3) < 0.01, String(counts));
  assert.ok(Math.abs(counts[2]! / 50_000 - 0.6) < 0.01, String(counts));
});

test('int and range stay in bounds', () => {
  const rng = createRng(9);
  for (let i = 0; i < 10_000; i++) {
    const k = rng.int(4);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 4);
    const r = rng.range(2, 3);
    assert.ok(r >= 2 && r < 3);
  }
});

test.run();
