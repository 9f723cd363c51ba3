import type { SchemaObject } from 'ajv';
import { didYouMean } from '../errors/did-you-mean.js';
import { CANONICAL_COLUMNS, type Materialization, type ModelConfig, type PartitionBy } from './types.js';

/**
 * The one table of model config keys. Each key is defined here once: the JSON Schema of its value
 * (used for folder config in project.yml, a model's `config:` in YAML and in-file `config(...)`),
 * how a valid value is read into the model's config, and how it is written to the manifest.
 */
/** What one level (folder config, model YAML, `config()`) says: any keys of a model's config. */
export type ConfigLayer = Partial<ModelConfig>;

export interface ConfigKey {
  /** As written in YAML, in `config(...)` and in manifest.json. */
  readonly name: string;
  /** The field of ConfigLayer / ModelConfig. */
  readonly field: keyof ConfigLayer;
  readonly schema: SchemaObject;
  /** A valid value (the schema has passed) as the model's config holds it. */
  readonly read: (value: unknown) => unknown;
  /** The model's config value as manifest.json shows it. */
  readonly write: (value: unknown) => unknown;
  /** Why `config(name=value)` is wrong, for a value the schema rejected. */
  readonly inlineProblem: (value: unknown) => string;
  /** How to write it in `config(...)`. */
  readonly hint: string;
}

export const MATERIALIZATIONS: readonly Materialization[] = ['table', 'view', 'ephemeral', 'incremental'];
const NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
const REQUIRABLE: readonly string[] = [...CANONICAL_COLUMNS, 'funnel'];

const stringOrList: SchemaObject = { type: ['string', 'array'], items: { type: 'string' } };
const asList = (value: unknown): readonly string[] => (typeof value === 'string' ? [value] : (value as string[]));
const same = (value: unknown): unknown => value;
const listKey = (name: string, field: keyof ConfigLayer, example: string): ConfigKey => ({
  name,
  field,
  schema: stringOrList,
  read: asList,
  write: same,
  inlineProblem: () => `config(${name}=...) must be a string or a list of strings.`,
  hint: `Write ${example}.`,
});
const nameKey = (name: 'schema' | 'alias'): ConfigKey => ({
  name,
  field: name,
  schema: { type: 'string', pattern: NAME_PATTERN, description: 'a name of letters, digits and underscores' },
  read: same,
  write: same,
  inlineProblem: (value) => `config(${name}=...) must be a name of letters, digits and underscores, not ${JSON.stringify(value)}.`,
  hint: `Write config(${name}='name').`,
});

export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    name: 'enabled',
    field: 'enabled',
    schema: { type: 'boolean' },
    read: same,
    write: same,
    inlineProblem: (value) => `config(enabled=...) must be true or false, not ${JSON.stringify(value)}.`,
    hint: 'Write config(enabled=false).',
  },
  {
    name: 'materialized',
    field: 'materialized',
    schema: { enum: MATERIALIZATIONS },
    read: same,
    write: same,
    inlineProblem: (value) => `config(materialized=${JSON.stringify(value)}) is not a materialization.${didYouMean(String(value), MATERIALIZATIONS)}`,
    hint: `Use one of ${MATERIALIZATIONS.join(', ')}.`,
  },
  listKey('tags', 'tags', "config(tags=['retention'])"),
  nameKey('schema'),
  nameKey('alias'),
  {
    name: 'partition_by',
    field: 'partitionBy',
    schema: {
      type: ['string', 'object'],
      required: ['field'],
      additionalProperties: false,
      properties: {
        field: { type: 'string' },
        data_type: { enum: ['date', 'timestamp'] },
        granularity: { enum: ['day', 'month'] },
      },
    },
    read: (value): PartitionBy => {
      if (typeof value === 'string') return { field: value, dataType: 'date', granularity: 'day' };
      const raw = value as Record<string, unknown>;
      return { field: String(raw['field']), dataType: raw['data_type'] === 'timestamp' ? 'timestamp' : 'date', granularity: raw['granularity'] === 'month' ? 'month' : 'day' };
    },
    write: (value) => {
      const partition = value as PartitionBy;
      return { field: partition.field, data_type: partition.dataType, granularity: partition.granularity };
    },
    inlineProblem: () => 'config(partition_by=...) must be a column name or {field, data_type: date|timestamp, granularity: day|month}.',
    hint: "Write config(partition_by={'field': 'event_date'}).",
  },
  listKey('cluster_by', 'clusterBy', "config(cluster_by=['a', 'b'])"),
  listKey('unique_key', 'uniqueKey', "config(unique_key=['a', 'b'])"),
  {
    name: 'requires',
    field: 'requires',
    // A string or a list, of canonical columns and `funnel` (the mapping defines funnel steps).
    schema: { type: ['string', 'array'], items: { enum: REQUIRABLE }, if: { type: 'string' }, then: { enum: REQUIRABLE } },
    read: asList,
    write: same,
    inlineProblem: (value) => {
      const unknown = (Array.isArray(value) ? value : [value]).find((v) => typeof v !== 'string' || !REQUIRABLE.includes(v));
      return typeof unknown === 'string'
        ? `config(requires=...) names '${unknown}', which is not a canonical column or 'funnel'.${didYouMean(unknown, REQUIRABLE)}`
        : 'config(requires=...) must be a string or a list of strings.';
    },
    hint: `Write config(requires=['revenue']); each one of ${REQUIRABLE.join(', ')}.`,
  },
];

export const CONFIG_KEY_NAMES: readonly string[] = CONFIG_KEYS.map((key) => key.name);
