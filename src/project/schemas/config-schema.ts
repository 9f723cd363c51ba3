import type { SchemaObject } from 'ajv';
import { CANONICAL_COLUMNS } from '../types.js';

/**
 * The model config keys, shared by folder config in project.yml (written `+key`) and by a
 * model's `config:` in YAML (written `key`).
 */
const stringOrList: SchemaObject = { type: ['string', 'array'], items: { type: 'string' } };

export const CONFIG_PROPERTIES: Readonly<Record<string, SchemaObject>> = {
  enabled: { type: 'boolean' },
  materialized: { enum: ['table', 'view', 'ephemeral', 'incremental'] },
  tags: stringOrList,
  schema: { type: 'string' },
  alias: { type: 'string' },
  partition_by: {
    type: ['string', 'object'],
    required: ['field'],
    additionalProperties: false,
    properties: {
      field: { type: 'string' },
      data_type: { enum: ['date', 'timestamp'] },
      granularity: { enum: ['day', 'month'] },
    },
  },
  cluster_by: stringOrList,
  unique_key: stringOrList,
  // The canonical columns, and `funnel` (the mapping defines funnel steps).
  requires: { type: 'array', items: { enum: [...CANONICAL_COLUMNS, 'funnel'] } },
};

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
