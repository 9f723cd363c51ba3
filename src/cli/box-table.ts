import pc from 'picocolors';

/**
 * A boxed text table (the look of cli-table3's default style) drawn in one pass: linear in the
 * number of cells. cli-table3 itself took seconds for a few thousand rows and overflowed the
 * stack past about a hundred thousand, so `pdb show` draws its pages with this instead.
 */
export function boxTable(head: readonly string[], rows: readonly (readonly string[])[], colored: boolean): string {
  const clean = (cell: string): string => cell.replace(/\r?\n/g, ' ');
  const body = rows.map((row) => row.map(clean));
  const widths = head.map((h, i) => body.reduce((w, row) => Math.max(w, (row[i] ?? '').length), clean(h).length));
  const border = (text: string): string => (colored ? pc.gray(text) : text);
  const rule = (left: string, middle: string, right: string): string => border(`${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`);
  const line = (cells: readonly string[], style: (text: string) => string = (t) => t): string =>
    `${border('│')}${widths.map((w, i) => ` ${style((cells[i] ?? '').padEnd(w))} `).join(border('│'))}${border('│')}`;
  const lines = [rule('┌', '┬', '┐'), line(head.map(clean), colored ? pc.cyan : undefined)];
  const separator = rule('├', '┼', '┤');
  for (const row of body) lines.push(separator, line(row));
  lines.push(rule('└', '┴', '┘'));
  return lines.join('\n');
}
