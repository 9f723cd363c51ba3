/**
 * The compile API on temporary projects: compiled SQL by model name, or the diagnostics as the
 * user reads them. Tests that need the exit code or the printed output use `runCli` instead.
 */
import { compile, type ProjectOptions } from '../../src/api.js';
import { formatError } from '../../src/errors/format-error.js';
import { errorsOf, isPdbError, type PdbError } from '../../src/errors/pdb-error.js';
import { tempProject, type ProjectFiles } from './temp-project.js';

export type CompileFlags = Omit<ProjectOptions, 'dir'>;

/** Compiles a temporary project (env {} unless given) and returns each selected model's SQL by name. */
export async function compiledSql(files: ProjectFiles, flags: CompileFlags = {}): Promise<Record<string, string>> {
  const dir = await tempProject(files);
  const outcome = await compile({ env: {}, validate: false, ...flags, dir });
  return Object.fromEntries(outcome.models.map((m) => [m.name, m.sql]));
}

/** Compiles a temporary project that must fail, and returns its diagnostics. */
export async function compileErrors(files: ProjectFiles, flags: CompileFlags = {}): Promise<readonly PdbError[]> {
  const dir = await tempProject(files);
  try {
    await compile({ env: {}, validate: false, ...flags, dir });
  } catch (error) {
    if (isPdbError(error)) return errorsOf(error);
    throw error;
  }
  throw new Error('expected the compile to fail, but it succeeded');
}

/** One diagnostic as plain data, for exact comparison. */
export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly where: string;
  readonly hint: string | undefined;
}

export function diagnostic(error: PdbError): Diagnostic {
  const l = error.location;
  const where = l === undefined ? '' : [l.file, l.line, l.column].filter((part) => part !== undefined).join(':');
  return { code: error.code, message: error.message, where, hint: error.hint };
}

/** The diagnostics of a failing compile, as plain data. */
export async function compileDiagnostics(files: ProjectFiles, flags: CompileFlags = {}): Promise<Diagnostic[]> {
  return (await compileErrors(files, flags)).map(diagnostic);
}

/** A diagnostic formatted as the CLI prints it (without code frame). */
export const formatted = (error: PdbError): string => formatError(error);
