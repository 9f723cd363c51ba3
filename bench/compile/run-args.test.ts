import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseBenchArgs } from './run.js';

test('defaults: 1,000 and 10,000 models, 3 repetitions', () => {
  assert.equal(parseBenchArgs([]), { modelCounts: [1000, 10000], repeat: 3, keep: false });
});

test('model counts, --repeat, --keep and --cpu-prof', () => {
  assert.equal(parseBenchArgs(['100', '2_000', '3,000', '--repeat', '5', '--keep', '--cpu-prof', 'prof']), {
    modelCounts: [100, 2000, 3000],
    repeat: 5,
    keep: true,
    cpuProfDir: resolve('prof'),
  });
});

test('--validate: compile with ZetaSQL', () => {
  assert.equal(parseBenchArgs(['1000', '--validate']), { modelCounts: [1000], repeat: 3, keep: false, validate: true });
});

test('bad values are refused with a message', () => {
  assert.throws(() => parseBenchArgs(['ten']), (e: Error) => e.message === "'ten' is not a model count; give whole numbers such as 1000 10000");
  assert.throws(() => parseBenchArgs(['0']), (e: Error) => e.message === "'0' is not a model count; give whole numbers such as 1000 10000");
  assert.throws(() => parseBenchArgs(['--repeat', '0']), (e: Error) => e.message === "--repeat takes a whole number of at least 1, got '0'");
});

test('--shape (repeatable), --dataform DIR and --no-dataform', () => {
  assert.equal(parseBenchArgs(['1000', '--shape', 'real']), { modelCounts: [1000], repeat: 3, keep: false, shapes: ['real'] });
  assert.equal(parseBenchArgs(['--shape', 'plain', '--shape', 'real', '--dataform', 'df']), { modelCounts: [1000, 10000], repeat: 3, keep: false, shapes: ['plain', 'real'], dataform: resolve('df') });
  assert.equal(parseBenchArgs(['--no-dataform']), { modelCounts: [1000, 10000], repeat: 3, keep: false, dataform: false });
  assert.throws(() => parseBenchArgs(['--shape', 'round']), (e: Error) => e.message === "--shape takes real or plain, got 'round'");
});

test.run();
