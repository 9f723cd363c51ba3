import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckDbSettings } from './profile-settings.js';

const PROFILES = `target: dev
targets:
  dev: { type: duckdb, path: target/pdb.duckdb, threads: 2, memory_limit: 4GB }
  lean: { type: duckdb, path: target/lean.duckdb }
  bq: { type: bigquery, project: p }
`;

test('the default target gives threads and memory_limit', () => {
  assert.equal(duckDbSettings(PROFILES), { target: 'dev', threads: 2, memoryLimit: '4GB' });
});

test('a named target without settings leaves them out', () => {
  assert.equal(duckDbSettings(PROFILES, 'lean'), { target: 'lean' });
});

test('a missing or non-DuckDB target is an error naming it', () => {
  assert.throws(() => duckDbSettings(PROFILES, 'prod'), (e: Error) => e.message === "profiles.yml has no target 'prod'");
  assert.throws(() => duckDbSettings(PROFILES, 'bq'), (e: Error) => e.message === "target 'bq' in profiles.yml is of type 'bigquery', not duckdb");
  assert.throws(() => duckDbSettings('targets: {}\n'), (e: Error) => e.message === 'profiles.yml names no default target; pass one');
});

test.run();
