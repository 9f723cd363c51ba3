import type { ColumnDoc, DataTestDecl, ModelConfig, ModelId } from '../project/types.js';

/** A model compiled for one target: the final SQL to review and run. A new object; parsed models are never mutated. */
export interface CompiledModel {
  readonly id: ModelId;
  readonly name: string;
  readonly path: string;
  readonly description?: string;
  readonly config: ModelConfig;
  /** Where the model is materialized, fully qualified and quoted for its engine. */
  readonly relation: string;
  readonly dependsOn: { readonly models: readonly ModelId[]; readonly sources: readonly string[] };
  readonly columns: readonly ColumnDoc[];
  readonly tests: readonly DataTestDecl[];
  /** Formatted SELECT (ephemeral upstreams inlined as CTEs). */
  readonly sql: string;
  readonly rawChecksum: string;
  readonly compiledChecksum: string;
  /**
   * A digest of the rendered SQL of every model upstream, through every ref (empty when it reads
   * none): an incremental table keeps rows only while this and its own SQL are unchanged.
   */
  readonly upstreamChecksum: string;
}
