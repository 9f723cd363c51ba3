import type { RunResults } from '../runner/run-results.js';
import { isFailure } from '../runner/run-results.js';
import type { RunRecord, RunStatus } from './state-types.js';

/** What a run is, besides its results: its identity, selection and target. */
export type RunFacts = Omit<RunRecord, 'seconds' | 'status' | 'steps'> & {
  /** Fingerprints of what each step built or checked, by step id. */
  readonly fingerprints: ReadonlyMap<string, string | undefined>;
};

/** A run's results as the state store keeps them. */
export function runRecord(facts: RunFacts, run: RunResults): RunRecord {
  const status: RunStatus = run.cancelled ? 'cancelled' : run.results.some((r) => isFailure(r.status)) ? 'failed' : 'success';
  return {
    ...facts,
    seconds: run.seconds,
    status,
    steps: run.results.map((r) => {
      const fingerprint = facts.fingerprints.get(r.id);
      return {
        stepId: r.id,
        kind: r.kind,
        name: r.name,
        status: r.status,
        seconds: r.seconds,
        ...(r.model === undefined ? {} : { model: r.model }),
        ...(r.rows === undefined ? {} : { rows: r.rows }),
        ...(r.failures === undefined ? {} : { failures: r.failures }),
        ...(r.relation === undefined ? {} : { relation: r.relation }),
        ...(fingerprint === undefined ? {} : { fingerprint }),
        ...(r.message === undefined ? {} : { message: r.message }),
      };
    }),
  };
}
