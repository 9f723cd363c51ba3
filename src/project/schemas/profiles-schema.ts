import type { SchemaObject } from 'ajv';

const duckdbTarget: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { const: 'duckdb' },
    path: { type: 'string', minLength: 1, description: "a database file path or ':memory:'" },
    schema: { type: 'string', minLength: 1, description: 'a non-empty schema name' },
    threads: { type: 'integer', minimum: 1 },
    // Checked for its form after env_var interpolation.
    memory_limit: { type: 'string' },
  },
};

const bigqueryTarget: SchemaObject = {
  type: 'object',
  required: ['project', 'dataset'],
  additionalProperties: false,
  properties: {
    type: { const: 'bigquery' },
    project: { type: 'string', minLength: 1, description: 'a Google Cloud project id' },
    dataset: { type: 'string', minLength: 1, description: 'a BigQuery dataset name' },
    location: { type: 'string' },
    keyfile: { type: 'string' },
    maximum_bytes_billed: { type: 'integer', minimum: 1 },
    max_build_bytes: { type: 'integer', minimum: 1 },
  },
};

/** profiles.yml: named targets, each of one engine type. */
export const PROFILES_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['targets'],
  additionalProperties: false,
  properties: {
    target: { type: 'string' },
    targets: {
      type: 'object',
      minProperties: 1,
      description: 'at least one target',
      additionalProperties: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: ['duckdb', 'bigquery'] } },
        // The keys allowed depend on the engine type: each branch closes its own key set.
        allOf: [
          { if: { properties: { type: { const: 'duckdb' } } }, then: duckdbTarget },
          { if: { properties: { type: { const: 'bigquery' } } }, then: bigqueryTarget },
        ],
      },
    },
  },
};
