/**
 * Every statement BigQuery would get for an incremental build of the core models over a sharded
 * GA4 source passes ZetaSQL's analyzer: the repo's project compiled for target `bq`, each
 * incremental model's table in place (marked with its SQL, so the adapter runs the incremental
 * script), and the jobs the real BigQuery adapter sends to a fake BigQuery captured and analyzed
 * statement by statement (DECLARE and SET as the types of their expressions); a --full-refresh
 * build of the same models too.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bigqueryDialect } from '../../src/adapters/bigquery/bigquery-dialect.js';
import { keyAmong } from '../../src/adapters/bigquery/bigquery-statements.js';
import { compile } from '../../src/api.js';
import type { CompiledModel } from '../../src/compile/compiled-model.js';
import { incrementalLogic } from '../../src/compile/incremental-since.js';
import { TemplateEnvironment } from '../../src/templating/template-environment.js';
import { analyzeScript, type ScriptAnalysis } from '../../src/validate/analyze-script.js';
import { parseBigQueryType } from '../../src/validate/bigquery-type.js';
import { validateBigQueryModels } from '../../src/validate/validate-bigquery.js';
import { bigQueryLanguage, catalogName, sourceCatalogTable } from '../../src/validate/zetasql-catalog.js';
import type { TableProto } from '../../src/validate/zetasql-protocol.js';
import { withZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { DATASET, PROJECT, startHarness } from '../bigquery-rest/harness.js';
import type { FakeField } from '../support/fake-bigquery-server.js';
import { copyRepoProject } from '../support/temp-project.js';

const INCREMENTAL_CORE_MODELS = ['stg_events', 'int_user_revenue_days', 'int_user_attributes', 'int_user_funnel'];

/** A BigQuery type as tables.get's schema gives it: a REPEATED mode for arrays, RECORD fields for structs. */
function restField(name: string, type: string): FakeField {
  const array = /^ARRAY<(.*)>$/s.exec(type);
  if (array !== null) return { ...restField(name, array[1]!), mode: 'REPEATED' };
  const struct = /^STRUCT<(.*)>$/s.exec(type);
  if (struct !== null) throw new Error(`${name}: a STRUCT column is not expected in the core models`);
  return { name, type: type === 'INT64' ? 'INTEGER' : type === 'FLOAT64' ? 'FLOAT' : type };
}

interface Scripts {
  readonly models: readonly CompiledModel[];
  /** What the adapter sent for each incremental model, in order: the staged build, then the publish. */
  readonly sent: ReadonlyMap<string, readonly string[]>;
  /** The same for a --full-refresh build of it. */
  readonly refreshed: ReadonlyMap<string, readonly string[]>;
  readonly catalog: readonly TableProto[];
}

/** The repo's project for target `bq`, and the jobs the adapter sends to build each incremental model's next increment. */
async function incrementalBuildJobs(): Promise<Scripts> {
  const dir = await copyRepoProject();
  const env = { PDB_BQ_PROJECT: PROJECT, PDB_BQ_DATASET: DATASET };
  const compiled = await compile({ dir, target: 'bq', env, validate: false });
  const templates = new TemplateEnvironment({ project: compiled.project, dialect: bigqueryDialect, env });
  const sourceTableName = (source: (typeof compiled.project.sources)[number]): string => templates.renderString(source.bigquery?.table ?? '', source.location.file);
  const validation = await validateBigQueryModels({ models: compiled.models, sources: compiled.project.sources, sourceTableName, rawSqlOf: () => '' });
  assert.is(validation.status, 'validated', 'the ZetaSQL package is installed');
  assert.equal(validation.errors, []);

  const harness = await startHarness();
  const sent = new Map<string, string[]>();
  const refreshed = new Map<string, string[]>();
  const catalog: TableProto[] = [];
  try {
    for (const source of compiled.project.sources) {
      if (source.bigquery === undefined) continue;
      const name = catalogName(sourceTableName(source));
      const made = sourceCatalogTable(source, name);
      if ('table' in made) catalog.push(made.table);
      // One daily shard, so the wildcard resolves.
      harness.server.addTable(name.replace(/\*$/, '20240101'));
    }
    // Every model upstream is built (the fake checks that what a job reads exists).
    for (const model of compiled.models) if (model.config.materialized !== 'ephemeral') harness.server.addTable(catalogName(model.relation));
    for (const model of compiled.models) {
      const schema = validation.schemas.get(model.id) ?? [];
      const column = schema.map((c) => {
        const parsed = parseBigQueryType(c.type);
        if (!parsed.ok) throw new Error(`${model.name}.${c.name}: ${parsed.message}`);
        return { name: c.name, type: parsed.type };
      });
      // The table and the staged copy the script runs on have the model's columns.
      catalog.push({ name: catalogName(model.relation), column }, { name: catalogName(harness.adapter.stagedRelation(model)), column });
      if (model.config.materialized !== 'incremental') continue;
      for (const [fullRefresh, jobs] of [[false, sent], [true, refreshed]] as const) {
        // The table as a build left it (the fake's copies keep no partitioning).
        harness.server.addTable(catalogName(model.relation), {
          numRows: 100,
          fields: schema.map((c) => restField(c.name, c.type)),
          description: incrementalLogic(model),
          timePartitioning: { type: 'DAY', field: model.config.partitionBy!.field },
        });
        const before = harness.server.inserts().length;
        const staged = await harness.adapter.stage(model, { fullRefresh });
        assert.ok(staged.ok, `${model.name} staged: ${JSON.stringify(staged)}`);
        const published = await harness.adapter.publish(model);
        assert.ok(published.ok, `${model.name} published: ${JSON.stringify(published)}`);
        jobs.set(model.name, harness.server.inserts().slice(before).map((job) => job.body.configuration?.query?.query ?? ''));
      }
    }
  } finally {
    await harness.close();
  }
  return { models: compiled.models, sent, refreshed, catalog };
}

