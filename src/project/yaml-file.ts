import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { PdbError } from '../errors/pdb-error.js';
import type { SourceLocation } from '../errors/pdb-error.js';

/** A step into a YAML value: a mapping key or a list index. */
export type PathSegment = string | number;
export type YamlPath = readonly PathSegment[];

/**
 * A parsed YAML file that still knows where every node came from, so that any later check
 * (schema, names, references) can point at the exact key or value with file:line:col.
 */
export interface YamlFile {
  /** Relative to the project directory, forward slashes. */
  readonly path: string;
  readonly text: string;
  /** The plain JavaScript value (undefined for an empty file). */
  readonly value: unknown;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export interface ParsedYaml {
  readonly file: YamlFile;
  /** Syntax errors; when present, `file.value` is whatever the parser could recover. */
  readonly errors: readonly PdbError[];
}

export function parseYamlFile(path: string, text: string): ParsedYaml {
  const lines = new LineCounter();
  // prettyErrors off: we build our own located message instead of the library's text frame.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return new PdbError({
      code: 'E_YAML_SYNTAX',
      message: `Invalid YAML: ${firstLine(e.message)}.`,
      location: { file: path, line: pos.line, column: pos.col },
      hint: 'Fix the YAML syntax at this position (check indentation, quotes and colons).',
      cause: e,
    });
  });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 }) ?? undefined;
    } catch (cause) {
      errors.push(
        new PdbError({
          code: 'E_YAML_SYNTAX',
          message: `Invalid YAML: ${cause instanceof Error ? cause.message : String(cause)}.`,
          location: { file: path, line: 1, column: 1 },
          hint: 'Fix the YAML so that it can be read as plain data.',
          cause,
        }),
      );
    }
  }
  return { file: { path, text, value, doc, lines }, errors };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/[.:]\s*$/, '');
}

/**
 * Where the node at `path` is: its key (`at: 'key'`, for unknown or misnamed keys) or its value.
 * Falls back to the deepest node that exists, so an error always has a line.
 */
export function locate(file: YamlFile, path: YamlPath, at: 'key' | 'value' = 'value'): SourceLocation {
  let node: unknown = file.doc.contents;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) node = node.resolve(file.doc);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
      if (pair === undefined) break;
      const keyNode = isNode(pair.key) ? pair.key : undefined;
      if (i === path.length - 1 && at === 'key' && keyNode !== undefined) return position(file, keyNode);
      // A key with no value (`key:`) has a null value node with a range; a missing one points at the key.
      if (!isNode(pair.value)) {
        if (keyNode !== undefined) last = keyNode;
        break;
      }
      next = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    } else {
      break;
    }
    if (!isNode(next)) break;
    node = next;
    last = next;
  }
  return last === undefined ? { file: file.path, line: 1, column: 1 } : position(file, last);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value) || isAlias(value);
}

function position(file: YamlFile, node: Node): SourceLocation {
  const offset = node.range?.[0] ?? 0;
  const pos = file.lines.linePos(offset);
  return { file: file.path, line: pos.line, column: pos.col };
}

/** `models[0].columns[2].tests`: a path as a user reads it in messages. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
