/**
 * A fast path for the simplest models, as dbt's static parser: a template whose only tags are
 * `{{ ref('x') }}`, `{{ source('a', 'b') }}`, `{{ var('x') }}` / `{{ var('x', literal) }}` and
 * `{{ config(key=literal, ...) }}` is evaluated without compiling it with Nunjucks, giving the
 * same output. Anything else returns undefined and takes the normal path.
 */
export type StaticCall =
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'source'; readonly source: string; readonly table: string }
  | { readonly kind: 'var'; readonly name: string; readonly args: readonly unknown[] }
  | { readonly kind: 'config'; readonly options: Readonly<Record<string, unknown>> };

export interface StaticPart {
  readonly text: string;
  readonly call?: StaticCall;
}

const TAG = /\{\{([\s\S]*?)\}\}/g;

/**
 * Calls already parsed, by their text: a project repeats the same config(), var() and source()
 * tags in most models, and parsing each again costs more than the rest of the fast path (its code
 * is still cold in a compile's single run). The cached calls are shared: callers must not change them.
 */
const parsedCalls = new Map<string, StaticCall | undefined>();
const PARSED_CALLS_KEPT = 10_000;

/** `ref('name')`, by far the most common tag, without the literal reader. */
const SIMPLE_REF = /^ref\(\s*'([^'\\]*)'\s*\)$/;

export function parseStaticTemplate(text: string): StaticPart[] | undefined {
  if (text.includes('{%') || text.includes('{#')) return undefined;
  const parts: StaticPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const inner = match[1] ?? '';
    if (inner.startsWith('-') || inner.endsWith('-')) return undefined;
    const call = callOf(inner.trim());
    if (call === undefined) return undefined;
    parts.push({ text: text.slice(last, match.index), call });
    last = match.index + match[0].length;
  }
  parts.push({ text: text.slice(last) });
  return parts;
}

function callOf(expression: string): StaticCall | undefined {
  const ref = SIMPLE_REF.exec(expression);
  if (ref !== null) return { kind: 'ref', name: ref[1]! };
  if (parsedCalls.has(expression)) return parsedCalls.get(expression);
  if (parsedCalls.size >= PARSED_CALLS_KEPT) parsedCalls.clear();
  const call = parseCall(expression);
  parsedCalls.set(expression, call);
  return call;
}

function parseCall(expression: string): StaticCall | undefined {
  const head = /^(ref|source|var|config)\s*\(([\s\S]*)\)$/.exec(expression);
  if (head === null) return undefined;
  const reader = new LiteralReader(head[2] ?? '');
  const positional: unknown[] = [];
  const keywords: Record<string, unknown> = {};
  while (!reader.done()) {
    const keyword = reader.keyword();
    const value = reader.literal();
    if (value === NOT_LITERAL) return undefined;
    if (keyword === undefined) positional.push(value);
    else keywords[keyword] = value;
    if (!reader.comma()) break;
  }
  if (!reader.done()) return undefined;
  const strings = positional.every((p) => typeof p === 'string');
  switch (head[1]) {
    case 'ref':
      return positional.length === 1 && strings && Object.keys(keywords).length === 0 ? { kind: 'ref', name: positional[0] as string } : undefined;
    case 'source':
      return positional.length === 2 && strings && Object.keys(keywords).length === 0 ? { kind: 'source', source: positional[0] as string, table: positional[1] as string } : undefined;
    case 'var':
      return (positional.length === 1 || positional.length === 2) && typeof positional[0] === 'string' && Object.keys(keywords).length === 0 ? { kind: 'var', name: positional[0], args: positional } : undefined;
    default:
      return positional.length === 0 ? { kind: 'config', options: keywords } : undefined;
  }
}

const NOT_LITERAL = Symbol('not a literal');

/** Reads Nunjucks literals: strings, numbers, true/false/none, lists and dicts of literals. */
class LiteralReader {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }

  comma(): boolean {
    this.skipSpace();
    if (this.text[this.at] !== ',') return false;
    this.at += 1;
    return true;
  }

  keyword(): string | undefined {
    this.skipSpace();
    const match = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(this.text.slice(this.at));
    if (match === null) return undefined;
    this.at += match[0].length;
    return match[1];
  }

  literal(): unknown {
    this.skipSpace();
    const rest = this.text.slice(this.at);
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      let value = '';
      for (let i = 1; i < rest.length; i += 1) {
        const c = rest[i]!;
        if (c === '\\') return NOT_LITERAL; // escapes: leave them to Nunjucks
        if (c === quote) {
          this.at += i + 1;
          return value;
        }
        value += c;
      }
      return NOT_LITERAL;
    }
    const number = /^-?\d+(\.\d+)?(?![\w.])/.exec(rest);
    if (number !== null) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    const word = /^(true|false|True|False|none|None)\b/.exec(rest);
    if (word !== null) {
      this.at += word[0].length;
      return word[1] === 'none' || word[1] === 'None' ? null : word[1]!.toLowerCase() === 'true';
    }
    if (quote === '[') return this.sequence(']', () => this.literal());
    if (quote === '{') {
      const entries: [string, unknown][] = [];
      const result = this.sequence('}', () => {
        const key = this.literal();
        this.skipSpace();
        if (typeof key !== 'string' || this.text[this.at] !== ':') return NOT_LITERAL;
        this.at += 1;
        const value = this.literal();
        entries.push([key, value]);
        return value;
      });
      return result === NOT_LITERAL ? NOT_LITERAL : Object.fromEntries(entries);
    }
    return NOT_LITERAL;
  }

  private sequence(close: string, item: () => unknown): unknown {
    this.at += 1;
    const items: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === close) {
        this.at += 1;
        return items;
      }
      const value = item();
      if (value === NOT_LITERAL) return NOT_LITERAL;
      items.push(value);
      this.skipSpace();
      if (this.text[this.at] === ',') this.at += 1;
      else if (this.text[this.at] !== close) return NOT_LITERAL;
    }
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at += 1;
  }
}
