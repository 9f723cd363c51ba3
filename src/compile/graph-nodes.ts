import { PdbError } from '../errors/pdb-error.js';
import type { GraphNode } from '../graph/model-graph.js';
import type { ModelId } from '../project/types.js';
import type { ModelRender } from './render-models.js';
import { lineOf } from './render-models.js';

/** The DAG's nodes: enabled models and their refs. A ref to a disabled model is an error at the ref. */
export function graphNodes(renders: ReadonlyMap<ModelId, ModelRender>): { nodes: GraphNode[]; errors: PdbError[] } {
  const nodes: GraphNode[] = [];
  const errors: PdbError[] = [];
  for (const { model, rendered, config } of renders.values()) {
    if (!config.enabled) continue;
    const refLines: Record<string, number> = {};
    for (const ref of new Set(rendered.refs)) {
      refLines[ref] = lineOf(model.rawSql, new RegExp(`ref\\s*\\(\\s*['"]${ref}['"]`));
      if (renders.get(ref as ModelId)?.config.enabled === false) {
        errors.push(new PdbError({
          code: 'E_REF_DISABLED',
          message: `ref('${ref}') names a disabled model.`,
          hint: `Enable ${ref} (enabled: true), or disable ${model.name} too.`,
          location: { file: model.path, line: refLines[ref], column: 1 },
        }));
      }
    }
    nodes.push({ id: model.id, path: model.path, folders: model.folders, tags: config.tags, dependsOn: [...new Set(rendered.refs)] as ModelId[], refLines });
  }
  return { nodes, errors };
}
