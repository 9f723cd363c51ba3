import { relationName } from '../adapters/relation-name.js';
import type { Dialect } from '../adapters/dialect.js';
import type { LoadedProject, ModelId } from '../project/types.js';
import { replaceRefTokens } from '../templating/ref-token.js';
import { sha256 } from './checksum.js';
import type { CompileCache } from './compile-cache.js';
import type { CompiledModel } from './compiled-model.js';
import { formatAll } from './format-sql.js';
import type { ModelRender } from './render-models.js';
import { indentedLines, literalSpansLines, tidySql } from './tidy-sql.js';

const LEADING_WITH = /^((?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*)with(\s+recursive)?\b/i;

const cteName = (name: string): string => `__pdb_cte__${name}`;

/** Turns rendered SQL into runnable SQL: refs become relations, ephemeral models become CTEs. */
export interface RefResolver {
  relationOf(id: ModelId): string;
  resolve(renderedSql: string, refs: readonly string[]): string;
}

export function refResolver(project: LoadedProject, renders: ReadonlyMap<ModelId, ModelRender>, dialect: Dialect): RefResolver {
  const relationOf = (id: ModelId): string => {
    const render = renders.get(id);
    if (render === undefined) throw new Error(`internal: model ${id} was not rendered`);
    return dialect.relation(relationName(project.target, render.config, render.model.name));
  };
  const isEphemeral = (name: string): boolean => renders.get(name as ModelId)?.config.materialized === 'ephemeral';
  const replace = (sql: string): string => replaceRefTokens(sql, (name) => (isEphemeral(name) ? cteName(name) : relationOf(name as ModelId)));
  return {
    relationOf,
    resolve(renderedSql, refs) {
      const ctes = ephemeralUpstreams(refs, renders, isEphemeral).map((name) => {
        const body = replace(renders.get(name)?.rendered.sql ?? '');
        // Indented inside the WITH, unless a literal spans lines (its whitespace is data).
        const inner = literalSpansLines(body, dialect.lexicon) ? body.trim() : indentedLines(body, '  ');
        return `${cteName(name)} as (\n${inner}\n)`;
      });
      const body = replace(renderedSql);
      return ctes.length === 0 ? body : withCtes(body, ctes);
    },
  };
}

/**
 * Final SQL for the selected models: refs replaced by relations (or, for ephemeral models, by
 * CTEs inlined into each model that reads them), in the author's layout with its whitespace
 * tidied (tidy-sql.ts), or formatted by sql-formatter when it has no layout to keep.
 */
export async function compileModels(
  project: LoadedProject,
  renders: ReadonlyMap<ModelId, ModelRender>,
  selected: readonly ModelId[],
  dialect: Dialect,
  cache: CompileCache,
): Promise<CompiledModel[]> {
  const resolver = refResolver(project, renders, dialect);
  const upstreamChecksum = upstreamChecksums(renders);
  // Each model's SQL: laid out by its author and tidied, or formatted below.
  const sqlOf = new Map<ModelId, string>();
  const resolved = selected.flatMap((id) => {
    const render = renders.get(id);
    if (render === undefined) throw new Error(`internal: model ${id} was not rendered`);
    const full = resolver.resolve(render.rendered.sql, render.rendered.refs);
    const tidied = tidySql(full, dialect.lexicon);
    if (tidied !== undefined) {
      sqlOf.set(id, tidied);
      return [];
    }
    const { skeleton } = render.rendered;
    // A static model with no ephemeral upstream is formatted by its shape (tags as placeholders),
    // which models of the same shape share; the placeholders are then filled in.
    const byShape = skeleton !== undefined && !render.rendered.refs.some((ref) => renders.get(ref as ModelId)?.config.materialized === 'ephemeral');
    const sql = byShape ? skeleton.sql : full;
    const sqlHash = sha256(`${dialect.type}\n${byShape ? 'shape\n' : ''}${sql}`);
    const fill = (formatted: string): string => (byShape ? fillPlaceholders(formatted, skeleton.values.map((v) => resolver.resolve(v, render.rendered.refs))) : formatted);
    return [{ id, sql, sqlHash, fill, cached: cache.formatted(sqlHash) }];
  });
  const misses = [...new Map(resolved.filter((r) => r.cached === undefined).map((r) => [r.sqlHash, r])).values()];
  const formatted = await formatAll(misses.map((r) => ({ sql: r.sql, language: dialect.formatterLanguage })));
  misses.forEach((r, i) => cache.storeFormatted(r.sqlHash, formatted[i]!));
  const fresh = new Map(misses.map((r, i) => [r.sqlHash, formatted[i]!]));

  for (const { id, sqlHash, cached, fill } of resolved) sqlOf.set(id, fill(cached ?? fresh.get(sqlHash)!));

  return selected.map((id) => {
    const render = renders.get(id)!;
    const sql = sqlOf.get(id)!;
    const { model, rendered, config } = render;
    return {
      id,
      name: model.name,
      path: model.path,
      ...(model.description === undefined ? {} : { description: model.description }),
      config,
      relation: resolver.relationOf(id),
      dependsOn: {
        models: [...new Set(rendered.refs)].sort() as ModelId[],
        sources: [...new Set(rendered.sources.map((s) => `${s.sourceName}.${s.table}`))].sort(),
      },
      columns: model.columns,
      tests: model.tests,
      sql,
      rawChecksum: render.rawChecksum,
      compiledChecksum: sha256(sql),
      upstreamChecksum: upstreamChecksum(rendered.refs),
    };
  });
}

/**
 * The digest of what the models behind `refs` compute: each one's rendered SQL (vars and mapping
 * included) and, in turn, its own upstream. An incremental model whose upstream was edited must
 * be rebuilt in full, as its kept rows were computed from the old upstream.
 */
function upstreamChecksums(renders: ReadonlyMap<ModelId, ModelRender>): (refs: readonly string[]) => string {
  const memo = new Map<string, string>();
  const of = (refs: readonly string[]): string => (refs.length === 0 ? '' : sha256([...new Set(refs)].sort().map(lineageOf).join('\n')));
  const lineageOf = (ref: string): string => {
    let digest = memo.get(ref);
    if (digest === undefined) {
      const render = renders.get(ref as ModelId);
      digest = render === undefined ? ref : sha256(`${ref}\n${render.rendered.sql}\n${of(render.rendered.refs)}`);
      memo.set(ref, digest);
    }
    return digest;
  };
  return of;
}

/** Ephemeral models read through `refs`, directly or through other ephemeral models, upstream first. */
function ephemeralUpstreams(refs: readonly string[], renders: ReadonlyMap<ModelId, ModelRender>, isEphemeral: (name: string) => boolean): ModelId[] {
  const ordered: ModelId[] = [];
  const seen = new Set<string>();
  const visit = (names: readonly string[]): void => {
    for (const ref of names) {
      if (!isEphemeral(ref) || seen.has(ref)) continue;
      seen.add(ref);
      visit(renders.get(ref as ModelId)?.rendered.refs ?? []);
      ordered.push(ref as ModelId);
    }
  };
  visit(refs);
  return ordered;
}

/** Adds CTEs in front of a query, merging with its own WITH clause if it has one. */
function withCtes(sql: string, ctes: readonly string[]): string {
  const match = LEADING_WITH.exec(sql);
  // The blank lines a leading config() tag left would sit between the CTEs and the query.
  if (match === null) return `with ${ctes.join(',\n')}\n${sql.replace(/^(?:[ \t]*\r?\n)+/, '')}`;
  const [whole, leading = '', recursive = ''] = match;
  return `${leading}with${recursive} ${ctes.join(',\n')},\n${sql.slice(whole.length).trimStart()}`;
}

function fillPlaceholders(formatted: string, values: readonly string[]): string {
  return formatted.replace(/__pdb_tag_(\d+)__/g, (_match, index: string) => values[Number(index)] ?? '');
}
