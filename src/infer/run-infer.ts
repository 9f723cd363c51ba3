/**
 * `pdb infer`: reads a source's columns and a sample, asks every loaded plugin (the built-in
 * `infer` plugin always among them) for a mapping proposal, and writes it as a commented mapping
 * file for review. An existing file is never overwritten without `force`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectOptions } from '../api.js';
import type { Adapter } from '../adapters/adapter.js';
import { capabilitiesOf } from '../adapters/capabilities.js';
import { dialectFor } from '../adapters/dialects.js';
import { openAdapter } from '../adapters/open-adapter.js';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import { loadBuiltinPlugin } from '../plugins/load-builtin.js';
import { loadPlugins, type LoadedPlugin } from '../plugins/load-plugins.js';
import type { CanonicalField, FieldProposal, MappingProposal, Row } from '../plugins/plugin-api.js';
import { dialectInfo } from '../plugins/dialect-info.js';
import type { LoadedProject, SourceTable } from '../project/types.js';
import { TemplateEnvironment } from '../templating/template-environment.js';
import { loadInferProject } from './load-infer-project.js';
import { mappingYaml } from './mapping-yaml.js';
import { refineProposal, type Refiner } from './refine.js';

export interface InferOptions extends ProjectOptions {
  /** `name.table`; default the mapping's source, else the only declared source. */
  readonly source?: string;
  /** Mapping file to write, relative to the project; default mapping.yml. */
  readonly out?: string;
  readonly force?: boolean;
  /** Rows sampled for value profiles; default 20000. */
  readonly sampleRows?: number;
  /** An optional refinement of the heuristic proposal (e.g. an LLM); see refine.ts. */
  readonly refiner?: Refiner;
}

export interface InferOutcome {
  readonly project: LoadedProject;
  readonly source: string;
  readonly proposal: MappingProposal;
  /** Relative to the project directory. */
  readonly path: string;
  readonly written: boolean;
  readonly sampleRows: number;
}

export async function infer(options: InferOptions): Promise<InferOutcome> {
  const project = await loadInferProject(options);
  const table = pickSource(project, options.source);
  const source = `${table.sourceName}.${table.name}`;
  const out = options.out ?? 'mapping.yml';
  if (existsSync(join(project.dir, out)) && options.force !== true) {
    throw new PdbError({ code: 'E_INFER_EXISTS', message: `${out} already exists; pdb infer never overwrites a mapping without --force.`, hint: `Review and keep it, write the proposal elsewhere with --out proposed-mapping.yml, or replace it with --force.`, location: { file: out } });
  }
  if (!capabilitiesOf(project.target).sampling) {
    throw new PdbError({ code: 'E_INFER_UNSUPPORTED', message: `pdb infer does not support BigQuery targets yet (target ${project.target.name}).`, hint: 'Infer on a DuckDB target over an export of the table (e.g. a day of Parquet files), then point the mapping at the BigQuery source.', location: { file: '--target' } });
  }
  const dialect = dialectFor(project.target.type);
  const relation = sourceRelation(project, table, options.env ?? process.env);
  const plugins = await inferPlugins(project);
  const sampleRows = options.sampleRows ?? 20000;
  const adapter = await openAdapter(project.target, project.dir, options.env ?? process.env);
  try {
    const query = queryOf(adapter, source);
    const described = await query(`describe select * from ${relation}`);
    const columns = described.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
    const sample = await query(`select * from ${relation} using sample reservoir(${Math.max(1, Math.floor(sampleRows))} rows) repeatable (42)`);
    const proposals: MappingProposal[] = [];
    for (const loaded of plugins) {
      try {
        proposals.push(await loaded.plugin.inferMapping!({ config: loaded.config, source: { name: table.sourceName, table: table.name }, dialect: dialectInfo(dialect), columns, sample, query, sourceRelation: relation }));
      } catch (error) {
        throw new PdbError({ code: 'E_INFER_PLUGIN', message: `plugin '${loaded.name}' failed in inferMapping: ${error instanceof Error ? error.message : String(error)}`, hint: 'Fix the plugin, or remove it from project.yml to infer with the built-in heuristics only.', location: { file: loaded.source }, cause: error });
      }
    }
    const proposal = await refineProposal(mergeProposals(proposals), options.refiner);
    const written = await writeFileAtomic(join(project.dir, out), mappingYaml(proposal, source, sample.length));
    return { project, source, proposal, path: out, written, sampleRows: sample.length };
  } finally {
    await adapter.close();
  }
}

