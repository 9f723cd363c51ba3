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
    const refs = [...new Set(rendered.refs)];
    // Lines of the ref() calls are wanted only for a cycle error: found when asked for.
    let lines: Record<string, number> | undefined;
    const refLines = (): Record<string, number> => (lines ??= Object.fromEntries(refs.map((ref) => [ref, refLine(model.rawSql, ref)])));
    for (const ref of refs) {
      if (renders.get(ref as ModelId)?.config.enabled === false && renders.get(ref as ModelId)?.disabledReason === undefined) {
        errors.push(new PdbError({
          code: 'E_REF_DISABLED',
          message: `ref('${ref}') names a disabled model.`,
          hint: `Enable ${ref} (enabled: true), or disable ${model.name} too.`,
          location: { file: model.path, line: refLine(model.rawSql, ref), column: 1 },
        }));
      }
    }
    nodes.push({ id: model.id, path: model.path, folders: model.folders, tags: config.tags, dependsOn: refs as ModelId[], get refLines() { return refLines(); } });
  }
  return { nodes, errors };
}

function refLine(text: string, ref: string): number {
  return lineOf(text, new RegExp(`ref\\s*\\(\\s*['"]${ref}['"]`));
}
