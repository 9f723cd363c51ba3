import { PdbError } from '../errors/pdb-error.js';
import { describeValue, varOrigin, type VarInputs } from './var-origin.js';

/**
 * The core package's vars that steer incremental builds (core/package.yml), checked before
 * anything renders: `lookback_days` is a whole number of days from 0 to 365, and
 * `include_intraday` is true or false. Templates test a var for truth, so the string "false"
 * would read GA4's intraday shards; a lookback of 1.5 or "3" would fail inside a model.
 */
export function checkIncrementalVars(input: VarInputs): PdbError[] {
  const origin = varOrigin(input);
  const errors: PdbError[] = [];
  const check = (name: string, ok: (value: unknown) => boolean, what: string, example: string): void => {
    if (!origin.names.includes(name)) return;
    const value = origin.value(name);
    if (ok(value)) return;
    errors.push(
      new PdbError({
        code: 'E_VAR_VALUE',
        message: `The var '${name}' must be ${what}, not ${describeValue(value)}.`,
        location: origin.location(name),
        hint: origin.fix(name, example),
      }),
    );
  };
  check('lookback_days', (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_LOOKBACK_DAYS, `a whole number of days from 0 to ${MAX_LOOKBACK_DAYS}`, '3');
  check('include_intraday', (v) => typeof v === 'boolean', 'true or false', 'true');
  return errors;
}

/** A year: a longer lookback recomputes about as much as a full refresh. */
const MAX_LOOKBACK_DAYS = 365;
