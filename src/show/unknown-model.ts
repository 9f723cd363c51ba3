import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import { globToRegExp } from '../graph/glob.js';

/** How many of the models a pattern matches the hint names before it says how many more. */
const NAMED_MATCHES = 5;

/**
 * `pdb show NAME` for a name no model has. `show` takes one exact name: a pattern such as
 * `int_*` is not expanded (which of its models would be meant?), but the models it would match
 * are offered, so the next command is one copy away.
 */
export function unknownModel(name: string, models: readonly string[]): PdbError {
  const matches = /[*?]/.test(name) ? models.filter((m) => globToRegExp(name, 'name').test(m)).sort() : [];
  if (matches.length === 0) {
    return new PdbError({ code: 'E_MODEL_UNKNOWN', message: `there is no model '${name}'.${didYouMean(name, models)}`, hint: 'Run `pdb ls` to see the models.', location: { file: '--model' } });
  }
  const named = matches.slice(0, NAMED_MATCHES).join(', ') + (matches.length > NAMED_MATCHES ? `, and ${matches.length - NAMED_MATCHES} more` : '');
  return new PdbError({
    code: 'E_MODEL_UNKNOWN',
    message: `there is no model '${name}'. Did you mean '${matches[0]}'?`,
    hint: `pdb show takes one model's name, not a pattern; '${name}' matches ${named} (pdb ls --select '${name}' lists them).`,
    location: { file: '--model' },
  });
}
