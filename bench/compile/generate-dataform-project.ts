/**
 * The 'real' benchmark project written for Dataform's CLI: the same N models, DAG, SQL, project
 * var, descriptions and not_null tests (Dataform's `assertions.nonNull`) as generate-project.ts
 * writes for pdb, as SQLX files, so both compilers are timed on the same work.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_DATASET, BENCH_PROJECT, FOLDER_SIZE, modelName, upstreamsOf, valueColumn } from './generate-project.js';

const WORKFLOW_SETTINGS = `defaultProject: ${BENCH_PROJECT}
defaultLocation: US
defaultDataset: ${BENCH_DATASET}
defaultAssertionDataset: ${BENCH_DATASET}_assertions
vars:
  start_date: '2024-01-01'
`;

const SOURCES_SQLX = `config {
  type: "declaration",
  database: "${BENCH_PROJECT}",
  schema: "raw",
  name: "events"
}
`;

/** The SQLX of model i: config block (table, partitioning, description, column doc, not_null), then the same SQL as pdb's. */
export function dataformModelSqlx(i: number): string {
  const column = valueColumn(i);
  const config = `config {
  type: "table",
  description: "Events per user and day since the start date, summed over the inputs of ${modelName(i)}.",
  columns: { ${column}: "The number of events counted by ${modelName(i)}." },
  assertions: { nonNull: ["${column}"] },
  bigquery: { partitionBy: "event_date", clusterBy: ["user_id"] }
}`;
  const where = "where event_date >= '${dataform.projectConfig.vars.start_date}'";
  if (i === 0) {
    return `${config}
select event_date, user_id, count(*) as ${column}
from \${ref("events")}
${where}
group by event_date, user_id
`;
  }
  const inputs = upstreamsOf(i)
    .map((u) => `  select event_date, user_id, ${valueColumn(u)} as n from \${ref("${modelName(u)}")}`)
    .join('\n  union all\n');
  return `${config}
select event_date, user_id, sum(n) as ${column}
from (
${inputs}
) as inputs
${where}
group by event_date, user_id
`;
}

/**
 * Writes the Dataform project into `dir`; `corePackage` is the folder of an installed
 * @dataform/core, copied into the project's node_modules (the CLI's sandbox does not follow a
 * symbolic link out of the project), so the CLI compiles offline with the bench-local install.
 */
export async function generateDataformProject(dir: string, modelCount: number, corePackage: string): Promise<void> {
  if (!Number.isInteger(modelCount) || modelCount < 1) throw new Error(`model count must be a positive integer, got ${modelCount}`);
  await mkdir(join(dir, 'definitions'), { recursive: true });
  await Promise.all([
    writeFile(join(dir, 'workflow_settings.yaml'), WORKFLOW_SETTINGS),
    writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'pdb-bench-dataform', private: true }, null, 2)}\n`),
    writeFile(join(dir, 'definitions', 'sources.sqlx'), SOURCES_SQLX),
    cp(corePackage, join(dir, 'node_modules', '@dataform', 'core'), { recursive: true }),
  ]);
  for (let first = 0; first < modelCount; first += FOLDER_SIZE) {
    const folder = join(dir, 'definitions', `group_${first / FOLDER_SIZE}`);
    await mkdir(folder, { recursive: true });
    const writes: Promise<void>[] = [];
    for (let i = first; i < Math.min(first + FOLDER_SIZE, modelCount); i++) writes.push(writeFile(join(folder, `${modelName(i)}.sqlx`), dataformModelSqlx(i)));
    await Promise.all(writes);
  }
}