function pickSource(project: LoadedProject, wanted: string | undefined): SourceTable {
  const all = project.sources.map((s) => `${s.sourceName}.${s.name}`);
  const name = wanted ?? (project.mapping !== undefined ? `${project.mapping.source.sourceName}.${project.mapping.source.table}` : all.length === 1 ? all[0] : undefined);
  if (name === undefined) {
    throw new PdbError({ code: 'E_INFER_SOURCE', message: all.length === 0 ? 'the project declares no source to infer a mapping for.' : `the project declares ${all.length} sources; say which one to infer a mapping for.`, hint: all.length === 0 ? "Declare the raw events under 'sources:' in a YAML file under a model path." : `Pass --source with one of: ${all.join(', ')}.`, location: { file: '--source' } });
  }
  const found = project.sources.find((s) => `${s.sourceName}.${s.name}` === name);
  if (found === undefined) {
    throw new PdbError({ code: 'E_INFER_SOURCE', message: `there is no source '${name}'.${didYouMean(name, all)}`, hint: `Declared sources: ${all.join(', ') || 'none'}.`, location: { file: '--source' } });
  }
  return found;
}

function sourceRelation(project: LoadedProject, table: SourceTable, env: Readonly<Record<string, string | undefined>>): string {
  const dialect = dialectFor(project.target.type);
  const location = dialect.sourceLocation(table);
  if (location === undefined) {
    throw new PdbError({ code: 'E_SOURCE_NO_LOCATION', message: `source ${table.sourceName}.${table.name} declares no location for ${dialect.type} targets.`, hint: `Add a \`${dialect.type}:\` entry to the source table in ${table.location.file} (line ${table.location.line}).`, location: table.location });
  }
  const rendered = new TemplateEnvironment({ project, dialect, env }).renderString(location, table.location.file);
  return dialect.sourceRelation(table, rendered);
}

/** The project's plugins that infer, then the built-in `infer` plugin unless the project declared it. */
async function inferPlugins(project: LoadedProject): Promise<LoadedPlugin[]> {
  const declared = (await loadPlugins(project)).filter((p) => p.plugin.inferMapping !== undefined);
  if (declared.some((p) => p.name === 'infer')) return declared;
  return [...declared, await loadBuiltinPlugin('infer')];
}

function queryOf(adapter: Adapter, source: string): (sql: string) => Promise<readonly Row[]> {
  return async (sql) => {
    const outcome = await adapter.query(sql);
    if (!outcome.ok) {
      throw new PdbError({ code: 'E_INFER_QUERY', message: `reading ${source} failed: ${outcome.error.message}`, hint: 'Check that the source location exists and is readable (paths are relative to the project directory).' });
    }
    return outcome.value.rows;
  };
}

/** Field by field, the most confident proposal wins; the first plugin's events and zone are kept. */
export function mergeProposals(proposals: readonly MappingProposal[]): MappingProposal {
  const [first, ...rest] = proposals;
  if (first === undefined) return { columns: {} };
  const columns: Partial<Record<CanonicalField, FieldProposal>> = { ...first.columns };
  for (const p of rest) {
    for (const [field, proposal] of Object.entries(p.columns) as [CanonicalField, FieldProposal][]) {
      const current = columns[field];
      if (current === undefined || proposal.confidence > current.confidence) columns[field] = proposal;
    }
  }
  const withEvents = proposals.find((p) => p.events !== undefined);
  return {
    ...first,
    columns,
    ...(withEvents?.events === undefined ? {} : { events: withEvents.events }),
    evidence: withEvents?.evidence ?? first.evidence ?? [],
  };
}
