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
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
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
