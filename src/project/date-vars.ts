import { PdbError } from '../errors/pdb-error.js';
import { describeValue as describe, varOrigin, type VarInputs } from './var-origin.js';

/**
 * Vars that feed dates (`start_date`, `end_date`, any var named `*_date`) are checked before
 * anything renders: each is null or a calendar date written 'YYYY-MM-DD', and the window is not
 * reversed. A bad value would otherwise reach the SQL (a reversed window empties every table, a
 * value followed by SQL would be read as the date) or fail far from where it was written.
 */
export function checkDateVars(input: VarInputs): PdbError[] {
  const { fromCli, value, location: locationOf, names: all } = varOrigin(input);
  const names = all.filter(isDateVar);

  const errors: PdbError[] = [];
  for (const name of names) {
    const v = value(name);
    if (v === null || v === undefined || isCalendarDate(v)) continue;
    errors.push(
      new PdbError({
        code: 'E_VAR_DATE',
        message: `The var '${name}' must be a date written YYYY-MM-DD (or null for no limit), not ${describe(v)}.`,
        location: locationOf(name),
        hint: fromCli(name) ? `Pass it as --vars '{"${name}": "2026-01-31"}'.` : `Write it as ${name}: '2026-01-31' under vars: in project.yml.`,
      }),
    );
  }
  const start = value('start_date');
  const end = value('end_date');
  if (isCalendarDate(start) && isCalendarDate(end) && end < start) {
    const blamed = fromCli('end_date') || !fromCli('start_date') ? 'end_date' : 'start_date';
    errors.push(
      new PdbError({
        code: 'E_VAR_DATE_RANGE',
        message: `end_date (${end}) is before start_date (${start}): the window holds no day, so every table would be rebuilt empty.`,
        location: locationOf(blamed),
        hint: 'Swap the two dates, or leave one of them out (null) for an open window.',
      }),
    );
  }
  return errors;
}

export function isDateVar(name: string): boolean {
  return name === 'start_date' || name === 'end_date' || name.endsWith('_date');
}

/** 'YYYY-MM-DD' of a day that exists (no 2026-02-30), nothing before or after it. */
function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
