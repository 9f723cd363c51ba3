import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbError } from '../../src/adapters/duckdb/duckdb-errors.js';

test('an out-of-memory error says which setting to raise', () => {
  const error = duckdbError(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.7 GiB/3.7 GiB used)\n\nPossible solutions: ...'));
  assert.is(
    error.message,
    'Out of Memory Error: could not allocate block of size 256.0 KiB (3.7 GiB/3.7 GiB used). Raise the target\'s memory_limit in profiles.yml (a build of 100M events completes with 4GB, spilling to disk, and is three times faster with 18GB), or build a shorter window (vars start_date / end_date).',
  );
});

test('other errors keep their first line and the compiled line number', () => {
  assert.equal(duckdbError(new Error('Binder Error: column "x" not found\n\nLINE 4: select x')), { message: 'Binder Error: column "x" not found', line: 4 });
});

test.run();
