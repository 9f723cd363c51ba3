import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import { isRecord } from './project-file.js';
import { compileSchema, validateYaml } from './schema-validation.js';
import { MAPPING_SCHEMA } from './schemas/mapping-schema.js';
import { CANONICAL_COLUMNS } from './types.js';
import type { CanonicalColumn, FunnelStep, Mapping, SourceTable } from './types.js';
import { locate } from './yaml-file.js';
import type { YamlFile, YamlPath } from './yaml-file.js';

const validateMapping = compileSchema(MAPPING_SCHEMA);

/**
 * Reads the schema mapping found at `base` in `file` (the top of mapping.yml, or `mapping:` in
 * project.yml), checks it against the declared sources, and normalises it.
 */
export function readMapping(
  file: YamlFile,
  value: unknown,
  base: YamlPath,
  sources: readonly SourceTable[],
): { mapping: Mapping | undefined; errors: PdbError[] } {
  const errors = validateYaml(validateMapping, file, value ?? null, base);
  if (!isRecord(value)) return { mapping: undefined, errors };
  const at = (...path: YamlPath): YamlPath => [...base, ...path];

  const source = typeof value['source'] === 'string' ? value['source'] : '';
  const [sourceName = '', table = ''] = source.split('.');
  const declared = sources.map((s) => `${s.sourceName}.${s.name}`);
  if (source !== '' && /^[^.\s]+\.[^.\s]+$/.test(source) && !declared.includes(source)) {
    errors.push(
      new PdbError({
        code: 'E_MAPPING_UNKNOWN_SOURCE',
        message: `The mapping reads source '${source}', which no YAML file under the model paths declares.${didYouMean(source, declared)}`,
        location: locate(file, at('source')),
        hint:
          declared.length === 0
            ? "Declare it under 'sources:' in a YAML file under a model path."
            : `Declared sources: ${[...declared].sort().join(', ')}. Declare it under 'sources:' or name one of these.`,
      }),
    );
  }

  const timezone = typeof value['timezone'] === 'string' ? value['timezone'] : 'UTC';
  if (!isTimeZone(timezone)) {
    errors.push(
      new PdbError({
        code: 'E_MAPPING_TIMEZONE',
        message: `Unknown time zone '${timezone}'.`,
        location: locate(file, at('timezone')),
        hint: "Use an IANA time zone name such as 'UTC', 'America/New_York' or 'Asia/Kolkata'.",
      }),
    );
  }

  const rawColumns = isRecord(value['columns']) ? value['columns'] : {};
  const columns: Partial<Record<CanonicalColumn, string>> = {};
  for (const column of CANONICAL_COLUMNS) {
    const sql = rawColumns[column];
    if (typeof sql === 'string') columns[column] = sql;
  }

  const events = isRecord(value['events']) ? value['events'] : {};
  const funnel = readFunnel(file, events['funnel'], at('events', 'funnel'), errors);
  const revenueTypes = isRecord(events['revenue_types']) ? events['revenue_types'] : {};
  const geoLevel = value['geo_level'];
  const mapping: Mapping = {
    source: { sourceName, table },
    timezone,
    columns,
    activityEvents: Array.isArray(events['activity']) ? strings(events['activity']) : 'all',
    newUserEvents: strings(events['new_user']),
    funnel,
    revenueTypes: {
      iap: strings(revenueTypes['iap']),
      ads: strings(revenueTypes['ads']),
      subscription: strings(revenueTypes['subscription']),
    },
    geoLevel: geoLevel === 'country' || geoLevel === 'region' ? geoLevel : 'auto',
    file: file.path,
  };
  return { mapping, errors };
}

function readFunnel(file: YamlFile, value: unknown, at: YamlPath, errors: PdbError[]): FunnelStep[] {
  if (!Array.isArray(value)) return [];
  const steps: FunnelStep[] = [];
  const firstIndex = new Map<string, number>();
  value.forEach((step: unknown, i) => {
    if (!isRecord(step) || typeof step['name'] !== 'string') return;
    const name = step['name'];
    const first = firstIndex.get(name);
    if (first !== undefined) {
      const firstLoc = locate(file, [...at, first, 'name']);
      errors.push(
        new PdbError({
          code: 'E_MAPPING_FUNNEL_DUPLICATE',
          message: `Funnel step name '${name}' is used twice (first at line ${firstLoc.line ?? 1}).`,
          location: locate(file, [...at, i, 'name']),
          hint: 'Each funnel step needs its own name: rename one of them.',
        }),
      );
      return;
    }
    firstIndex.set(name, i);
    steps.push({ name, events: strings(step['events']) });
  });
  return steps;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isTimeZone(name: string): boolean {
  // Checking a zone with Intl loads ICU's time-zone data, which costs more than loading the project.
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
