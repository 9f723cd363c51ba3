import { CONFIG_KEYS, type ConfigLayer } from './config-keys.js';
import { isValid } from './config-validation.js';
import type { ModelConfig } from './types.js';

export type { ConfigLayer } from './config-keys.js';

/** dbt's default: a model without config is a view. */
export const DEFAULT_CONFIG: ModelConfig = { enabled: true, materialized: 'view', tags: [] };

/**
 * Reads config keys (`prefix` '+' in folder config, '' in model YAML and `config()`). The schema
 * has already reported wrong values; here anything of the wrong shape is simply left out.
 */
export function configLayer(raw: Readonly<Record<string, unknown>>, prefix: '' | '+'): ConfigLayer {
  const layer: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = raw[prefix + key.name];
    if (value !== undefined && isValid(key, value)) layer[key.field] = key.read(value);
  }
  return layer as ConfigLayer;
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
