import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { fixtureFiles, tempProject } from '../support/temp-project.js';

const SMALL = 'test/fixtures/compile/small';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function compiledManifest(target: string, select?: string[]): Promise<{ dir: string; manifest: Record<string, any>; text: string }> {
  const dir = await tempProject(await fixtureFiles(SMALL));
  await compile({ dir, target, env: {}, validate: false, ...(select === undefined ? {} : { select }) });
  const text = await readFile(join(dir, 'target/manifest.json'), 'utf8');
  return { dir, manifest: JSON.parse(text) as Record<string, any>, text };
}

test('the manifest names its schema version, project and target', async () => {
  const { manifest } = await compiledManifest('bq');
  const { invocation_id, generated_at, ...metadata } = manifest['metadata'] as Record<string, unknown>;
  assert.equal(metadata, { project: 'small', schema_version: 'pdb.manifest.v1', target: { name: 'bq', type: 'bigquery' } });
  // As dbt's: which invocation wrote it, and when.
  assert.match(String(invocation_id), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.match(String(generated_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(Object.keys(manifest), ['metadata', 'models', 'sources']);
  assert.equal(Object.keys(manifest['models']), ['active_events', 'daily_users', 'stg_events', 'users_by_country']);
});

test('a model entry: config, tags, depends_on, columns, tests, relation, paths and checksums', async () => {
  const { dir, manifest } = await compiledManifest('dev');
  const raw = await readFile(join(dir, 'models/metrics/daily_users.sql'), 'utf8');
  const compiled = await readFile(join(dir, 'target/compiled/dev/models/metrics/daily_users.sql'), 'utf8');
  assert.equal(manifest['models']['daily_users'], {
    checksums: { compiled_sql: sha256(compiled), raw_sql: sha256(raw) },
    columns: [
      {
        data_type: 'date',
        description: 'The day.',
        name: 'event_date',
        tests: [
          { args: {}, column: 'event_date', kind: 'not_null', severity: 'error' },
          { args: {}, column: 'event_date', kind: 'unique', severity: 'error' },
        ],
      },
      { description: '', name: 'active_users', tests: [{ args: { min_value: 0 }, column: 'active_users', kind: 'accepted_range', severity: 'warn' }] },
    ],
    compiled_path: 'target/compiled/dev/models/metrics/daily_users.sql',
    config: { enabled: true, materialized: 'table', tags: ['core', 'users', 'daily'] },
    depends_on: { models: ['active_events'], sources: [] },
    description: 'Distinct active users per day.',
    package: 'small',
    path: 'models/metrics/daily_users.sql',
    relation: '"analytics"."daily_users"',
    tags: ['core', 'users', 'daily'],
    tests: [{ args: { expression: 'active_users >= 0' }, kind: 'expression_is_true', severity: 'error' }],
    yaml_path: 'models/metrics/daily_users.yml',
  });
  assert.equal(manifest['models']['stg_events']['depends_on'], { models: [], sources: ['app.events'] });
  assert.equal(manifest['models']['users_by_country']['config'], { alias: 'country_users', enabled: true, materialized: 'view', schema: 'marts', tags: ['core', 'geo', 'country'] });
});

test('sources are listed with their per-engine locations rendered (var() resolved)', async () => {
  const { manifest } = await compiledManifest('dev');
  assert.equal(manifest['sources'], {
    'app.events': {
      bigquery: { table: 'acme-raw.app.events' },
      columns: [],
      description: '',
      duckdb: { path: 'data/events.parquet' },
      path: 'models/sources.yml',
      source: 'app',
      table: 'events',
    },
  });
});

test('keys are sorted at every level and the file ends with a newline', async () => {
  const { text, manifest } = await compiledManifest('dev');
  assert.equal(text, `${JSON.stringify(sortDeep(manifest), null, 2)}\n`);
});

test('a first compile with a selection lists the unselected models without compiled SQL', async () => {
  const { manifest } = await compiledManifest('dev', ['stg_events']);
  assert.equal(Object.keys(manifest['models']), ['active_events', 'daily_users', 'stg_events', 'users_by_country']);
  assert.equal(manifest['models']['daily_users']['checksums']['compiled_sql'], null);
  assert.equal(manifest['models']['daily_users']['compiled_path'], undefined);
  assert.type(manifest['models']['stg_events']['checksums']['compiled_sql'], 'string');
});

test('a selected compile after a full one keeps the other models\' compiled checksums, until their SQL changes', async () => {
  const { dir, manifest: full } = await compiledManifest('dev');
  await compile({ dir, target: 'dev', env: {}, validate: false, select: ['stg_events'] });
  const partial = JSON.parse(await readFile(join(dir, 'target/manifest.json'), 'utf8')) as Record<string, any>;
  assert.equal(partial['models']['daily_users'], full['models']['daily_users']);
  assert.type(partial['models']['daily_users']['checksums']['compiled_sql'], 'string');
  // A model whose SQL changed since has no compiled checksum to keep.
  const path = join(dir, full['models']['daily_users']['path'] as string);
  await writeFile(path, `${await readFile(path, 'utf8')}\n-- changed\n`);
  await compile({ dir, target: 'dev', env: {}, validate: false, select: ['stg_events'] });
  const after = JSON.parse(await readFile(join(dir, 'target/manifest.json'), 'utf8')) as Record<string, any>;
  assert.equal(after['models']['daily_users']['checksums']['compiled_sql'], null);
});

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]));
}

test.run();
