import type { PdbError } from './pdb-error.js';

/**
 * One diagnostic as the user reads it:
 *   models/dau.sql:3:12: error E_REF_UNKNOWN: ref('usrs') names no model. Did you mean 'users'?
 *     3 | select * from {{ ref('usrs') }}
 *       |            ^
 *     hint: ...
 * The code frame is shown when the file's text is known.
 */
export function formatError(error: PdbError, sourceText?: string): string {
  const loc = error.location;
  const where = loc === undefined ? '' : `${loc.file}${loc.line !== undefined ? `:${loc.line}` : ''}${loc.line !== undefined && loc.column !== undefined ? `:${loc.column}` : ''}: `;
  const lines = [`${where}error ${error.code}: ${error.message}`];
  if (sourceText !== undefined && loc?.line !== undefined) lines.push(...codeFrame(sourceText, loc.line, loc.column));
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}

function codeFrame(text: string, line: number, column: number | undefined): string[] {
  const source = text.split(/\r?\n/)[line - 1];
  if (source === undefined) return [];
  const gutter = String(line);
  const frame = [`  ${gutter} | ${source}`];
  if (column !== undefined && column >= 1) frame.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(column - 1)}^`);
  return frame;
}
