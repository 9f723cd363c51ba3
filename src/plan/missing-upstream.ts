import type { Adapter } from '../adapters/adapter.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { ModelGraph } from '../graph/model-graph.js';
import type { ModelId } from '../project/types.js';

/** Every model upstream of the selection, outside it. */
export function upstreamOutside(graph: ModelGraph, selected: readonly ModelId[]): ModelId[] {
  const inSelection = new Set(selected);
  const found = new Set<ModelId>();
  const stack = [...selected];
  while (stack.length > 0) {
    for (const parent of graph.parents(stack.pop()!)) {
      if (inSelection.has(parent) || found.has(parent)) continue;
      found.add(parent);
      stack.push(parent);
    }
  }
  return graph.order.filter((id) => found.has(id));
}

/**
 * The upstream models that do not exist in the database yet: on a fresh clone,
 * `pdb build --select retention` builds them first instead of failing on a missing table.
 */
export async function missingUpstream(upstream: readonly CompiledModel[], adapter: Adapter): Promise<ModelId[]> {
  const checks = await Promise.all(upstream.map(async (m) => (m.config.materialized === 'ephemeral' || (await adapter.relationExists(m)) ? undefined : m.id)));
  return checks.filter((id): id is ModelId => id !== undefined);
}
