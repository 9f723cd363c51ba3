import type { ConfigKey } from './config-keys.js';
import { compileSchema, type Validator } from './schema-validation.js';

// One validator per key, compiled on first use from the key's schema in the config key table.
const validators = new Map<string, Validator>();

/** Whether `value` is a valid value of `key`, by the same schema the YAML files are checked with. */
export function isValid(key: ConfigKey, value: unknown): boolean {
  let validator = validators.get(key.name);
  if (validator === undefined) {
    validator = compileSchema(key.schema);
    validators.set(key.name, validator);
  }
  return validator(value);
}
