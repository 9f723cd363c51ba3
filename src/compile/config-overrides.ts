import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, type SourceLocation } from '../errors/pdb-error.js';
import type { Materialization, ModelConfig, PartitionBy } from '../project/types.js';

const MATERIALIZATIONS: readonly Materialization[] = ['table', 'view', 'ephemeral', 'incremental'];
const KEYS = ['enabled', 'materialized', 'tags', 'schema', 'alias', 'partition_by', 'cluster_by', 'unique_key', 'requires'] as const;

const stringList = (value: unknown): string[] | undefined =>
  typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

/**
 * Applies a model's in-file `config(...)` to the configuration from folders and YAML. In-file
 * values win, except tags, which accumulate (as in dbt).
 */
export function applyConfigOverrides(base: ModelConfig, overrides: Readonly<Record<string, unknown>>, locate: () => SourceLocation): { config: ModelConfig; errors: PdbError[] } {
  const errors: PdbError[] = [];
  const config: { -readonly [K in keyof ModelConfig]: ModelConfig[K] } = { ...base };
  const fail = (message: string, hint: string): void => {
    errors.push(new PdbError({ code: 'E_CONFIG', message, hint, location: locate() }));
  };
  for (const [key, value] of Object.entries(overrides)) {
    switch (key) {
      case 'enabled':
        if (typeof value === 'boolean') config.enabled = value;
        else fail(`config(enabled=...) must be true or false, not ${JSON.stringify(value)}.`, 'Write config(enabled=false).');
        break;
      case 'materialized':
        if (MATERIALIZATIONS.includes(value as Materialization)) config.materialized = value as Materialization;
        else fail(`config(materialized=${JSON.stringify(value)}) is not a materialization.${didYouMean(String(value), MATERIALIZATIONS)}`, `Use one of ${MATERIALIZATIONS.join(', ')}.`);
        break;
      case 'tags': {
        const tags = stringList(value);
        if (tags === undefined) fail('config(tags=...) must be a string or a list of strings.', "Write config(tags=['retention']).");
        else config.tags = [...new Set([...base.tags, ...tags])].sort();
        break;
      }
      case 'schema':
      case 'alias':
        if (typeof value === 'string' && /^[A-Za-z_][\w]*$/.test(value)) config[key] = value;
        else fail(`config(${key}=...) must be a name of letters, digits and underscores, not ${JSON.stringify(value)}.`, `Write config(${key}='name').`);
        break;
      case 'partition_by': {
        const partition = partitionBy(value);
        if (partition === undefined) fail('config(partition_by=...) must be a column name or {field, data_type: date|timestamp, granularity: day|month}.', "Write config(partition_by={'field': 'event_date'}).");
        else config.partitionBy = partition;
        break;
      }
      case 'cluster_by':
      case 'unique_key':
      case 'requires': {
        const list = stringList(value);
        const field = key === 'cluster_by' ? 'clusterBy' : key === 'unique_key' ? 'uniqueKey' : 'requires';
        if (list === undefined) fail(`config(${key}=...) must be a string or a list of strings.`, `Write config(${key}=['a', 'b']).`);
        else config[field] = list;
        break;
      }
      default:
        fail(`config() has no option '${key}'.${didYouMean(key, KEYS)}`, `Options: ${KEYS.join(', ')}.`);
    }
  }
  return { config, errors };
}

function partitionBy(value: unknown): PartitionBy | undefined {
  if (typeof value === 'string') return { field: value, dataType: 'date', granularity: 'day' };
  if (typeof value !== 'object' || value === null) return undefined;
  const { field, data_type: dataType = 'date', granularity = 'day' } = value as Record<string, unknown>;
  if (typeof field !== 'string' || (dataType !== 'date' && dataType !== 'timestamp') || (granularity !== 'day' && granularity !== 'month')) return undefined;
  return { field, dataType, granularity };
}
