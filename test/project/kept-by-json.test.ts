/** A model YAML file's reading is cached only when JSON gives it back unchanged. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keptByJson } from '../../src/project/model-yaml-cache.js';

test('plain data is kept by JSON', () => {
  for (const value of [null, 'a', true, 0, 1.5, -3, [], {}, { a: [1, { b: 'c' }], d: null }]) {
    assert.ok(keptByJson(value), JSON.stringify(value));
    assert.equal(JSON.parse(JSON.stringify(value)), value);
  }
});

test('NaN, infinities, -0, undefined and non-plain objects are not', () => {
  for (const value of [NaN, Infinity, -Infinity, -0, undefined, { a: undefined }, [1, NaN], { a: { b: -Infinity } }, new Date(0), new Map()]) {
    assert.not.ok(keptByJson(value), String(value));
  }
});

test.run();
