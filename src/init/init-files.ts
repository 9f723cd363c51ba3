/**
 * The files `pdb init` writes, as text: project.yml, profiles.yml and the source declaration for
 * a source (the mapping comes from inference), or a commented starter project without one.
 */
import { stringify } from 'yaml';
import type { MappingProposal } from '../plugins/plugin-api.js';
import type { InitSource } from './init-source.js';

/** Where init puts the source declaration, relative to the project. */
export const SOURCES_FILE = 'models/sources.yml';
export const SOURCE_NAME = { source: 'raw', table: 'events' } as const;

/** `my-events 2026` -> `my_events_2026`: a valid project name from a folder name. */
export function projectName(folder: string): string {
  const cleaned = folder.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'my_product';
  return /^[0-9]/.test(cleaned) ? `p_${cleaned}` : cleaned;
}

export function projectYaml(name: string, source: string, category: MappingProposal['category'] | undefined): string {
  const lines = [
    `# A pdb project for ${source}, written by \`pdb init\`. Build every core metric: pdb build`,
    `name: ${name}`,
    '',
    '# How the raw events map to the canonical event stream (see docs/metrics.md in pdb).',
    'mapping: mapping.yml',
    '',
    "# The kind of product: it picks the published benchmarks the qa checks compare with; a game's",
    '# figures are never used for another kind. One of mobile_game, consumer_app, web_saas, subscription.',
  ];
  if (category === undefined) {
    lines.push('# review: set it to compare retention with published figures.', '# product:', '#   category: consumer_app');
  } else {
    lines.push(`# review: a guess by \`pdb init\` (confidence ${category.confidence.toFixed(2)}: ${category.evidence.join('; ')}).`, 'product:', `  category: ${category.value}`);
  }
  lines.push(
    '',
    '# The core package (the ten core metrics, their tests and the qa plugin) is on by default;',
    '# `packages: []` turns it off. Configure its models under `models: core:`, e.g.',
    '# models: { core: { metrics: { retention: { +enabled: false } } } }',
    '',
  );
  return lines.join('\n');
}

export function profilesYaml(source: InitSource): string {
  const head = ['# Where pdb builds. `pdb build` uses `target`; pick another with --target NAME.'];
  switch (source.kind) {
    case 'files':
      return [...head, 'target: dev', 'targets:', '  dev:', '    type: duckdb', '    path: target/pdb.duckdb', '    schema: main', ''].join('\n');
    case 'database':
      // The events are a table of this database file: pdb builds beside them, in its own schema.
      return [...head, 'target: dev', 'targets:', '  dev:', '    type: duckdb', `    path: ${scalar(source.file)}`, '    schema: pdb', ''].join('\n');
    case 'warehouse':
      return [
        ...head,
        'target: bq',
        'targets:',
        '  bq:',
        '    type: bigquery',
        `    project: ${scalar(source.project)}`,
        '    dataset: pdb',
        '    location: US',
        '    keyfile: "{{ env_var(\'GOOGLE_APPLICATION_CREDENTIALS\', \'\') }}"',
        '    maximum_bytes_billed: 100000000000    # per job: 100 GB',
        '    max_build_bytes: 500000000000         # a build refuses to start above 500 GB',
        '',
      ].join('\n');
  }
}

export function sourcesYaml(source: InitSource, label: string, columns: readonly { name: string; dataType: string }[] = []): string {
  const location = ((): string => {
    switch (source.kind) {
      case 'files':
        return `        duckdb: { path: ${scalar(source.path)}, format: ${source.format} }`;
      case 'database':
        return `        duckdb: { table: ${scalar(source.table ?? '')} }`;
      case 'warehouse':
        return `        bigquery: { table: ${scalar(`${source.project}.${source.dataset}.${source.table}`)} }`;
    }
  })();
  return [
    '# The raw events, declared once: the mapping (mapping.yml) says what their columns mean.',
    'sources:',
    `  - name: ${SOURCE_NAME.source}`,
    '    tables:',
    `      - name: ${SOURCE_NAME.table}`,
    `        description: ${scalar(`Raw events (pdb init --source ${label})`)}`,
    location,
    ...(columns.length === 0
      ? []
      : ['        # The columns as BigQuery describes them: `pdb compile` checks the SQL against them offline.', '        columns:', ...columns.map((c) => `          - { name: ${JSON.stringify(c.name)}, data_type: ${JSON.stringify(c.dataType)} }`)]),
    '',
  ].join('\n');
}

/** `pdb init` without --source: a commented project to fill in. */
export const STARTER_FILES: Readonly<Record<string, string>> = {
  'project.yml': [
    '# A pdb project. Fill in models/sources.yml and mapping.yml, uncomment `mapping:`, then: pdb build',
    '# (or let pdb do it: pdb init --force --source <your events file>)',
    'name: NAME',
    '',
    '# How the raw events map to the canonical event stream (see docs/metrics.md in pdb).',
    '# mapping: mapping.yml',
    '',
    '# The kind of product: it picks the published benchmarks the qa checks compare with.',
    '# One of mobile_game, consumer_app, web_saas, subscription.',
    '# product:',
    '#   category: consumer_app',
    '',
    '# With a mapping, the core package (the ten core metrics) is on; `packages: []` turns it off.',
    '',
  ].join('\n'),
  'profiles.yml': [
    '# Where pdb builds. `pdb build` uses `target`; pick another with --target NAME.',
    'target: dev',
    'targets:',
    '  dev:',
    '    type: duckdb',
    '    path: target/pdb.duckdb',
    '    schema: main',
    '  # bq:',
    '  #   type: bigquery',
    '  #   project: my-project',
    '  #   dataset: pdb',
    '  #   maximum_bytes_billed: 100000000000',
    '',
  ].join('\n'),
  [SOURCES_FILE]: [
    '# The raw events. A file, a glob or a DuckDB table for DuckDB targets; a table for BigQuery.',
    '# sources:',
    '#   - name: raw',
    '#     tables:',
    '#       - name: events',
    '#         duckdb: { path: "data/events/*.parquet" }     # or .csv, .json, .ndjson',
    '#         bigquery: { table: "my-project.analytics_123456.events_*" }',
    '',
  ].join('\n'),
  'mapping.yml': [
    '# What the raw columns mean. A column name or a SQL expression (macros allowed).',
    '# source: raw.events',
    '# timezone: UTC',
    '# columns:',
    '#   user_id: user_id                                  # required',
    "#   event_time: \"{{ timestamp_from_millis('ts') }}\"   # required",
    '#   event_name: event                                 # required',
    '#   country: country',
    '#   channel: utm_source',
    '#   revenue: revenue',
    '# events:',
    '#   new_user: [sign_up]',
    '#   funnel:',
    '#     - { name: signed_up, events: [sign_up] }',
    '#     - { name: purchased, events: [purchase] }',
    '#   revenue_types: { iap: [purchase] }',
    '',
  ].join('\n'),
};

function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}
