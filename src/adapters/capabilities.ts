import type { Target } from '../project/types.js';
import { dialectFor } from './dialects.js';

/**
 * What a target's engine supports, declared here once, so the stages ask for a capability and
 * never compare engine names. Compile-time facts come from the dialect (no connection needed).
 */
export interface Capabilities {
  /** How SQL for this engine is checked offline: ZetaSQL for GoogleSQL, or not at all (the engine binds it at run time). */
  readonly offlineValidator: 'zetasql' | 'none';
  /** Sources may be wildcard tables of daily shards (`events_*`) that a model prunes by `_TABLE_SUFFIX`. */
  readonly shardedSources: boolean;
  /** A query with LIMIT 0 is free and binds every name: mapped expressions are checked against the source before a build. */
  readonly freeBind: boolean;
  /** The engine can sample a table cheaply for `pdb infer`. */
  readonly sampling: boolean;
  /** Models built at once when neither --threads nor the profile says. */
  readonly defaultThreads: number;
  /** The profile's byte budget of a build (checked by a dry run before anything runs), if any. */
  readonly buildBudgetBytes: number | undefined;
}

const DEFAULT_THREADS = 4;

export function capabilitiesOf(target: Target): Capabilities {
  const dialect = dialectFor(target.type);
  const common = { offlineValidator: dialect.offlineValidator, shardedSources: dialect.shardedSources };
  switch (target.type) {
    case 'duckdb':
      return { ...common, freeBind: true, sampling: true, defaultThreads: target.threads ?? DEFAULT_THREADS, buildBudgetBytes: undefined };
    case 'bigquery':
      return { ...common, freeBind: false, sampling: false, defaultThreads: DEFAULT_THREADS, buildBudgetBytes: target.maxBuildBytes };
  }
}
