import { randomBytes } from 'node:crypto';

/**
 * BigQuery label values: at most 63 characters of lowercase letters, digits, `_` and `-`.
 * Anything else becomes `_`, so a model name always gives a valid label.
 */
export function labelValue(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 63);
}

/** A run id that is label-safe and sorts by time: base-36 milliseconds and 6 random hex digits. */
export function newRunId(now: number = Date.now()): string {
  return `${now.toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A job id (letters, digits, `_`, `-`; up to 1,024 characters) that names the run and the model. */
export function jobIdFor(runId: string, purpose: string, sequence: number): string {
  return `pdb_${runId}_${labelValue(purpose).slice(0, 200)}_${sequence}`;
}
