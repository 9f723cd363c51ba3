import type { Materialization, ModelConfig, PartitionBy } from './types.js';

/** What one level (a folder in project.yml, or a model's YAML) says about a model's config. */
export interface ConfigLayer {
  readonly enabled?: boolean;
  readonly materialized?: Materialization;
  readonly tags?: readonly string[];
  readonly schema?: string;
  readonly alias?: string;
  readonly partitionBy?: PartitionBy;
  readonly clusterBy?: readonly string[];
  readonly uniqueKey?: readonly string[];
  readonly requires?: readonly string[];
}

/** dbt's default: a model without config is a view. */
export const DEFAULT_CONFIG: ModelConfig = { enabled: true, materialized: 'view', tags: [] };

const MATERIALIZATIONS: readonly string[] = ['table', 'view', 'ephemeral', 'incremental'];

/**
 * Reads config keys (`prefix` '+' in folder config, '' in model YAML). The schema has already
 * reported wrong values; here anything of the wrong shape is simply left out.
 */
export function configLayer(raw: Readonly<Record<string, unknown>>, prefix: '' | '+'): ConfigLayer {
  const get = (key: string): unknown => raw[prefix + key];
  const enabled = get('enabled');
  const materialized = get('materialized');
  const schema = get('schema');
  const alias = get('alias');
  const tags = stringOrList(get('tags'));
  const partitionBy = partition(get('partition_by'));
  const clusterBy = stringOrList(get('cluster_by'));
  const uniqueKey = stringOrList(get('unique_key'));
  const requires = stringOrList(get('requires'));
  return {
    ...(typeof enabled === 'boolean' ? { enabled } : {}),
    ...(typeof materialized === 'string' && MATERIALIZATIONS.includes(materialized) ? { materialized: materialized as Materialization } : {}),
    ...(tags === undefined ? {} : { tags }),
    ...(typeof schema === 'string' ? { schema } : {}),
    ...(typeof alias === 'string' ? { alias } : {}),
    ...(partitionBy === undefined ? {} : { partitionBy }),
    ...(clusterBy === undefined ? {} : { clusterBy }),
    ...(uniqueKey === undefined ? {} : { uniqueKey }),
    ...(requires === undefined ? {} : { requires }),
  };
}

/**
 * Outer layers first. Tags accumulate (deduplicated, first mention first); every other key is
 * taken from the innermost layer that sets it.
 */
export function mergeConfig(layers: readonly ConfigLayer[]): ModelConfig {
  const tags: string[] = [];
  let merged: ModelConfig = DEFAULT_CONFIG;
  for (const layer of layers) {
    for (const tag of layer.tags ?? []) if (!tags.includes(tag)) tags.push(tag);
    const { tags: _ignored, ...rest } = layer;
    merged = { ...merged, ...rest };
  }
  return { ...merged, tags };
}

function stringOrList(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

function partition(value: unknown): PartitionBy | undefined {
  if (typeof value === 'string') return { field: value, dataType: 'date', granularity: 'day' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw['field'] !== 'string') return undefined;
  return {
    field: raw['field'],
    dataType: raw['data_type'] === 'timestamp' ? 'timestamp' : 'date',
    granularity: raw['granularity'] === 'month' ? 'month' : 'day',
  };
}
