import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, type ErrorCode } from '../errors/pdb-error.js';

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
    // Nunjucks moves its position only at function calls, so a `mapping.x` lookup would be
    // reported at the call before it: find the lookup in the model itself when it is there.
    const field = (cause.cause as { mappingField?: string } | undefined)?.mappingField;
    const at = field === undefined ? undefined : findInText(lines, new RegExp(`mapping\\s*(\\.\\s*${field}\\b|\\[\\s*['"]${field}['"]\\s*\\])`));
    return new PdbError({ code: cause.code, message: cause.message, hint: cause.hint, location: { file, line: at?.line ?? line, column: at?.column ?? column } });
  }
  const detail = stripNunjucksPrefix(cause instanceof Error ? cause.message : e.message);
  const at = (message: string, hint: string, code: ErrorCode = 'E_TEMPLATE'): PdbError =>
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
    // The parser reached the end of the file with a block still open: point at that block.
    const open = innermostOpenBlock(text);
    line = open?.line ?? lines.length;
    column = open?.column ?? 1;
    const what = open === undefined ? 'a block is not closed' : `{% ${open.tag} %} is never closed with {% end${open.tag} %}`;
    return at(`template syntax error: ${what}.`, 'Close every {% if %}, {% for %} and {% macro %} block with its {% endif %}, {% endfor %} or {% endmacro %}.', 'E_TEMPLATE_SYNTAX');
  }
  if (!fromCall) {
    return at(`template syntax error: ${detail}.`, 'Check the {{ ... }} and {% ... %} syntax on this line (Nunjucks, as in Jinja).', 'E_TEMPLATE_SYNTAX');
  }
  return at(`template error: ${detail}.`, 'Check the expression on this line.');
}

/** "(models/x.sql) [Line 2, Column 3]\n  parseIf: message" -> "message". */
function stripNunjucksPrefix(message: string): string {
  const lastLine = message.split('\n').pop() ?? message;
  return lastLine.replace(/^\s*(Error: )?/, '').replace(/^[a-z][A-Za-z]*: /, '').replace(/\.$/, '');
}

const BLOCK_TAGS = new Set(['if', 'for', 'macro', 'call', 'filter', 'raw', 'block']);

/** The innermost block tag left open at the end of the text, with its 1-based position. */
function innermostOpenBlock(text: string): { tag: string; line: number; column: number } | undefined {
  const stack: { tag: string; index: number }[] = [];
  for (const match of text.matchAll(/\{%-?\s*(end)?(\w+)/g)) {
    const [, end, tag = ''] = match;
    if (end !== undefined) {
      const at = stack.map((b) => b.tag).lastIndexOf(tag);
      if (at >= 0) stack.splice(at);
    } else if (BLOCK_TAGS.has(tag) || (tag === 'set' && !/^\{%-?\s*set[^%]*=/.test(text.slice(match.index, text.indexOf('%}', match.index))))) {
      stack.push({ tag, index: match.index });
    }
  }
  const open = stack.pop();
  if (open === undefined) return undefined;
  const before = text.slice(0, open.index).split('\n');
  return { tag: open.tag, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function findInText(lines: readonly string[], pattern: RegExp): { line: number; column: number } | undefined {
  for (let i = 0; i < lines.length; i += 1) {
    const index = lines[i]!.search(pattern);
    if (index >= 0) return { line: i + 1, column: index + 1 };
  }
  return undefined;
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
