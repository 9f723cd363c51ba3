/**
 * Stages ask an engine's capabilities, never its name: only src/adapters compares target types,
 * and the capabilities each engine declares are those the stages relied on before.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { capabilitiesOf } from '../../src/adapters/capabilities.js';
import { dialectFor } from '../../src/adapters/dialects.js';
import { relationName } from '../../src/adapters/relation-name.js';
import type { BigQueryTarget, DuckDbTarget } from '../../src/project/types.js';
import { repoRoot } from '../support/temp-project.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('no engine name is compared outside src/adapters (and the project stage that parses profiles.yml)', () => {
  const root = repoRoot();
  const allowed = ['src/adapters/', 'src/project/'];
  const offending = sourceFiles(join(root, 'src'))
    .map((file) => relative(root, file).split('\\').join('/'))
    .filter((file) => !allowed.some((prefix) => file.startsWith(prefix)))
    .flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/[!=]==\s*'(bigquery|duckdb)'|case\s+'(bigquery|duckdb)'\s*:/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
  assert.equal(offending, []);
});

const duck: DuckDbTarget = { type: 'duckdb', name: 'dev', path: 'target/t.duckdb', schema: 'main', threads: 2 };
const bq: BigQueryTarget = { type: 'bigquery', name: 'prod', project: 'acme', dataset: 'pdb', maxBuildBytes: 1000 };

test('each engine declares what it supports', () => {
  assert.equal(capabilitiesOf(duck), { offlineValidator: 'none', shardedSources: true, freeBind: true, sampling: true, defaultThreads: 2, buildBudgetBytes: undefined });
  assert.equal(capabilitiesOf({ ...duck, threads: undefined } as DuckDbTarget).defaultThreads, 4);
  assert.equal(capabilitiesOf(bq), { offlineValidator: 'zetasql', shardedSources: true, freeBind: false, sampling: false, defaultThreads: 4, buildBudgetBytes: 1000 });
});

test('one relation name, quoted by each dialect', () => {
  assert.equal(relationName(duck, {}, 'dau'), { schema: 'main', name: 'dau' });
  assert.equal(relationName(duck, { schema: 'marts', alias: 'daily' }, 'dau'), { schema: 'marts', name: 'daily' });
  assert.equal(relationName(bq, { alias: 'daily' }, 'dau'), { database: 'acme', schema: 'pdb', name: 'daily' });
  assert.is(dialectFor('duckdb').relation(relationName(duck, { schema: 'marts' }, 'dau')), '"marts"."dau"');
  assert.is(dialectFor('bigquery').relation(relationName(bq, { schema: 'other' }, 'dau')), '`acme.other.dau`');
});

test.run();
