/**
 * A fast reader for the YAML project files are mostly written in: block mappings and sequences
 * (also a sequence item that starts a mapping, and a sequence at its key's indentation), one-line
 * plain and quoted scalars, one-line flow collections (`[not_null]`, `{ table: x }`) and comments.
 * It gives the value the `yaml` package gives (core schema, as toJS returns it) and where each node
 * and key starts. The `yaml` package takes about 100 ms to read a 25 kB file while its code is
 * still cold, which made reading `models.yml` files most of a cold compile; this reads one in a few
 * milliseconds. Anything else (anchors, aliases, tags, block and multi-line scalars, escapes, empty
 * values, duplicate keys, tabs, several documents, ...) gives undefined: the caller reads the file
 * with the `yaml` package, which also reports every syntax error.
 */

/** A node of the file: where it starts, and its entries when it is a collection. */
export interface SubsetNode {
  readonly offset: number;
  readonly value: unknown;
  readonly pairs?: ReadonlyMap<string, { readonly keyOffset: number; readonly node: SubsetNode }>;
  readonly items?: readonly SubsetNode[];
}

/** The file's root node; `root` is undefined for a file of only comments and blank lines. */
export interface SubsetYaml {
  readonly root: SubsetNode | undefined;
}

interface Line {
  readonly indent: number;
  /** Offsets of the line's content (after the indentation) and of its end. */
  readonly start: number;
  readonly end: number;
}

class Unsupported extends Error {}

const unsupported = (): never => {
  throw new Unsupported();
};

