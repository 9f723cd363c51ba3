import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';

interface NunjucksError {
  readonly message: string;
  readonly lineno?: number;
  readonly colno?: number;
  readonly cause?: unknown;
}

/**
 * Turns a Nunjucks error into a PdbError at the model file's real line and column.
 * Nunjucks numbers runtime errors raised inside a call from 0, and its parser and
 * undefined-output errors from 1; the column of a failed call is its `(`, moved here to the name.
 */
export function templateErrorToPdbError(error: unknown, file: string, text: string, knownNames: () => Iterable<string>): PdbError {
  const e = (error ?? {}) as NunjucksError;
  const fromCall = e.cause !== undefined;
  let line = e.lineno === undefined ? undefined : e.lineno + (fromCall ? 1 : 0);
  let column = e.colno === undefined ? undefined : e.colno + (fromCall ? 1 : 0);
  const lines = text.split('\n');
  if (fromCall && line !== undefined && column !== undefined) column = nameStart(lines[line - 1] ?? '', column);

  const cause = e.cause;
  if (cause instanceof PdbError) {
    return new PdbError({ code: cause.code, message: cause.message, hint: cause.hint, location: { file, line, column }, cause: cause.cause });
  }
  const detail = stripNunjucksPrefix(cause instanceof Error ? cause.message : e.message);
  const at = (message: string, hint: string, code = 'E_TEMPLATE'): PdbError =>
    new PdbError({ code, message, hint, location: { file, line, column } });

  const notCallable = /^Unable to call `([^`]+)`, which is (undefined or falsey|not a function)/.exec(detail);
  if (notCallable?.[1] !== undefined) {
    const name = notCallable[1];
    return at(
      `'${name}' is not a function or macro.${didYouMean(name, knownNames())}`,
      'pdb provides ref, source, var, env_var, config, target and mapping; macros come from the macro paths (macros/*.sql) and need no import.',
      'E_TEMPLATE_UNKNOWN_FUNCTION',
    );
  }
  if (detail.startsWith('attempted to output null or undefined value')) {
    const expression = line !== undefined && column !== undefined ? outputExpression(lines[line - 1] ?? '', column) : undefined;
    const name = expression?.split('.')[0];
    const suggestion = name === undefined ? '' : didYouMean(name, knownNames());
    return at(
      `${expression === undefined ? 'an expression' : `'${expression}'`} is undefined.${suggestion}`,
      "Check the spelling; project variables are read with var('name'), environment variables with env_var('NAME').",
      'E_TEMPLATE_UNDEFINED',
    );
  }
  if (line === undefined) {
    // The parser reached the end of the file with a block still open.
    line = lines.length;
    column = 1;
    return at(`template syntax error: ${detail}.`, 'Close every {% if %}, {% for %} and {% macro %} block with its {% endif %}, {% endfor %} or {% endmacro %}.', 'E_TEMPLATE_SYNTAX');
  }
  if (!fromCall) {
    return at(`template syntax error: ${detail}.`, 'Check the {{ ... }} and {% ... %} syntax on this line (Nunjucks, as in Jinja).', 'E_TEMPLATE_SYNTAX');
  }
  return at(`template error: ${detail}.`, 'Check the expression on this line.');
}

/** "(models/x.sql) [Line 2, Column 3]\n  message" -> "message". */
function stripNunjucksPrefix(message: string): string {
  const lastLine = message.split('\n').pop() ?? message;
  return lastLine.replace(/^\s*(Error: )?/, '').replace(/\.$/, '');
}

/** The 1-based column where the called name before `(` starts. */
function nameStart(sourceLine: string, parenColumn: number): number {
  let i = parenColumn - 2; // 0-based index of the character before `(`
  while (i >= 0 && /\s/.test(sourceLine[i] ?? '')) i -= 1;
  while (i >= 0 && /[\w.]/.test(sourceLine[i] ?? '')) i -= 1;
  return i + 2;
}

/** The text inside `{{ ... }}` starting at the 1-based column of `{{`. */
function outputExpression(sourceLine: string, column: number): string | undefined {
  const rest = sourceLine.slice(column - 1);
  const match = /^\{\{-?\s*(.*?)\s*-?\}\}/.exec(rest);
  return match?.[1];
}
