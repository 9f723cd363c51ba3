import { createHash } from 'node:crypto';
import { stableJson } from '../artifacts/stable-json.js';

/** Everything that decides a run's results, as plain data: the same inputs give the same hash on any machine. */
export interface RunHashInputs {
  readonly pdbVersion: string;
  readonly command: string;
  /** The target's name, engine and where it builds; never credentials. */
  readonly target: Readonly<Record<string, unknown>>;
  readonly mapping: unknown;
  readonly vars: Readonly<Record<string, unknown>>;
  /** Compiled SQL checksums of the models and tests the run executes, by id. */
  readonly models: Readonly<Record<string, string>>;
  readonly tests: Readonly<Record<string, string>>;
  /** Source fingerprints by `source.table`; null when the source could not be fingerprinted. */
  readonly sources: Readonly<Record<string, string | null>>;
}

/** A sha256 of the inputs in stable JSON (sorted keys): order and machine do not matter. */
export function runHash(inputs: RunHashInputs): string {
  return createHash('sha256').update(stableJson(inputs)).digest('hex');
}