/** A plain key followed by `:` and a space or the end: no quotes, colons or comment marks in it. */
const KEY = /^([A-Za-z0-9_$+/.][^:#'"]*?):(?= |$)/;
const FLOW_KEY = /^([A-Za-z0-9_$+/.][^:#'",[\]{}]*?): /;

export function parseYamlSubset(text: string): SubsetYaml | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  try {
    return new SubsetParser(text).document();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class SubsetParser {
  private readonly lines: Line[] = [];
  private i = 0;

  constructor(private readonly text: string) {
    let lineStart = 0;
    while (lineStart <= text.length) {
      const newline = text.indexOf('\n', lineStart);
      const end = newline < 0 ? text.length : newline;
      let start = lineStart;
      while (start < end && text[start] === ' ') start++;
      if (start < end && text[start] !== '#') {
        if (start === lineStart && /^(?:---|\.\.\.)(?: |$)|^%/.test(text.slice(start, start + 4))) unsupported();
        this.lines.push({ indent: start - lineStart, start, end });
      }
      if (newline < 0) break;
      lineStart = newline + 1;
    }
  }

  document(): SubsetYaml {
    if (this.lines.length === 0) return { root: undefined };
    const root = this.block(this.lines[0]!.indent);
    if (this.i !== this.lines.length) unsupported();
    return { root };
  }

  private isItem(line: Line): boolean {
    return this.text[line.start] === '-' && (line.start + 1 === line.end || this.text[line.start + 1] === ' ');
  }

  private block(indent: number): SubsetNode {
    return this.isItem(this.lines[this.i]!) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): SubsetNode {
    const offset = this.lines[this.i]!.start;
    const pairs = new Map<string, { keyOffset: number; node: SubsetNode }>();
    const value: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent > indent) unsupported();
      if (line.indent < indent || this.isItem(line)) break;
      const match = KEY.exec(this.text.slice(line.start, line.end)) ?? unsupported();
      const key = match[1]!;
      if (key.endsWith(' ') || resolvePlain(key) !== key || key === '__proto__' || pairs.has(key)) unsupported();
      const rest = this.skipSpaces(line.start + match[0].length, line.end);
      let node: SubsetNode;
      if (rest === line.end || this.text[rest] === '#') {
        // The value is on the lines below: more indented, or a sequence at the key's indentation.
        this.i++;
        const next = this.lines[this.i];
        if (next !== undefined && next.indent > indent) node = this.block(next.indent);
        else if (next !== undefined && next.indent === indent && this.isItem(next)) node = this.sequence(indent);
        else node = unsupported();
      } else {
        node = this.inline(rest, line.end);
        this.i++;
      }
      pairs.set(key, { keyOffset: line.start, node });
      value[key] = node.value;
    }
    return { offset, value, pairs };
  }

  private sequence(indent: number): SubsetNode {
    const offset = this.lines[this.i]!.start;
    const items: SubsetNode[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent > indent) unsupported();
      if (line.indent < indent || !this.isItem(line)) break;
      const rest = this.skipSpaces(line.start + 1, line.end);
      if (rest === line.end || this.text[rest] === '#') {
        this.i++;
        const next = this.lines[this.i];
        items.push(next !== undefined && next.indent > indent ? this.block(next.indent) : unsupported());
      } else if (KEY.test(this.text.slice(rest, line.end))) {
        // `- name: x`: a mapping at the column of its first key, continued on the lines below.
        const column = line.indent + (rest - line.start);
        this.lines[this.i] = { indent: column, start: rest, end: line.end };
        items.push(this.mapping(column));
      } else {
        if (this.text[rest] === '-' && this.text[rest + 1] === ' ') unsupported();
        items.push(this.inline(rest, line.end));
        this.i++;
      }
    }
    return { offset, value: items.map((item) => item.value), items };
  }

  /** A value on the rest of one line, with nothing after it but a comment. */
  private inline(start: number, end: number): SubsetNode {
    const c = this.text[start]!;
    let node: SubsetNode;
    let after: number;
    if (c === '[' || c === '{') {
      [node, after] = this.flow(start, end);
    } else if (c === "'" || c === '"') {
      [node, after] = this.quoted(start, end);
    } else {
      const line = this.text.slice(start, end);
      const comment = line.indexOf(' #');
      const raw = (comment < 0 ? line : line.slice(0, comment)).trimEnd();
      return { offset: start, value: this.plain(raw, false) };
    }
    const rest = this.skipSpaces(after, end);
    if (rest < end && (this.text[rest] !== '#' || rest === after)) unsupported();
    return node;
  }

  private flow(start: number, end: number): [SubsetNode, number] {
    const isSeq = this.text[start] === '[';
    const close = isSeq ? ']' : '}';
    const items: SubsetNode[] = [];
    const pairs = new Map<string, { keyOffset: number; node: SubsetNode }>();
    const value: Record<string, unknown> = {};
    let at = this.skipSpaces(start + 1, end);
    if (this.text[at] === close) return [isSeq ? { offset: start, value: [], items } : { offset: start, value, pairs }, at + 1];
    for (;;) {
      if (isSeq) {
        const [item, next] = this.flowValue(at, end);
        items.push(item);
        at = next;
      } else {
        const match = FLOW_KEY.exec(this.text.slice(at, end)) ?? unsupported();
        const key = match[1]!;
        if (key.endsWith(' ') || resolvePlain(key) !== key || key === '__proto__' || pairs.has(key)) unsupported();
        const [node, next] = this.flowValue(this.skipSpaces(at + match[0].length, end), end);
        pairs.set(key, { keyOffset: at, node });
        value[key] = node.value;
        at = next;
      }
      at = this.skipSpaces(at, end);
      if (this.text[at] === close) break;
      if (this.text[at] !== ',') unsupported();
      at = this.skipSpaces(at + 1, end);
      if (this.text[at] === close || at >= end) unsupported();
    }
    return [isSeq ? { offset: start, value: items.map((item) => item.value), items } : { offset: start, value, pairs }, at + 1];
  }

  private flowValue(start: number, end: number): [SubsetNode, number] {
    const c = this.text[start];
    if (c === '[' || c === '{') return this.flow(start, end);
    if (c === "'" || c === '"') return this.quoted(start, end);
    let stop = start;
    while (stop < end && !',[]{}'.includes(this.text[stop]!) && !(this.text[stop] === '#' && this.text[stop - 1] === ' ')) stop++;
    return [{ offset: start, value: this.plain(this.text.slice(start, stop).trimEnd(), true) }, stop];
  }

  /** A quoted scalar on one line; double quotes only without escapes. */
  private quoted(start: number, end: number): [SubsetNode, number] {
    const quote = this.text[start]!;
    let value = '';
    let at = start + 1;
    for (;;) {
      const close = this.text.indexOf(quote, at);
      if (close < 0 || close >= end) unsupported();
      value += this.text.slice(at, close);
      if (quote === "'" && this.text[close + 1] === "'") {
        value += "'";
        at = close + 2;
        continue;
      }
      if (quote === '"' && value.includes('\\')) unsupported();
      return [{ offset: start, value }, close + 1];
    }
  }

  private plain(raw: string, inFlow: boolean): unknown {
    if (raw === '' || /^[-?:,[\]{}#&*!|>'"%@`]/.test(raw) && !/^[-?:][^\s,[\]{}]/.test(raw)) unsupported();
    if (raw.includes(': ') || raw.endsWith(':') || (inFlow && raw.includes(':'))) unsupported();
    return resolvePlain(raw);
  }

  private skipSpaces(at: number, end: number): number {
    let i = at;
    while (i < end && this.text[i] === ' ') i++;
    return i;
  }
}

/** A plain scalar's value in YAML 1.2's core schema, tried in the `yaml` package's order. */
function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}
