import type { CompiledModel } from '../compile/compiled-model.js';

/**
 * A model whose upstream tables do not exist yet cannot be dry-run as it is. With each missing
 * upstream inlined as a CTE (its own SELECT in place of its table), the dry run can still say
 * what the sources would cost. Upstreams come in build order, so a CTE only reads earlier ones.
 */
export function inlineUpstream(model: CompiledModel, upstream: readonly CompiledModel[]): CompiledModel {
  const names = new Map(upstream.map((u) => [u.relation, `__pdb_upstream_${u.name}`]));
  const rewrite = (sql: string): string => {
    let out = sql.trim().replace(/;+\s*$/, '');
    for (const [relation, name] of names) out = out.split(relation).join(name);
    return out;
  };
  const ctes = upstream.map((u) => `${names.get(u.relation)} as (\n${rewrite(u.sql)}\n)`).join(',\n');
  const sql = rewrite(model.sql);
  // Join the model's own WITH, if it has one, after any leading comments.
  const leading = /^((?:\s*(?:--[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*)with(\s+recursive)?\s/i.exec(sql);
  const merged = leading === null ? `with ${ctes}\n${sql}` : `${leading[0]}${ctes},\n${sql.slice(leading[0].length)}`;
  return { ...model, sql: merged };
}
