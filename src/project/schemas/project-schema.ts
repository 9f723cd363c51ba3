import { DATA_QUALITY_SCHEMA } from './data-quality-schema.js';
import type { SchemaObject } from 'ajv';
import { plusProperties } from './config-schema.js';

const pathList: SchemaObject = { type: 'array', items: { type: 'string', minLength: 1, description: 'a non-empty path' } };

/** project.yml. The mapping, when inline, is validated by its own schema. */
export const PROJECT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: {
      type: 'string',
      pattern: '^[a-z_][a-z0-9_]*$',
      description: 'a name of lower-case letters, digits and underscores, such as pdb_core',
    },
    'model-paths': pathList,
    'macro-paths': pathList,
    'plugin-paths': pathList,
    'test-paths': pathList,
    'target-path': { type: 'string', minLength: 1, description: 'a non-empty path' },
    'state-path': { type: 'string', minLength: 1, description: 'a file for the run-state store, such as .pdb/state.duckdb' },
    'profile-target': { type: 'string' },
    vars: { type: 'object' },
    mapping: { type: ['string', 'object'] },
    plugins: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, description: 'the name of a built-in plugin, such as qa' },
          path: { type: 'string', minLength: 1, description: 'a plugin file, such as plugins/my_checks.ts' },
          config: { type: 'object' },
        },
      },
    },
    'data-quality': DATA_QUALITY_SCHEMA,
    insights: { type: 'object', description: "the built-in insights plugin's config, such as { llm: { model: gpt-4o-mini, api_key_env: OPENAI_API_KEY } }" },
    product: {
      type: 'object',
      additionalProperties: false,
      properties: {
        category: {
          enum: ['mobile_game', 'consumer_app', 'web_saas', 'subscription'],
          description: 'one of mobile_game, consumer_app, web_saas, subscription: it picks the published benchmarks that apply',
        },
      },
    },
    packages: {
      type: 'array',
      uniqueItems: true,
      items: { enum: ['core'], description: "a built-in package: 'core' (the core metrics); [] uses none" },
    },
    models: { $ref: '#/$defs/folder' },
  },
  $defs: {
    // dbt style: `+key` is config for this folder; any other key is a sub-folder.
    folder: {
      type: 'object',
      additionalProperties: false,
      properties: plusProperties(),
      patternProperties: { '^[^+]': { $ref: '#/$defs/folder' } },
    },
  },
};

/** A package's package.yml: what a project file says about models, macros, tests and plugins. */
export const PACKAGE_SCHEMA: SchemaObject = {
  ...PROJECT_SCHEMA,
  properties: Object.fromEntries(
    Object.entries(PROJECT_SCHEMA['properties'] as Record<string, SchemaObject>).filter(
      ([key]) => !['mapping', 'profile-target', 'target-path', 'state-path', 'packages', 'data-quality', 'product'].includes(key),
    ),
  ),
};
