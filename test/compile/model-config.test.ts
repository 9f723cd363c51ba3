import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile } from '../../src/api.js';
import { compileDiagnostics } from '../support/compile-project.js';
import { tempProject, type ProjectFiles } from '../support/temp-project.js';

const FILES: ProjectFiles = {
  'project.yml': [
    'name: cfg',
    'models:',
    '  +materialized: table',
    '  +tags: [everything]',
    '  marts:',
    '    +schema: marts',
    '    +tags: [mart]',
    '    finance:',
    '      +materialized: incremental',
    '      +partition_by: { field: amount_date }',
    '      +tags: [finance]',
    '',
  ].join('\n'),
  'models/marts/finance/revenue.sql': "{{ config(materialized='view', alias='rev_v', tags=['daily', 'finance']) }}\nselect 1 as amount\n",
  'models/marts/finance/costs.sql': 'select 2 as amount\n',
  'models/marts/finance/finance.yml': [
    'models:',
    '  - name: revenue',
    '    config: { materialized: table, alias: from_yaml, schema: yaml_schema, tags: [audited] }',
    '  - name: costs',
    '    config: { alias: costs_v2, tags: [audited] }',
    '',
  ].join('\n'),
  'models/staging/stg.sql': "{{ config(schema='raw_zone') }}\nselect 3 as amount\n",
};

async function compiled(files: ProjectFiles): Promise<Record<string, { materialized: string; tags: readonly string[]; schema?: string; alias?: string; relation: string }>> {
  const outcome = await compile({ dir: await tempProject(files), env: {} });
  return Object.fromEntries(
    outcome.models.map((m) => [
      m.name,
      {
        materialized: m.config.materialized,
        tags: m.config.tags,
        ...(m.config.schema === undefined ? {} : { schema: m.config.schema }),
        ...(m.config.alias === undefined ? {} : { alias: m.config.alias }),
        relation: m.relation,
      },
    ]),
  );
}

test('config() wins over YAML, YAML over folders; tags accumulate from every level', async () => {
  assert.equal(await compiled(FILES), {
    costs: { materialized: 'incremental', tags: ['everything', 'mart', 'finance', 'audited'], schema: 'marts', alias: 'costs_v2', relation: '"marts"."costs_v2"' },
    revenue: { materialized: 'view', tags: ['everything', 'mart', 'finance', 'audited', 'daily'], schema: 'yaml_schema', alias: 'rev_v', relation: '"yaml_schema"."rev_v"' },
    stg: { materialized: 'table', tags: ['everything'], schema: 'raw_zone', relation: '"raw_zone"."stg"' },
  });
});

test('config(enabled=false) leaves a model out, and a ref to it is an error at the ref', async () => {
  const files = { ...FILES, 'models/staging/stg.sql': '{{ config(enabled=false) }}\nselect 3 as amount\n' };
  assert.equal(Object.keys(await compiled(files)), ['costs', 'revenue']);
  const reading = { ...files, 'models/marts/finance/costs.sql': "select amount\nfrom {{ ref('stg') }}\n" };
  assert.equal(await compileDiagnostics(reading), [
    {
      code: 'E_REF_DISABLED',
      message: "ref('stg') names a disabled model.",
      where: 'models/marts/finance/costs.sql:2:1',
      hint: 'Enable stg (enabled: true), or disable costs too.',
    },
  ]);
});

test('wrong config() values are errors at the config() line', async () => {
  const files = {
    ...FILES,
    'models/marts/finance/costs.sql': "-- costs\n{{ config(materialized='tabel', tags=3, alias='not valid') }}\nselect 2 as amount\n",
  };
  assert.equal(await compileDiagnostics(files), [
    {
      code: 'E_CONFIG',
      message: 'config(materialized="tabel") is not a materialization. Did you mean \'table\'?',
      where: 'models/marts/finance/costs.sql:2',
      hint: 'Use one of table, view, ephemeral, incremental.',
    },
    {
      code: 'E_CONFIG',
      message: 'config(tags=...) must be a string or a list of strings.',
      where: 'models/marts/finance/costs.sql:2',
      hint: "Write config(tags=['retention']).",
    },
    {
      code: 'E_CONFIG',
      message: 'config(alias=...) must be a name of letters, digits and underscores, not "not valid".',
      where: 'models/marts/finance/costs.sql:2',
      hint: "Write config(alias='name').",
    },
  ]);
});

test.run();
