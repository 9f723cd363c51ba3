/**
 * Every mistake a user can make in a project or on the command line is a PdbError: a stable code,
 * where it is (file:line:col), what is wrong, and a hint that says how to fix it.
 * Stages collect them and throw one PdbErrors at their boundary, so a user sees all at once.
 */
import type { ErrorCode } from './error-codes.js';

export type { ErrorCode } from './error-codes.js';

export interface SourceLocation {
  /** Path relative to the project directory, with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
}

export interface PdbErrorInit {
  readonly code: ErrorCode;
  readonly message: string;
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly cause?: unknown;
}

export class PdbError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(init: PdbErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PdbError';
    this.code = init.code;
    this.location = init.location;
    this.hint = init.hint;
  }
}

/** All diagnostics of one stage, reported together. */
export class PdbErrors extends Error {
  readonly errors: readonly PdbError[];

  constructor(errors: readonly PdbError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'PdbErrors';
    this.errors = errors;
  }
}

/** Throws the collected diagnostics, if any: the end of a stage. */
export function throwIfAny(errors: readonly PdbError[]): void {
  if (errors.length > 0) throw new PdbErrors(errors);
}

export function isPdbError(e: unknown): e is PdbError | PdbErrors {
  return e instanceof PdbError || e instanceof PdbErrors;
}

export function errorsOf(e: PdbError | PdbErrors): readonly PdbError[] {
  return e instanceof PdbErrors ? e.errors : [e];
}
