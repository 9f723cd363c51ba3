import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, type SourceLocation } from '../errors/pdb-error.js';
import { CONFIG_KEY_NAMES, CONFIG_KEYS } from '../project/config-keys.js';
import { isValid } from '../project/config-validation.js';
import { configLayer, mergeConfig } from '../project/model-config.js';
import type { ModelConfig } from '../project/types.js';

/**
 * Applies a model's in-file `config(...)` to the configuration from folders and YAML, as one more
 * layer of the project stage's merge: in-file values win, tags accumulate (as in dbt). Values are
 * checked against the same schema as YAML config (the config key table).
 */
export function applyConfigOverrides(base: ModelConfig, overrides: Readonly<Record<string, unknown>>, locate: () => SourceLocation): { config: ModelConfig; errors: PdbError[] } {
  const errors: PdbError[] = [];
  for (const [name, value] of Object.entries(overrides)) {
    const key = CONFIG_KEYS.find((k) => k.name === name);
    if (key === undefined) {
      errors.push(new PdbError({ code: 'E_CONFIG', message: `config() has no option '${name}'.${didYouMean(name, CONFIG_KEY_NAMES)}`, hint: `Options: ${CONFIG_KEY_NAMES.join(', ')}.`, location: locate() }));
    } else if (!isValid(key, value)) {
      errors.push(new PdbError({ code: 'E_CONFIG', message: key.inlineProblem(value), hint: key.hint, location: locate() }));
    }
  }
  return { config: errors.length > 0 ? base : mergeConfig([base, configLayer(overrides, '')]), errors };
}
