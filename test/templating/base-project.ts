import type { ProjectFiles } from '../support/temp-project.js';

/** A project every templating test starts from: two targets, a mapping without revenue, one source. */
export const BASE: ProjectFiles = {
  'project.yml': ['name: tpl', 'vars:', "  start_date: '2024-01-01'", '  countries: [DE, FR]', 'mapping: mapping.yml', 'packages: []', ''].join('\n'),
  'profiles.yml': [
    'target: dev',
    'targets:',
    '  dev: { type: duckdb, path: target/t.duckdb, schema: main }',
    '  bq: { type: bigquery, project: acme, dataset: product }',
    '',
  ].join('\n'),
  'mapping.yml': [
    'source: app.events',
    'timezone: Europe/Berlin',
    'columns:',
    '  user_id: uid',
    '  event_time: "{{ ts_from_ms(\'ts\') }}"',
    '  event_name: name',
    '  country: geo.country',
    'events:',
    '  new_user: [first_open]',
    '',
  ].join('\n'),
  'models/sources.yml': [
    'sources:',
    '  - name: app',
    '    tables:',
    '      - name: events',
    '        duckdb: { path: data/events.csv }',
    "        bigquery: { table: \"{{ var('raw_project', 'acme-raw') }}.app.events\" }",
    '',
  ].join('\n'),
  'macros/time.sql': [
    "{% macro duckdb__ts_from_ms(x) %}epoch_ms({{ x }}){% endmacro %}",
    "{% macro bigquery__ts_from_ms(x) %}timestamp_millis({{ x }}){% endmacro %}",
    '',
  ].join('\n'),
};

export const withFiles = (files: ProjectFiles): ProjectFiles => ({ ...BASE, ...files });
