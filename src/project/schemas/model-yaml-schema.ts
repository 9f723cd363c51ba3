import type { SchemaObject } from 'ajv';
import { MODEL_CONFIG_SCHEMA } from './config-schema.js';

const name: SchemaObject = { type: 'string', minLength: 1, description: 'a non-empty name' };

/** A data test: `not_null`, or `{ kind: { args..., severity } }`. Kinds are not checked here. */
const testEntry: SchemaObject = {
  type: ['string', 'object'],
  minLength: 1,
  minProperties: 1,
  maxProperties: 1,
  description: 'a test name, or a mapping with exactly one key (the test name) whose value holds its arguments',
  additionalProperties: {
    type: ['object', 'null'],
    properties: { severity: { enum: ['error', 'warn'] } },
  },
};

const tests: SchemaObject = { type: 'array', items: testEntry };

const columnDoc: SchemaObject = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name, description: { type: 'string' }, data_type: { type: 'string' }, tests },
};

const modelDoc: SchemaObject = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name,
    description: { type: 'string' },
    config: MODEL_CONFIG_SCHEMA,
    columns: { type: 'array', items: columnDoc },
    tests,
  },
};

const sourceTable: SchemaObject = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name,
    description: { type: 'string' },
    duckdb: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description: "a 'path' (file or glob) or a 'table'",
      properties: {
        path: { type: 'string', minLength: 1, description: 'a file path or glob' },
        table: { type: 'string', minLength: 1, description: 'a table name' },
        format: { enum: ['parquet', 'csv', 'json'] },
      },
    },
    bigquery: {
      type: 'object',
      required: ['table'],
      additionalProperties: false,
      properties: { table: { type: 'string', minLength: 1, description: 'a table such as project.dataset.events_*' } },
    },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name, data_type: { type: 'string' }, description: { type: 'string' } },
      },
    },
  },
};

const sourceDoc: SchemaObject = {
  type: 'object',
  required: ['name', 'tables'],
  additionalProperties: false,
  properties: { name, description: { type: 'string' }, tables: { type: 'array', items: sourceTable } },
};

/** A YAML file under a model path: dbt-style model docs and sources. */
export const MODEL_YAML_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // dbt files start with `version: 2`; accepted so they can be copied over unchanged.
    version: { type: 'integer' },
    models: { type: 'array', items: modelDoc },
    sources: { type: 'array', items: sourceDoc },
  },
};
