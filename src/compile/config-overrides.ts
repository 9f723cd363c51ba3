import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, type SourceLocation } from '../errors/pdb-error.js';
import { configLayer, mergeConfig } from '../project/model-config.js';
import type { Materialization, ModelConfig } from '../project/types.js';

const MATERIALIZATIONS: readonly Materialization[] = ['table', 'view', 'ephemeral', 'incremental'];
const KEYS = ['enabled', 'materialized', 'tags', 'schema', 'alias', 'partition_by', 'cluster_by', 'unique_key', 'requires'] as const;

const isStringList = (value: unknown): boolean => typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

/**
 * Applies a model's in-file `config(...)` to the configuration from folders and YAML, as one more
 * layer of the project stage's merge: in-file values win, tags accumulate (as in dbt). Values are
 * checked here, since no JSON Schema sees a template's arguments.
 */
export function applyConfigOverrides(base: ModelConfig, overrides: Readonly<Record<string, unknown>>, locate: () => SourceLocation): { config: ModelConfig; errors: PdbError[] } {
  const errors: PdbError[] = [];
  const fail = (message: string, hint: string): void => {
    errors.push(new PdbError({ code: 'E_CONFIG', message, hint, location: locate() }));
  };
  for (const [key, value] of Object.entries(overrides)) {
    switch (key) {
      case 'enabled':
        if (typeof value !== 'boolean') fail(`config(enabled=...) must be true or false, not ${JSON.stringify(value)}.`, 'Write config(enabled=false).');
        break;
      case 'materialized':
        if (!MATERIALIZATIONS.includes(value as Materialization)) fail(`config(materialized=${JSON.stringify(value)}) is not a materialization.${didYouMean(String(value), MATERIALIZATIONS)}`, `Use one of ${MATERIALIZATIONS.join(', ')}.`);
        break;
      case 'tags':
        if (!isStringList(value)) fail('config(tags=...) must be a string or a list of strings.', "Write config(tags=['retention']).");
        break;
      case 'schema':
      case 'alias':
        if (typeof value !== 'string' || !/^[A-Za-z_][\w]*$/.test(value)) fail(`config(${key}=...) must be a name of letters, digits and underscores, not ${JSON.stringify(value)}.`, `Write config(${key}='name').`);
        break;
      case 'partition_by':
        if (!isPartitionBy(value)) fail('config(partition_by=...) must be a column name or {field, data_type: date|timestamp, granularity: day|month}.', "Write config(partition_by={'field': 'event_date'}).");
        break;
      case 'cluster_by':
      case 'unique_key':
      case 'requires':
        if (!isStringList(value)) fail(`config(${key}=...) must be a string or a list of strings.`, `Write config(${key}=['a', 'b']).`);
        break;
      default:
        fail(`config() has no option '${key}'.${didYouMean(key, KEYS)}`, `Options: ${KEYS.join(', ')}.`);
    }
  }
  return { config: errors.length > 0 ? base : mergeConfig([base, configLayer(overrides, '')]), errors };
}

function isPartitionBy(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { field, data_type: dataType = 'date', granularity = 'day' } = value as Record<string, unknown>;
  return typeof field === 'string' && (dataType === 'date' || dataType === 'timestamp') && (granularity === 'day' || granularity === 'month');
}
