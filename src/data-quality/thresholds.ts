import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { throwIfAny } from '../errors/pdb-error.js';
import { PROJECT_FILE } from '../project/project-file.js';
import { compileSchema, validateYaml } from '../project/schema-validation.js';
import { parseYamlFile } from '../project/yaml-file.js';
import type { LoadedProject } from '../project/types.js';

/** The data-quality checks, in report order. */
export const CHECK_NAMES = [
  'null_user_or_time',
  'duplicate_events',
  'future_timestamps',
  'old_timestamps',
  'gap_dates',
  'unseen_event_names',
  'negative_revenue',
  'empty_window',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** A level is off when null. Values above `fail_above` fail, above `warn_above` warn. */
export interface Threshold {
  readonly warn_above: number | null;
  readonly fail_above: number | null;
}

export interface DataQualityConfig {
  readonly enabled: boolean;
  /** Events older than this many years before now are implausible. */
  readonly maxAgeYears: number;
  readonly thresholds: Readonly<Record<CheckName, Threshold>>;
}

/** The defaults of the issue: rates for nulls and duplicates, counts for the rest. */
export const DEFAULT_THRESHOLDS: Readonly<Record<CheckName, Threshold>> = {
  null_user_or_time: { warn_above: 0.001, fail_above: 0.05 },
  duplicate_events: { warn_above: 0.005, fail_above: null },
  future_timestamps: { warn_above: null, fail_above: 0 },
  old_timestamps: { warn_above: 0, fail_above: null },
  gap_dates: { warn_above: 0, fail_above: null },
  unseen_event_names: { warn_above: 0, fail_above: null },
  negative_revenue: { warn_above: 0, fail_above: null },
  // 1 when no row with a user and a time falls in the window: a build would empty every table.
  empty_window: { warn_above: null, fail_above: 0 },
};

export const DEFAULT_MAX_AGE_YEARS = 10;

const LEVEL = { type: ['number', 'null'], minimum: 0 };
const CHECK = {
  type: 'object',
  additionalProperties: false,
  unknownKeyWhat: 'threshold',
  properties: { warn_above: LEVEL, fail_above: LEVEL },
};

/** JSON Schema of the `data-quality:` block of project.yml. */
export const DATA_QUALITY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  unknownKeyCode: 'E_DATA_QUALITY_KEY',
  unknownKeyWhat: 'data-quality setting',
  properties: {
    enabled: { type: 'boolean' },
    max_age_years: { type: 'number', exclusiveMinimum: 0, description: 'a number of years above 0' },
    ...Object.fromEntries(CHECK_NAMES.map((name) => [name, CHECK])),
  },
} as const;

const validateBlock = compileSchema(DATA_QUALITY_SCHEMA);

/**
 * The `data-quality:` block merged over the defaults. project.yml is read again (it is small)
 * so that a mistake in the block is reported at its line, like every other project.yml error.
 */
export async function dataQualityConfig(project: LoadedProject): Promise<DataQualityConfig> {
  const raw = project.config.dataQuality;
  if (Object.keys(raw).length > 0) {
    const text = await readFile(join(project.dir, PROJECT_FILE), 'utf8');
    const parsed = parseYamlFile(PROJECT_FILE, text);
    throwIfAny(validateYaml(validateBlock, parsed.file, raw, ['data-quality']));
  }
  return configFrom(raw);
}

/** Merges an already valid block over the defaults (no file access: for tests and callers that validated). */
export function configFrom(raw: Readonly<Record<string, unknown>>): DataQualityConfig {
  const thresholds = Object.fromEntries(
    CHECK_NAMES.map((name) => {
      const given = (raw[name] ?? {}) as Partial<Threshold>;
      return [name, { ...DEFAULT_THRESHOLDS[name], ...given }];
    }),
  ) as Record<CheckName, Threshold>;
  return {
    enabled: raw['enabled'] !== false,
    maxAgeYears: typeof raw['max_age_years'] === 'number' ? raw['max_age_years'] : DEFAULT_MAX_AGE_YEARS,
    thresholds,
  };
}
