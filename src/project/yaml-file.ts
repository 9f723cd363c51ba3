import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { PdbError } from '../errors/pdb-error.js';
import type { SourceLocation } from '../errors/pdb-error.js';
import { parseYamlSubset, type SubsetNode } from './yaml-subset.js';

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
  /** Where the nodes are: from the fast reader of common YAML (yaml-subset.ts), else from the `yaml` package's document. */
  readonly nodes: { readonly subset: SubsetNode | undefined } | { readonly doc: Document.Parsed };
}

export interface ParsedYaml {
  readonly file: YamlFile;
  /** Syntax errors; when present, `file.value` is whatever the parser could recover. */
  readonly errors: readonly PdbError[];
}

export function parseYamlFile(path: string, text: string): ParsedYaml {
  const subset = parseYamlSubset(text);
  if (subset !== undefined) return { file: { path, text, value: subset.root?.value, nodes: { subset: subset.root } }, errors: [] };
  return parseYamlDocument(path, text);
}

/** Reads any YAML with the `yaml` package, with its syntax errors located. */
export function parseYamlDocument(path: string, text: string): ParsedYaml {
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
  return { file: { path, text, value, nodes: { doc } }, errors };
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
  const offset = 'subset' in file.nodes ? subsetOffset(file.nodes.subset, path, at) : docOffset(file.nodes.doc, path, at);
  if (offset === undefined) return { file: file.path, line: 1, column: 1 };
  const { line, column } = linePosition(file, offset);
  return { file: file.path, line, column };
}

function subsetOffset(root: SubsetNode | undefined, path: YamlPath, at: 'key' | 'value'): number | undefined {
  let node = root;
  for (let i = 0; i < path.length && node !== undefined; i++) {
    const segment = path[i]!;
    let next: SubsetNode | undefined;
    if (node.pairs !== undefined) {
      const pair = node.pairs.get(String(segment));
      if (pair === undefined) break;
      if (i === path.length - 1 && at === 'key') return pair.keyOffset;
      next = pair.node;
    } else if (node.items !== undefined && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined) break;
    node = next;
  }
  return node?.offset;
}

function docOffset(doc: Document.Parsed, path: YamlPath, at: 'key' | 'value'): number | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
      if (pair === undefined) break;
      const keyNode = isNode(pair.key) ? pair.key : undefined;
      if (i === path.length - 1 && at === 'key' && keyNode !== undefined) return keyNode.range?.[0] ?? 0;
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
  return last === undefined ? undefined : (last.range?.[0] ?? 0);
}

/** The offsets where each file's lines start, found on its first located node. */
const lineStartsOf = new WeakMap<YamlFile, number[]>();

/** 1-based line and column of an offset, as the `yaml` package's LineCounter gives them. */
function linePosition(file: YamlFile, offset: number): { line: number; column: number } {
  let starts = lineStartsOf.get(file);
  if (starts === undefined) {
    starts = [0];
    for (let i = file.text.indexOf('\n'); i >= 0; i = file.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsOf.set(file, starts);
  }
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value) || isAlias(value);
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
