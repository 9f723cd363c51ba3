import type { SchemaObject } from 'ajv';
import { CONFIG_KEYS } from '../config-keys.js';

/**
 * The model config keys, shared by folder config in project.yml (written `+key`) and by a
 * model's `config:` in YAML (written `key`); defined in the config key table.
 */
export const CONFIG_PROPERTIES: Readonly<Record<string, SchemaObject>> = Object.fromEntries(CONFIG_KEYS.map((key) => [key.name, key.schema]));

/** `config:` of a model in YAML. */
export const MODEL_CONFIG_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: CONFIG_PROPERTIES,
};

/** The `+key` form of every config key, for folder config. */
export function plusProperties(): Record<string, SchemaObject> {
  return Object.fromEntries(Object.entries(CONFIG_PROPERTIES).map(([k, v]) => [`+${k}`, v]));
}
