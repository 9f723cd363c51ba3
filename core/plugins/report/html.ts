/** Small helpers to write HTML text safely: every value from data goes through `escapeHtml`. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the element. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface Cell {
  readonly text: string;
  /** Class names of the cell (e.g. a shade). */
  readonly className?: string;
  /** Shows the text as a badge of this class (e.g. a status). */
  readonly badge?: string;
  readonly title?: string;
}

/** A formatted number: `1,234`, `-5.2%`, `< $0.01`, `1.50 GiB`, `+1.2 pp`. */
const NUMBER = /^[-+−<]?\s?\$?[\d.,]+(\s?(%|pp|[KMGTP]?i?B))?$/;

/** A table with a header row; cells holding a number align right. */
export function htmlTable(head: readonly string[], rows: readonly (readonly (string | Cell)[])[], options: { caption?: string; className?: string; rowHeaders?: boolean } = {}): string {
  const cell = (c: string | Cell, i: number): string => {
    const { text, className, title, badge } = typeof c === 'string' ? { text: c, className: undefined, title: undefined, badge: undefined } : c;
    const classes = [className, i > 0 && NUMBER.test(text) ? 'num' : undefined].filter((x) => x !== undefined).join(' ');
    const content = badge === undefined ? escapeHtml(text) : `<span class="${badge}">${escapeHtml(text)}</span>`;
    const tag = options.rowHeaders === true && i === 0 ? 'th scope="row"' : 'td';
    return `<${tag}${classes === '' ? '' : ` class="${classes}"`}${title === undefined ? '' : ` title="${escapeHtml(title)}"`}>${content}</${tag.split(' ')[0]}>`;
  };
  return [
    `<table${options.className === undefined ? '' : ` class="${options.className}"`}>`,
    options.caption === undefined ? '' : `<caption>${escapeHtml(options.caption)}</caption>`,
    `<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
  ].join('');
}