test('every statement of the incremental build (and of a full refresh) of each incremental core model passes ZetaSQL, unique_key deletes included', async () => {
  const scripts = await incrementalBuildJobs();
  assert.equal(
    scripts.models.filter((m) => m.config.materialized === 'incremental').map((m) => m.name).sort(),
    [...INCREMENTAL_CORE_MODELS].sort(),
    'the GA4 source is sharded, so these core models build incrementally',
  );
  const outcome = await withZetaSqlServer(async (server) => {
    const language = bigQueryLanguage(await server.call('GetLanguageOptions', { maximumFeatures: true }));
    const analyze = async (sent: ReadonlyMap<string, readonly string[]>): Promise<Map<string, ScriptAnalysis[]>> => {
      const analyses = new Map<string, ScriptAnalysis[]>();
      for (const [name, jobs] of sent) analyses.set(name, await Promise.all(jobs.map((job) => analyzeScript(server, language, job, scripts.catalog))));
      return analyses;
    };
    return { incremental: await analyze(scripts.sent), fullRefresh: await analyze(scripts.refreshed) };
  });
  assert.is(outcome.status, 'ran', 'the ZetaSQL package is installed');
  if (outcome.status !== 'ran') return;
  const checked = (analyses: readonly ScriptAnalysis[], build: string): string[] => {
    const problems = analyses.flatMap((a) => (a.problem === undefined ? [] : [`line ${a.problem.line ?? '?'}: ${a.problem.message}\n  in: ${a.problem.statement.sql.slice(0, 300)}`]));
    assert.equal(problems, [], `BigQuery would reject a statement of ${build}`);
    return analyses.flatMap((a) => a.statements.map((s) => s.sql.split(/\s+/, 2).join(' ').toLowerCase()));
  };
  for (const name of INCREMENTAL_CORE_MODELS) {
    // Nothing skipped: the copy, the script's statements, then the publish's copy, mark and drop.
    // A model keyed by date recomputes every date when a new row is older than pdb_since (the IF).
    const keyed = (scripts.models.find((m) => m.name === name)?.config.uniqueKey ?? []).length > 0;
    assert.equal(checked(outcome.value.incremental.get(name) ?? [], `${name}'s incremental build`), [
      'create or',
      'declare pdb_since',
      'set pdb_since',
      'create temp',
      ...(keyed ? [] : ['if pdb_since', 'set pdb_since', 'create or', 'end if']),
      'begin transaction',
      'delete from',
      'insert into',
      'commit transaction',
      'create or',
      'alter table',
      'drop table',
    ], name);
    // A full refresh: the staged table created (partitioned, marked), then the publish.
    assert.equal(checked(outcome.value.fullRefresh.get(name) ?? [], `${name}'s full refresh`), ['create or', 'create or', 'alter table', 'drop table'], name);
  }
  // The models keyed by user delete the rows of the keys they recompute.
  for (const name of ['int_user_attributes', 'int_user_funnel']) {
    const script = (scripts.sent.get(name) ?? []).find((job) => job.includes('delete from')) ?? '';
    assert.match(script, ` or ${keyAmong(['user_id'], 'pdb_new_rows')};`, name);
  }
});

test.run();
