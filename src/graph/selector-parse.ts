/**
 * dbt's node-selection grammar, parsed into plain data:
 *   arguments  := item ( whitespace item )*        union
 *   item       := atom ( ',' atom )*               intersection
 *   atom       := [ '@' ] [ N? '+' ] [ method ':' ] value [ '+' N? ]
 * A bare value (no method) means the model of that name, every model in a folder of that name
 * and every model with that tag; a bare value with a '/' is a path.
 */
import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, throwIfAny } from '../errors/pdb-error.js';

/** How far to walk from the matched models: not at all, all the way, or up to N edges. */
export type Walk =
  | { readonly kind: 'none' }
  | { readonly kind: 'all' }
  | { readonly kind: 'depth'; readonly depth: number };

/** `bare` is the union of name, folder and tag; `model:` and `name:` both parse to `name`. */
export type SelectorMethod = 'bare' | 'name' | 'tag' | 'path' | 'state' | 'result';

export interface SelectorAtom {
  /** The atom as written, e.g. `2+tag:core`. */
  readonly text: string;
  /** 1-based position of the atom in its argument. */
  readonly column: number;
  readonly method: SelectorMethod;
  /** May contain `*` and `?` globs. */
  readonly value: string;
  readonly ancestors: Walk;
  readonly descendants: Walk;
  /** `@x`: x, its descendants, and every ancestor of those. */
  readonly descendantsAndTheirAncestors: boolean;
}

/** One space-separated item: the intersection of its comma-separated atoms. */
export interface SelectorItem {
  readonly text: string;
  readonly column: number;
  readonly atoms: readonly SelectorAtom[];
}

export type SelectorFlag = '--select' | '--exclude';

/** The method names a user may write, as they are written. */
export const SELECTOR_METHODS = ['tag', 'path', 'model', 'name', 'state', 'result'] as const;

export const SELECTOR_GRAMMAR_HINT =
  'selectors are a model name, folder or tag, or tag:x, path:models/x, model:x, with * as a glob; ' +
  'state:modified / state:new and result:error / result:fail compare with --state DIR; ' +
  'N+x adds ancestors and x+N descendants (N optional), @x adds descendants and their ancestors; ' +
  'spaces separate a union, commas an intersection.';

/** Parses every argument of one flag; throws PdbErrors (E_SELECTOR) with every mistake at once. */
export function parseSelectors(args: readonly string[], flag: SelectorFlag): SelectorItem[] {
  const errors: PdbError[] = [];
  const items = collectSelectors(args, flag, errors);
  throwIfAny(errors);
  return items;
}

/** Like parseSelectors, but adds its errors to `errors` so a caller can report two flags together. */
export function collectSelectors(args: readonly string[], flag: SelectorFlag, errors: PdbError[]): SelectorItem[] {
  const items: SelectorItem[] = [];
  for (const arg of args) {
    for (const word of arg.matchAll(/\S+/g)) {
      const item = parseItem(word[0], word.index + 1, flag, errors);
      if (item !== undefined) items.push(item);
    }
  }
  return items;
}

function parseItem(text: string, column: number, flag: SelectorFlag, errors: PdbError[]): SelectorItem | undefined {
  const atoms: SelectorAtom[] = [];
  let offset = 0;
  let ok = true;
  for (const part of text.split(',')) {
    const atomColumn = column + offset;
    offset += part.length + 1;
    if (part === '') {
      // One error per item is enough: `a,,` is one mistake, not two.
      const where = offset === 1 ? 'before the first comma' : offset > text.length ? 'after the last comma' : 'between two commas';
      errors.push(selectorError(flag, atomColumn, `Selector '${text}' has nothing ${where}; commas join selectors that must all match.`));
      return undefined;
    }
    const atom = parseAtom(part, atomColumn, flag, errors);
    if (atom === undefined) ok = false;
    else atoms.push(atom);
  }
  return ok ? { text, column, atoms } : undefined;
}

function parseAtom(text: string, column: number, flag: SelectorFlag, errors: PdbError[]): SelectorAtom | undefined {
  const fail = (at: number, message: string): undefined => {
    errors.push(selectorError(flag, column + at, `Selector '${text}' ${message}`));
    return undefined;
  };

  let pos = 0;
  const at = text.startsWith('@');
  if (at) pos = 1;
  const prefix = /^(\d*)\+/.exec(text.slice(pos));
  let ancestors: Walk = { kind: 'none' };
  if (prefix !== null) {
    if (at) return fail(pos, "combines '@' with a '+' prefix; '@' already adds every ancestor, so drop the '+'.");
    ancestors = walkOf(prefix[1]!);
    pos += prefix[0].length;
  }

  let end = text.length;
  const suffix = /\+(\d*)$/.exec(text.slice(pos));
  let descendants: Walk = { kind: 'none' };
  if (suffix !== null) {
    descendants = walkOf(suffix[1]!);
    end = pos + suffix.index;
  }

  let method: SelectorMethod = 'bare';
  let written = '';
  const colon = text.indexOf(':', pos);
  if (colon !== -1 && colon < end) {
    written = text.slice(pos, colon);
    if (written === '') return fail(pos, "has no method before ':'; write one of tag:, path:, model:, name:, state: or result:.");
    const known = methodOf(written);
    if (known === undefined) {
      const suggestion = didYouMean(written, SELECTOR_METHODS);
      return fail(pos, `uses unknown method '${written}'.${suggestion === '' ? ' Methods are tag, path, model, name, state and result.' : suggestion}`);
    }
    method = known;
    pos = colon + 1;
  }

  const value = text.slice(pos, end);
  if (value === '') {
    return method === 'bare'
      ? fail(pos, 'names no model, folder, tag or path.')
      : fail(pos, `has no value after '${written}:'.`);
  }
  const stray = /[+@]/.exec(value);
  if (stray !== null) {
    const where = stray[0] === '+' ? "'+' goes only at the start or the end of a selector" : "'@' goes only at the start of a selector";
    return fail(pos + stray.index, `has a '${stray[0]}' inside a name; ${where}.`);
  }
  if (method === 'bare' && value.includes('/')) method = 'path';
  if (method === 'state' && !STATE_VALUES.includes(value)) return fail(pos, `compares with --state by 'modified' or 'new', not '${value}'.${didYouMean(value, STATE_VALUES)}`);
  if (method === 'result' && !RESULT_VALUES.includes(value)) return fail(pos, `selects by a status of the --state run: ${RESULT_VALUES.join(', ')}; not '${value}'.${didYouMean(value, RESULT_VALUES)}`);

  return { text, column, method, value, ancestors, descendants, descendantsAndTheirAncestors: at };
}

const STATE_VALUES = ['modified', 'new'];
/** Statuses of run_results.json a model can be selected by (its own, or one of its tests'). */
const RESULT_VALUES = ['error', 'fail', 'warn', 'skipped', 'cancelled', 'success', 'pass'];

function methodOf(written: string): SelectorMethod | undefined {
  switch (written) {
    case 'tag':
      return 'tag';
    case 'path':
      return 'path';
    case 'model':
    case 'name':
      return 'name';
    case 'state':
      return 'state';
    case 'result':
      return 'result';
    default:
      return undefined;
  }
}

function walkOf(digits: string): Walk {
  return digits === '' ? { kind: 'all' } : { kind: 'depth', depth: Number(digits) };
}

function selectorError(flag: SelectorFlag, column: number, message: string): PdbError {
  return new PdbError({ code: 'E_SELECTOR', message, location: { file: flag, column }, hint: SELECTOR_GRAMMAR_HINT });
}
