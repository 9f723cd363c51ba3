/**
 * What a BigQuery query would be billed, from the leaf columns it references in the tables it
 * reads. The words that count are those of the query block that names the table (the innermost
 * parentheses around it, e.g. its CTE; the whole query at top level), less the names given after
 * `as`: a leaf counts when every part of its path is such a word (`geo.country` needs `geo` and
 * `country`; `event_params.value.double_value` all three), and a `select *` or `alias.*` in the
 * block counts every column of the table. Matching names, not resolving them, can count a column
 * too many (a same-named column of another table in the block), never one too few: the figure is
 * an upper bound of BigQuery's.
 */
import type { LeafColumn } from './column-bytes.js';

/** Every backquoted `project.dataset.table` a query names (as the fake server reads them). */
export function tablesNamed(query: string): string[] {
  return [...new Set([...query.matchAll(/`([^`.]+\.[^`.]+\.[^`.]+)`/g)].map((m) => m[1]!))];
}

/** The relation a `create or replace table|view` statement writes, which it does not read. */
function createdTable(query: string): string | undefined {
  return /create\s+or\s+replace\s+(?:table|view)\s+`([^`]+)`/i.exec(query)?.[1];
}

/** The query without comments and string literals (same length is not kept). */
function codeOf(query: string): string {
  return query
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** The text inside the innermost parentheses around position `at`, or all of `code`. */
export function enclosingBlock(code: string, at: number): string {
  let depth = 0;
  let open = -1;
  for (let i = at - 1; i >= 0; i--) {
    if (code[i] === ')') depth++;
    else if (code[i] === '(') {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return code;
  depth = 0;
  for (let i = open + 1; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')') {
      if (depth === 0) return code.slice(open + 1, i);
      depth--;
    }
  }
  return code.slice(open + 1);
}

/** Lower-cased words of a block (BigQuery column names are case-insensitive), less names given with `as`. */
function wordsOf(block: string): Set<string> {
  const withoutAliases = block.replace(/\bas\s+`?[A-Za-z_][A-Za-z0-9_]*`?/gi, ' ');
  return new Set([...withoutAliases.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0].toLowerCase()));
}

/** `select *`, `select distinct *`, `t.*` (but not `count(*)`). */
const STAR = /\bselect\s+(?:distinct\s+)?(?:[A-Za-z_]\w*\.)?\*|,\s*[A-Za-z_]\w*\.\*|,\s*\*(?!\s*\))/i;

export interface TableRead {
  readonly table: string;
  readonly bytes: number;
  /** The leaf paths counted, dotted. */
  readonly columns: readonly string[];
}

/** The bytes a query is billed per table it reads that the catalog knows (others count 0 and are left out). */
export function referencedBytes(query: string, catalog: ReadonlyMap<string, readonly LeafColumn[]>): TableRead[] {
  const created = createdTable(query);
  const code = codeOf(query);
  const reads: TableRead[] = [];
  for (const table of tablesNamed(query)) {
    if (table === created) continue;
    const leaves = catalog.get(table);
    if (leaves === undefined) continue;
    const blocks = [...code.matchAll(new RegExp(`\`${escapeRegExp(table)}\``, 'g'))].map((m) => enclosingBlock(code, m.index));
    const words = new Set(blocks.flatMap((block) => [...wordsOf(block)]));
    const star = blocks.some((block) => STAR.test(block));
    const counted = leaves.filter((leaf) => star || leaf.path.every((part) => words.has(part.toLowerCase())));
    reads.push({ table, bytes: counted.reduce((sum, leaf) => sum + leaf.bytes, 0), columns: counted.map((leaf) => leaf.path.join('.')) });
  }
  return reads;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
