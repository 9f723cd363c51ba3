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
