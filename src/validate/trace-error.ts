/**
 * Where a ZetaSQL error is: its `[at line:col]` in the compiled SQL, and the line of the model's
 * template that produced it. The compiled SQL is rendered and formatted, so lines do not match
 * one to one; the template line is found from the word at the error (a column, a function, the
 * start of an expression) and the words around it.
 */

export interface ZetaSqlMessage {
  /** The message without its position and code excerpt, did-you-mean included. */
  readonly text: string;
  /** 1-based, in the compiled SQL; absent when ZetaSQL gave no position. */
  readonly line?: number;
  readonly column?: number;
}

/** Splits a message in ERROR_MESSAGE_MULTI_LINE_WITH_CARET mode: `text [at L:C]\n<sql line>\n<caret>`. */
export function parseZetaSqlMessage(details: string): ZetaSqlMessage {
  const firstLine = details.split('\n', 1)[0] ?? '';
  const at = /\s*\[at (\d+):(\d+)\]\s*$/.exec(firstLine);
  if (at === null) return { text: firstLine.trim() };
  return { text: firstLine.slice(0, at.index).trim(), line: Number(at[1]), column: Number(at[2]) };
}

export interface TemplatePosition {
  readonly line: number;
  readonly column: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

/** The template line (and column) holding the compiled SQL's text at `line:column`; undefined when it cannot be traced. */
export function traceToTemplate(compiledSql: string, template: string, line: number, column: number): TemplatePosition | undefined {
  const compiledLines = compiledSql.split(/\r?\n/);
  const errorLine = compiledLines[line - 1];
  if (errorLine === undefined) return undefined;
  const token = tokenAt(errorLine, column - 1);
  if (token === undefined) return undefined;
  const pattern = new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(token)}(?![A-Za-z0-9_])`, 'gi');
  const templateLines = template.split(/\r?\n/);
  const candidates = templateLines.flatMap((text, index) => {
    pattern.lastIndex = 0;
    const found = pattern.exec(text);
    return found === null ? [] : [{ index, column: found.index + 1, text }];
  });
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return { line: candidates[0]!.index + 1, column: candidates[0]!.column };
  // Several lines use the word: the one sharing most words with the compiled line wins; on a tie,
  // the one whose rank among the candidates matches the rank of the error's occurrence.
  const context = new Set((errorLine.match(WORD) ?? []).map((w) => w.toLowerCase()));
  const score = (text: string): number => new Set((text.match(WORD) ?? []).map((w) => w.toLowerCase()).filter((w) => context.has(w))).size;
  const best = Math.max(...candidates.map((c) => score(c.text)));
  const top = candidates.filter((c) => score(c.text) === best);
  const rank = occurrencesBefore(compiledLines, line - 1, pattern);
  const chosen = top.length === candidates.length ? (candidates[rank] ?? top[0]!) : top[0]!;
  return { line: chosen.index + 1, column: chosen.column };
}

/** The identifier, number or quoted text starting at (or containing) the 0-based `index`. */
function tokenAt(text: string, index: number): string | undefined {
  const word = /[A-Za-z_][A-Za-z0-9_]*/g;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    if (m.index <= index && index < m.index + m[0].length) return m[0];
    if (m.index > index) break;
  }
  // Not inside a word (e.g. at a quote or an operator): take the next word on the line.
  const rest = /[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(Math.max(0, index)));
  return rest?.[0];
}

/** How many lines before `lineIndex` hold the word: the rank of the error's line among them. */
function occurrencesBefore(lines: readonly string[], lineIndex: number, pattern: RegExp): number {
  let count = 0;
  for (let i = 0; i < lineIndex; i++) {
    pattern.lastIndex = 0;
    if (pattern.test(lines[i]!)) count++;
  }
  return count;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
