/**
 * Applies `--select` and `--exclude` to the model graph: which models a command runs, in build
 * order. Selectors that match nothing are returned, not thrown, so the CLI can warn about them.
 */
import { PdbError, throwIfAny } from '../errors/pdb-error.js';
import type { ModelId } from '../project/types.js';
import { globSource, globToRegExp } from './glob.js';
import type { GraphNode, ModelGraph } from './model-graph.js';
import { collectSelectors, type SelectorAtom, type SelectorItem, type Walk } from './selector-parse.js';

export interface Selection {
  /** Empty (or only blanks) means every model. */
  readonly select: readonly string[];
  readonly exclude: readonly string[];
}

/**
 * A previous run to compare with (`--state DIR`): which models changed since its manifest, and the
 * statuses of its results per model (the model's own and those of its tests).
 */
export interface SelectionState {
  /** `new` when the previous manifest lacks the model, `modified` when its SQL or config differ. */
  changeOf(id: ModelId): 'new' | 'modified' | undefined;
  resultsOf(id: ModelId): readonly string[];
}

export interface SelectResult {
  /** In the graph's topological order. */
  readonly ids: ModelId[];
  /** `--select` items that matched no model, as written. */
  readonly unmatched: string[];
  /** `--exclude` items that matched no model, as written. */
  readonly unmatchedExclude: string[];
}

/** Throws PdbErrors (E_SELECTOR) for malformed selectors of either flag, all at once. */
export function select(graph: ModelGraph, selection: Selection, state?: SelectionState): SelectResult {
  const errors: PdbError[] = [];
  const selectItems = collectSelectors(selection.select, '--select', errors);
  const excludeItems = collectSelectors(selection.exclude, '--exclude', errors);
  if (state === undefined) {
    for (const [flag, items] of [['--select', selectItems], ['--exclude', excludeItems]] as const) {
      for (const atom of items.flatMap((item) => item.atoms).filter((a) => a.method === 'state' || a.method === 'result')) {
        errors.push(new PdbError({
          code: 'E_SELECTOR',
          message: `Selector '${atom.text}' compares with a previous run, but no --state was given.`,
          hint: 'Pass --state DIR, the target/ folder of the run to compare with (its manifest.json and run_results.json), e.g. --state prod-artifacts/.',
          location: { file: flag, column: atom.column },
        }));
      }
    }
  }
  throwIfAny(errors);
  const context = { graph, state };

  const unmatched: string[] = [];
  const chosen = selectItems.length === 0 ? new Set(graph.order) : unionOf(context, selectItems, unmatched);
  const unmatchedExclude: string[] = [];
  const excluded = unionOf(context, excludeItems, unmatchedExclude);
  const ids = graph.order.filter((id) => chosen.has(id) && !excluded.has(id));
  return { ids, unmatched, unmatchedExclude };
}

interface SelectContext {
  readonly graph: ModelGraph;
  readonly state: SelectionState | undefined;
}

function unionOf(context: SelectContext, items: readonly SelectorItem[], unmatched: string[]): Set<ModelId> {
  const union = new Set<ModelId>();
  for (const item of items) {
    const found = itemIds(context, item);
    if (found.size === 0) unmatched.push(item.text);
    for (const id of found) union.add(id);
  }
  return union;
}

function itemIds(context: SelectContext, item: SelectorItem): Set<ModelId> {
  let result: Set<ModelId> | undefined;
  for (const atom of item.atoms) {
    const ids = atomIds(context, atom);
    result = result === undefined ? ids : new Set([...result].filter((id) => ids.has(id)));
    if (result.size === 0) break;
  }
  return result ?? new Set();
}

function atomIds({ graph, state }: SelectContext, atom: SelectorAtom): Set<ModelId> {
  const matches = matcherOf(atom, state);
  const matched: ModelId[] = [];
  for (const node of graph.nodes.values()) if (matches(node)) matched.push(node.id);

  const result = new Set(matched);
  const parents = (id: ModelId): readonly ModelId[] => graph.parents(id);
  const children = (id: ModelId): readonly ModelId[] => graph.children(id);
  for (const id of walk(matched, atom.ancestors, parents)) result.add(id);
  for (const id of walk(matched, atom.descendants, children)) result.add(id);
  if (atom.descendantsAndTheirAncestors) {
    const downstream = [...matched, ...walk(matched, { kind: 'all' }, children)];
    for (const id of downstream) result.add(id);
    for (const id of walk(downstream, { kind: 'all' }, parents)) result.add(id);
  }
  return result;
}

function matcherOf(atom: SelectorAtom, state: SelectionState | undefined): (node: GraphNode) => boolean {
  switch (atom.method) {
    case 'name': {
      const name = globToRegExp(atom.value, 'name');
      return (node) => name.test(node.id);
    }
    case 'tag': {
      const tag = globToRegExp(atom.value, 'name');
      return (node) => node.tags.some((t) => tag.test(t));
    }
    case 'bare': {
      const word = globToRegExp(atom.value, 'name');
      return (node) => word.test(node.id) || node.folders.some((f) => word.test(f)) || node.tags.some((t) => word.test(t));
    }
    case 'path': {
      // A file, or a folder and everything below it.
      const path = new RegExp(`^${globSource(normalisePath(atom.value), 'path')}(?:/.*)?$`);
      return (node) => path.test(node.path);
    }
    case 'state':
      // `modified` includes new models, as in dbt.
      return (node) => {
        const change = state?.changeOf(node.id);
        return atom.value === 'new' ? change === 'new' : change !== undefined;
      };
    case 'result':
      return (node) => state?.resultsOf(node.id).includes(atom.value) ?? false;
    default:
      return assertNever(atom.method);
  }
}

function normalisePath(value: string): string {
  return value.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
}

/** Models reachable from `start` within the walk's depth, not counting `start` itself. */
function walk(start: readonly ModelId[], how: Walk, next: (id: ModelId) => readonly ModelId[]): Set<ModelId> {
  const limit = how.kind === 'none' ? 0 : how.kind === 'all' ? Infinity : how.depth;
  const reached = new Set<ModelId>();
  const seen = new Set(start);
  let frontier = [...start];
  for (let depth = 1; depth <= limit && frontier.length > 0; depth++) {
    const nextFrontier: ModelId[] = [];
    for (const id of frontier) {
      for (const n of next(id)) {
        if (seen.has(n)) continue;
        seen.add(n);
        reached.add(n);
        nextFrontier.push(n);
      }
    }
    frontier = nextFrontier;
  }
  return reached;
}

function assertNever(value: never): never {
  throw new Error(`unhandled selector method: ${String(value)}`);
}
