/** Compiles a project for its BigQuery target and validates it, as `pdb compile` will. */
import { bigqueryDialect } from '../../src/adapters/bigquery/bigquery-dialect.js';
import { compile } from '../../src/api.js';
import { TemplateEnvironment } from '../../src/templating/template-environment.js';
import { validateBigQueryModels, type BigQueryValidation } from '../../src/validate/validate-bigquery.js';
import type { ZetaSqlServerOptions } from '../../src/validate/zetasql-server.js';
import type { Diagnostic } from '../support/compile-project.js';
import { diagnostic } from '../support/compile-project.js';

export async function validateProject(
  dir: string,
  options: { target?: string; env?: Record<string, string>; vars?: Record<string, unknown>; server?: ZetaSqlServerOptions; cacheFile?: string } = {},
): Promise<BigQueryValidation> {
  const env = options.env ?? {};
  const compiled = await compile({ dir, target: options.target ?? 'bq', env, validate: false, ...(options.vars === undefined ? {} : { vars: options.vars }) });
  const templates = new TemplateEnvironment({ project: compiled.project, dialect: bigqueryDialect, env });
  const raw = new Map(compiled.project.models.map((m) => [m.path, m.rawSql]));
  return validateBigQueryModels({
    models: compiled.models,
    sources: compiled.project.sources,
    sourceTableName: (source) => templates.renderString(source.bigquery?.table ?? '', source.location.file),
    rawSqlOf: (path) => raw.get(path) ?? '',
    compiledPathOf: (model) => `${compiled.project.config.targetPath}/compiled/${compiled.project.target.name}/${model.path}`,
    ...(options.server === undefined ? {} : { server: options.server }),
    ...(options.cacheFile === undefined ? {} : { cacheFile: options.cacheFile }),
  });
}

export const diagnostics = (validation: BigQueryValidation): Diagnostic[] => validation.errors.map(diagnostic);

/** A small BigQuery project: one source with declared columns and a staging model over it. */
export const SHOP_PROJECT = {
  'project.yml': 'name: t\n',
  'profiles.yml': 'target: bq\ntargets:\n  bq: { type: bigquery, project: p, dataset: d }\n',
  'models/sources.yml': [
    'sources:',
    '  - name: shop',
    '    tables:',
    '      - name: orders',
    '        bigquery: { table: "p.raw.orders" }',
    '        columns:',
    '          - { name: order_id, data_type: INT64 }',
    '          - { name: customer, data_type: STRING }',
    '          - { name: amount, data_type: FLOAT64 }',
    '          - { name: ordered_at, data_type: TIMESTAMP }',
    '',
  ].join('\n'),
  'models/stg_orders.sql': "select\n  order_id,\n  customer,\n  amount,\n  date(ordered_at) as order_date\nfrom {{ source('shop', 'orders') }}\n",
} as const;
