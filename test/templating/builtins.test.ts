import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { selectModels } from '../../src/api.js';
import { modelId } from '../../src/project/types.js';
import { compiledSql } from '../support/compile-project.js';
import { tempProject } from '../support/temp-project.js';
import { withFiles } from './base-project.js';

// Each built-in rendered on its own line, so a wrong value points at one built-in.
const PROBE = withFiles({
  'models/upstream.sql': 'select 1 as id\n',
  'models/probe.sql': [
    "{{ config(alias='probe_alias', schema='probes') }}",
    'select',
    "  u.id,",
    "  '{{ var('start_date') }}' as start_date,",
    "  '{{ var('missing_with_default', 'fallback') }}' as defaulted,",
    "  '{{ var('countries') | join('|') }}' as countries,",
    "  '{{ env_var('PDB_TEST_COLOR') }}' as color,",
    "  '{{ env_var('PDB_TEST_UNSET', 'grey') }}' as env_default,",
    "  '{{ target.name }}/{{ target.type }}/{{ target.schema }}' as target_info,",
    "  '{{ this }}' as self,",
    "  {{ mapping.user_id }} as user_id,",
    "  {{ mapping.event_time }} as event_time,",
    "  '{{ mapping.timezone }}' as tz,",
    "  '{{ mapping.new_user_events | join(',') }}' as new_user_events,",
    "  {{ 'true' if mapping.has('country') else 'false' }} as has_country,",
    "  {{ 'true' if mapping.has('revenue') else 'false' }} as has_revenue",
    "from {{ ref('upstream') }} as u",
    "cross join {{ source('app', 'events') }} as e",
    '',
  ].join('\n'),
});

test('every built-in renders for a DuckDB target', async () => {
  const sql = await compiledSql(PROBE, { env: { PDB_TEST_COLOR: 'teal' }, select: ['probe'] });
  assert.equal(sql, {
    probe: [
      'select',
      '  u.id,',
      "  '2024-01-01' as start_date,",
      "  'fallback' as defaulted,",
      "  'DE|FR' as countries,",
      "  'teal' as color,",
      "  'grey' as env_default,",
      "  'dev/duckdb/main' as target_info,",
      `  '"probes"."probe_alias"' as self,`,
      '  uid as user_id,',
      '  (epoch_ms(ts)) as event_time,',
      "  'Europe/Berlin' as tz,",
      "  'first_open' as new_user_events,",
      '  true as has_country,',
      '  false as has_revenue',
      'from "main"."upstream" as u',
      "cross join read_csv_auto('data/events.csv') as e",
      '',
    ].join('\n'),
  });
});

test('every built-in renders for a BigQuery target', async () => {
  const sql = await compiledSql(PROBE, { target: 'bq', env: { PDB_TEST_COLOR: 'teal' }, select: ['probe'] });
  assert.equal(sql, {
    probe: [
      'select',
      '  u.id,',
      "  '2024-01-01' as start_date,",
      "  'fallback' as defaulted,",
      "  'DE|FR' as countries,",
      "  'teal' as color,",
      "  'grey' as env_default,",
      "  'bq/bigquery/product' as target_info,",
      "  '`acme.probes.probe_alias`' as self,",
      '  uid as user_id,',
      '  (timestamp_millis(ts)) as event_time,',
      "  'Europe/Berlin' as tz,",
      "  'first_open' as new_user_events,",
      '  true as has_country,',
      '  false as has_revenue',
      'from `acme.product.upstream` as u',
      'cross join `acme-raw.app.events` as e',
      '',
    ].join('\n'),
  });
});

test('--vars override project vars, also inside a source location', async () => {
  const sql = await compiledSql(PROBE, {
    target: 'bq',
    env: { PDB_TEST_COLOR: 'teal' },
    vars: { start_date: '2025-06-01', raw_project: 'other-raw' },
    select: ['probe'],
  });
  const probe = sql['probe'] ?? '';
  assert.ok(probe.includes("  '2025-06-01' as start_date,\n"), probe);
  assert.ok(probe.includes('\ncross join `other-raw.app.events` as e\n'), probe);
});

test('ref() and source() are recorded as dependencies', async () => {
  const dir = await tempProject(PROBE);
  const selected = await selectModels({ dir, env: { PDB_TEST_COLOR: 'teal' } });
  const probe = selected.renders.get(modelId('probe'));
  assert.equal(probe?.rendered.refs, ['upstream']);
  assert.equal(probe?.rendered.sources, [{ sourceName: 'app', table: 'events' }]);
  assert.equal(probe?.rendered.config, { alias: 'probe_alias', schema: 'probes' });
  assert.equal(probe?.rendered.envRead, { PDB_TEST_COLOR: 'teal', PDB_TEST_UNSET: null });
  assert.equal(selected.selected, ['upstream', 'probe']);
});

test.run();
