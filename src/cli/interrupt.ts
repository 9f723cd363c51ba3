import type { CliIo } from './io.js';

type StopSignal = 'SIGINT' | 'SIGTERM';

/** The exit code of a command stopped by a signal, as shells report it (128 + the signal's number). */
const EXIT_CODE: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };
const STOPPING: Record<StopSignal, string> = {
  SIGINT: 'Interrupted: stopping the running queries; tables being built are left as they were. Press Ctrl-C again to stop at once.',
  SIGTERM: 'Terminated: stopping the running queries; tables being built are left as they were.',
};

/**
 * Ctrl-C (SIGINT) and `kill PID` (SIGTERM) for the whole command, watched from the moment `main`
 * starts, so that no moment of a build lets them pass unnoticed. A command that can stop cleanly
 * (run, test, build) claims them: the first signal then aborts `signal` and the command winds
 * down (running queries interrupted, nothing new started, one summary). Unclaimed, or received a
 * second time, a signal ends the process at once with 130 (SIGINT) or 143 (SIGTERM); tables are
 * swapped in transactions, so nothing half-written remains either way.
 */
export interface Interruption {
  readonly signal: AbortSignal;
  /** The exit code for the signal that aborted `signal` (130 or 143), once one has. */
  readonly exitCode: number | undefined;
  /** Makes the first signal abort `signal` instead of ending the process; returns the release. */
  claim(): () => void;
  /** Stops watching (the end of the command). */
  dispose(): void;
}

export function watchInterrupt(io: CliIo, exit: (code: number) => void = (code) => process.exit(code)): Interruption {
  const abort = new AbortController();
  let claimed = false;
  let received: StopSignal | undefined;
  const onSignal = (name: StopSignal): void => {
    if (claimed && !abort.signal.aborted) {
      received = name;
      // Aborted first: what listens (the status line on a terminal) is tidied before the notice.
      abort.abort();
      io.stderr(`\n${STOPPING[name]}\n`);
      return;
    }
    io.stderr(abort.signal.aborted ? '\nStopping now.\n' : `\n${name === 'SIGINT' ? 'Interrupted' : 'Terminated'}.\n`);
    exit(EXIT_CODE[name]);
  };
  const onInt = (): void => onSignal('SIGINT');
  const onTerm = (): void => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: abort.signal,
    get exitCode() {
      return received === undefined ? undefined : EXIT_CODE[received];
    },
    claim() {
      claimed = true;
      return () => {
        claimed = false;
      };
    },
    dispose() {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    },
  };
}
