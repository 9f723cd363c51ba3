import { PdbError } from '../errors/pdb-error.js';
import { describeValue, varOrigin, type VarInputs } from './var-origin.js';

/**
 * The days N that retention reports are the core package's vars (core/package.yml):
 * `retention_days` for retention_by_cohort_date and `funnel_retention_days` for
 * retention_by_funnel_step. Checked before anything renders, as a bad list would otherwise become
 * SQL that fails far from where it was written (a column returned_day_1.5) or repeated rows: each
 * is a list of whole numbers from 1 to 3650, in increasing order, each day once; and the funnel's
 * days are among retention_days, whose rows retention_by_funnel_step splits by funnel step (the
 * build checks that the split adds up, docs/metrics.md). A project without them (no core
 * package) has nothing to check.
 */
export function checkRetentionDayVars(input: VarInputs): PdbError[] {
  const origin = varOrigin(input);
  const errors: PdbError[] = [];
  const error = (name: string, message: string, example: string): PdbError =>
    new PdbError({
      code: 'E_VAR_RETENTION_DAYS',
      message,
      location: origin.location(name),
      hint: origin.fix(name, example),
    });
  const lists = new Map<string, readonly number[]>();
  for (const name of [RETENTION_DAYS_VAR, FUNNEL_RETENTION_DAYS_VAR]) {
    if (!origin.names.includes(name)) continue;
    const value = origin.value(name);
    const wrong = Array.isArray(value) ? value.find((day) => !isDayNumber(day)) : undefined;
    if (!Array.isArray(value) || value.length === 0 || wrong !== undefined) {
      const what = Array.isArray(value) && value.length > 0 ? `it holds ${describeValue(wrong)}` : `not ${describeValue(value)}`;
      errors.push(error(name, `The var '${name}' must be a list of days after the cohort date, whole numbers from 1 to 3650 (e.g. [1, 7, 30]); ${what}.`, '[1, 7, 30]'));
      continue;
    }
    const days = value as number[];
    const ordered = [...new Set(days)].sort((a, b) => a - b);
    if (ordered.some((day, i) => day !== days[i]) || ordered.length !== days.length) {
      errors.push(error(name, `The var '${name}' must list each day once, in increasing order, not ${describeValue(days)}.`, JSON.stringify(ordered).replaceAll(',', ', ')));
      continue;
    }
    lists.set(name, days);
  }
  const cohort = lists.get(RETENTION_DAYS_VAR);
  const funnel = lists.get(FUNNEL_RETENTION_DAYS_VAR);
  const missing = cohort === undefined || funnel === undefined ? [] : funnel.filter((day) => !cohort.includes(day));
  if (missing.length > 0) {
    errors.push(
      new PdbError({
        code: 'E_VAR_RETENTION_DAYS',
        message: `The var '${FUNNEL_RETENTION_DAYS_VAR}' has ${missing.join(', ')}, which '${RETENTION_DAYS_VAR}' lacks: retention_by_funnel_step splits the rows of retention_by_cohort_date by funnel step, so its days must be among them.`,
        location: origin.location(FUNNEL_RETENTION_DAYS_VAR),
        hint: `Add ${missing.join(', ')} to ${RETENTION_DAYS_VAR}, or leave ${missing.length === 1 ? 'it' : 'them'} out of ${FUNNEL_RETENTION_DAYS_VAR}.`,
      }),
    );
  }
  return errors;
}

/** Ten years: a larger day number is a mistake, and would fail only in the database's date arithmetic. */
const MAX_RETENTION_DAY = 3650;

export const RETENTION_DAYS_VAR = 'retention_days';
export const FUNNEL_RETENTION_DAYS_VAR = 'funnel_retention_days';

function isDayNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_RETENTION_DAY;
}
