import { closest } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import { globToRegExp } from '../graph/glob.js';

/** How many of the models a pattern matches the hint names before it says how many more. */
const NAMED_MATCHES = 5;

/**
 * `pdb show NAME` for a name no model has. `show` takes one exact name: a pattern such as
 * `int_*` is not expanded (which of its models would be meant?), but the models it would match
 * are offered, so the next command is one copy away. A name that is no typo of a model but part
 * of some (`dau` for `date_wise_dau`, as people call metrics) offers those.
 */
export function unknownModel(name: string, models: readonly string[]): PdbError {
  const isPattern = /[*?]/.test(name);
  if (isPattern) {
    const matches = models.filter((m) => globToRegExp(name, 'name').test(m)).sort();
    if (matches.length > 0) return offer(name, matches, `pdb show takes one model's name, not a pattern; '${name}' matches ${named(matches)} (pdb ls --select '${name}' lists them).`);
  }
  const typo = isPattern ? undefined : closest(name, models);
  const lower = name.toLowerCase();
  const containing = isPattern || typo !== undefined ? [] : models.filter((m) => m.toLowerCase().includes(lower)).sort();
  if (containing.length > 0) return offer(name, containing, `Models whose names contain '${name}': ${named(containing)}.`);
  return new PdbError({
    code: 'E_MODEL_UNKNOWN',
    message: `there is no model '${name}'.${typo === undefined ? '' : ` Did you mean '${typo}'?`}`,
    hint: 'Run `pdb ls` to see the models.',
    location: { file: '--model' },
  });
}

const offer = (name: string, matches: readonly string[], hint: string): PdbError =>
  new PdbError({ code: 'E_MODEL_UNKNOWN', message: `there is no model '${name}'. Did you mean '${matches[0]}'?`, hint, location: { file: '--model' } });

const named = (matches: readonly string[]): string =>
  matches.slice(0, NAMED_MATCHES).join(', ') + (matches.length > NAMED_MATCHES ? `, and ${matches.length - NAMED_MATCHES} more` : '');
