import type { CliIo } from './io.js';

/**
 * Ctrl-C (SIGINT) for the whole command, watched from the moment `main` starts, so that no
 * moment of a build lets it pass unnoticed. A command that can stop cleanly (run, test, build)
 * claims it: the first Ctrl-C then aborts `signal` and the command winds down (running queries
 * interrupted, nothing new started, one summary). Unclaimed, or pressed a second time, it ends
 * the process at once with exit code 130; tables are swapped in transactions, so nothing
 * half-written remains either way.
 */
export interface Interruption {
  readonly signal: AbortSignal;
  /** Makes the first Ctrl-C abort `signal` instead of ending the process; returns the release. */
  claim(message: string): () => void;
  /** Stops watching (the end of the command). */
  dispose(): void;
}

export function watchInterrupt(io: CliIo, exit: (code: number) => void = (code) => process.exit(code)): Interruption {
  const abort = new AbortController();
  let claimedWith: string | undefined;
  const onSignal = (): void => {
    if (claimedWith !== undefined && !abort.signal.aborted) {
      io.stderr(`\n${claimedWith}\n`);
      abort.abort();
      return;
    }
    io.stderr(abort.signal.aborted ? '\nInterrupted again: stopping now.\n' : '\nInterrupted.\n');
    exit(130);
  };
  process.on('SIGINT', onSignal);
  return {
    signal: abort.signal,
    claim(message) {
      claimedWith = message;
      return () => {
        claimedWith = undefined;
      };
    },
    dispose() {
      process.removeListener('SIGINT', onSignal);
    },
  };
}
