import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labelOf, parseBenchArgs, parseSize } from './run-args.js';

test('sizes are read with k and M suffixes, either case, and underscores', () => {
  assert.equal(parseSize('1M'), { label: '1M', events: 1_000_000 });
  assert.equal(parseSize('10m'), { label: '10M', events: 10_000_000 });
  assert.equal(parseSize('250k'), { label: '250K', events: 250_000 });
  assert.equal(parseSize('2.5M'), { label: '2500K', events: 2_500_000 });
  assert.equal(parseSize('20_000'), { label: '20K', events: 20_000 });
  assert.equal(parseSize('1234'), { label: '1234', events: 1234 });
});

test('labels are the shortest exact form', () => {
  assert.is(labelOf(10_000_000), '10M');
  assert.is(labelOf(1_500_000), '1500K');
  assert.is(labelOf(1001), '1001');
});

test('a size that is not a count, or too small, is refused with the reason', () => {
  assert.throws(() => parseSize('ten'), (e: Error) => e.message === "'ten' is not an event count; give sizes such as 1M 10M or 250K (at least 1000 events)");
  assert.throws(() => parseSize('999'), (e: Error) => e.message === "'999' is not an event count; give sizes such as 1M 10M or 250K (at least 1000 events)");
  assert.throws(() => parseSize('1G'), (e: Error) => e.message === "'1G' is not an event count; give sizes such as 1M 10M or 250K (at least 1000 events)");
});

test('defaults: 1M and 10M, three repetitions, nothing kept', () => {
  assert.equal(parseBenchArgs([]), {
    sizes: [
      { label: '1M', events: 1_000_000 },
      { label: '10M', events: 10_000_000 },
    ],
    repeat: 3,
    keep: false,
  });
});

test('flags and sizes together', () => {
  assert.equal(parseBenchArgs(['100K', '--repeat', '3', '--keep']), { sizes: [{ label: '100K', events: 100_000 }], repeat: 3, keep: true });
  assert.throws(() => parseBenchArgs(['--repeat', '0']), (e: Error) => e.message === "--repeat takes a whole number of at least 1, got '0'");
});

test.run();
