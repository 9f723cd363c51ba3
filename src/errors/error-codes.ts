/**
 * Every code a PdbError can carry, by the stage that raises it. The codes are stable: users grep
 * for them, CI scripts match them, and the docs name them, so one is never renamed or reused.
 * A typo in a code is a type error, and `pdb` can list them all.
 */
export const ERROR_CODES = [
  // Command line
  'E_USAGE', 'E_SELECTOR', 'E_SELECT_EMPTY', 'E_NO_MODELS', 'E_MODEL_UNKNOWN', 'E_MODEL_DISABLED',
  'E_SAMPLE_OPTIONS', 'E_STATE_DIR', 'E_NO_RUN', 'E_NOT_BUILT', 'E_FINDING_UNKNOWN', 'E_DRY_RUN_UNSUPPORTED',
  'E_DIFF_BASE', 'E_DIFF_DATA',
  // Reading the project: files, YAML, schemas
  'E_PROJECT_MISSING', 'E_PROFILES_MISSING', 'E_PATH_MISSING', 'E_PACKAGE_MISSING', 'E_FILE_READ',
  'E_FILE_ENCODING', 'E_FILE_TOO_LARGE', 'E_YAML_SYNTAX', 'E_YAML_DUPLICATE_DOC', 'E_YAML_UNKNOWN_MODEL',
  'E_UNKNOWN_KEY', 'E_MISSING_KEY', 'E_WRONG_TYPE', 'E_INVALID_VALUE', 'E_CONFIG', 'E_FOLDER_UNKNOWN',
  'E_MODEL_NAME_INVALID', 'E_SOURCE_DUPLICATE', 'E_SOURCE_DUCKDB', 'E_DATA_QUALITY_KEY',
  // Profiles and targets
  'E_TARGET_NONE', 'E_TARGET_UNKNOWN', 'E_ENV_VAR_MISSING', 'E_ENV_VAR_SYNTAX', 'E_KEYFILE',
  // Vars
  'E_VAR_UNDEFINED', 'E_VAR_DATE', 'E_VAR_DATE_RANGE', 'E_VAR_RETENTION_DAYS', 'E_VAR_VALUE',
  // Mapping
  'E_MAPPING_FILE_MISSING', 'E_MAPPING_MISSING', 'E_MAPPING_FIELD', 'E_MAPPING_UNKNOWN_COLUMN',
  'E_MAPPING_UNKNOWN_SOURCE', 'E_MAPPING_FUNNEL_DUPLICATE', 'E_MAPPING_TIMEZONE', 'E_MAPPING_EXPRESSION',
  'E_MAPPING_SOURCE_FIELD',
  // Templates and macros
  'E_TEMPLATE', 'E_TEMPLATE_SYNTAX', 'E_TEMPLATE_UNDEFINED', 'E_TEMPLATE_UNKNOWN_FUNCTION', 'E_TEMPLATE_USAGE',
  'E_TEMPLATE_TIME_LIMIT', 'E_ENV_VAR_UNDEFINED', 'E_SOURCE_UNKNOWN', 'E_SOURCE_NO_LOCATION',
  'E_MACRO_DUPLICATE', 'E_MACRO_NO_VARIANT', 'E_MACRO_RESERVED',
  // The model graph
  'E_MODEL_DUPLICATE', 'E_REF_UNKNOWN', 'E_REF_DISABLED', 'E_CYCLE',
  // Tests
  'E_TEST_UNKNOWN', 'E_TEST_ARGS',
  // Plugins
  'E_PLUGIN_DECL', 'E_PLUGIN_MISSING', 'E_PLUGIN_UNKNOWN', 'E_PLUGIN_LOAD', 'E_PLUGIN_INVALID',
  'E_PLUGIN_DUPLICATE', 'E_PLUGIN_CONFIG',
  // Validation of BigQuery SQL (ZetaSQL)
  'E_BIGQUERY_SQL', 'E_BIGQUERY_SOURCE_SCHEMA', 'E_ZETASQL_SERVER',
  // Engines and the state store
  'E_DATABASE_OPEN', 'E_DATABASE_LOCKED', 'E_BIGQUERY_AUTH', 'E_QUERY', 'E_DATA_QUALITY_QUERY',
  'E_STATE_OPEN', 'E_STATE_LOCKED', 'E_STATE_VERSION',
  // Cost
  'E_BUDGET_EXCEEDED', 'E_BUDGET_UNKNOWN',
  // pdb init and pdb infer
  'E_INIT_EXISTS', 'E_INIT_EMPTY', 'E_INIT_READ', 'E_INIT_SOURCE', 'E_INIT_BIGQUERY',
  'E_INFER_EXISTS', 'E_INFER_SOURCE', 'E_INFER_QUERY', 'E_INFER_PLUGIN', 'E_INFER_UNSUPPORTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const known: ReadonlySet<string> = new Set(ERROR_CODES);

/** For codes that arrive as data (a schema's `unknownKeyCode`): narrows, or says it is not one. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && known.has(code);
}
