/** Where a command writes and what it knows of its surroundings: injectable so tests run the CLI in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colors and live progress only on a terminal, never under CI. */
  readonly interactive: boolean;
  /** The terminal's width in characters, when stdout is one. */
  readonly columns?: number;
  /** `performance.now()` when the command started, for its wall time; unset, when its action starts. */
  readonly startedAt?: number;
  /**
   * Resolves once what was written to stdout has gone out. Long outputs (`pdb show -n 200000`)
   * wait on it between pages, so a slow reader holds the query back instead of the text piling
   * up in memory. Absent: nothing to wait for.
   */
  readonly drained?: () => Promise<void>;
}

export function processIo(): CliIo {
  // A reader that stops early (`pdb show -o csv | head`) closes the pipe: the rest has nowhere to
  // go, which is no error of pdb's, so it is dropped instead of crashing with a stack trace.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  return {
    stdout: (text) => {
      if (!stdoutClosed && !process.stdout.destroyed) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    drained: () =>
      stdoutClosed || !process.stdout.writableNeedDrain
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = (): void => {
              process.stdout.off('drain', done).off('close', done).off('error', done);
              resolve();
            };
            process.stdout.on('drain', done).on('close', done).on('error', done);
          }),
    cwd: process.cwd(),
    env: process.env,
    interactive: Boolean(process.stdout.isTTY) && !process.env.CI && process.env.TERM !== 'dumb',
    // The command is the process: performance.now() counts from the process's start.
    startedAt: 0,
    // A getter: the width changes when the terminal is resized.
    get columns() {
      return process.stdout.columns;
    },
  };
}

/** Runs a command's body and records its exit code, turning errors into diagnostics. */
export type CommandRunner = (action: () => Promise<number>) => Promise<number>;
