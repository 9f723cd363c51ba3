import type { DiffSide, SideModel } from './diff-side.js';

export type ColumnsFrom = 'yaml' | 'built tables';

export type ModelChangeKind = 'added' | 'removed' | 'modified';

/** What changed of one model between the base and the head. */
export interface ModelChange {
  readonly name: string;
  readonly kind: ModelChangeKind;
  /** The head's path, or the base's for a removed model. */
  readonly path: string;
  readonly base?: SideModel;
  readonly head?: SideModel;
  /** Which parts differ, in a fixed order: `sql`, `config`, `columns`. */
  readonly parts: readonly ('sql' | 'config' | 'columns')[];
  readonly columnsAdded: readonly string[];
  readonly columnsRemoved: readonly string[];
  /** Unchanged models that read this one, directly or not, sorted. */
  readonly downstream: readonly string[];
}

export interface TestChange {
  readonly id: string;
  readonly kind: ModelChangeKind;
  readonly model?: string;
}

export interface CheckChange {
  readonly check: string;
  readonly base: string | undefined;
  readonly head: string | undefined;
}

/** The comparison of two sides, as plain data, every list sorted so the output is deterministic. */
export interface ProjectDiff {
  readonly baseLabel: string;
  readonly headLabel: string;
  /** Where the columns come from: what the models' YAML declares, or the built tables (--data). */
  readonly columnsFrom: ColumnsFrom;
  readonly models: readonly ModelChange[];
  /** Unchanged models downstream of any change, sorted. */
  readonly downstream: readonly string[];
  readonly tests: readonly TestChange[];
  readonly checks: readonly CheckChange[];
  /** What this comparison could not see, said in the output. */
  readonly notes: readonly string[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareSides(base: DiffSide, head: DiffSide, columnsFrom: ColumnsFrom = 'yaml'): ProjectDiff {
  const names = [...new Set([...base.models.keys(), ...head.models.keys()])].sort(byName);
  const changed = new Map<string, Omit<ModelChange, 'downstream'>>();
  for (const name of names) {
    const before = base.models.get(name);
    const after = head.models.get(name);
    const change = modelChange(name, before, after);
    if (change !== undefined) changed.set(name, change);
  }
  const readers = readersOf([base, head]);
  const models = [...changed.values()].map((c) => ({ ...c, downstream: downstreamOf([c.name], readers).filter((n) => !changed.has(n)) }));
  const downstream = downstreamOf([...changed.keys()], readers).filter((n) => !changed.has(n) && head.models.has(n));

  const singularKnown = base.singularTestsKnown && head.singularTestsKnown;
  const testIds = [...new Set([...base.tests.keys(), ...head.tests.keys()])].filter((id) => singularKnown || !id.startsWith('singular: ')).sort(byName);
  const tests: TestChange[] = [];
  for (const id of testIds) {
    const before = base.tests.get(id);
    const after = head.tests.get(id);
    const kind: ModelChangeKind | undefined = before === undefined ? 'added' : after === undefined ? 'removed' : before.definition === after.definition ? undefined : 'modified';
    const model = (after ?? before)?.model;
    if (kind !== undefined) tests.push({ id, kind, ...(model === undefined ? {} : { model }) });
  }

  const checks: CheckChange[] = [];
  if (base.dataQuality !== undefined && head.dataQuality !== undefined) {
    for (const check of [...new Set([...base.dataQuality.keys(), ...head.dataQuality.keys()])].sort(byName)) {
      const before = base.dataQuality.get(check);
      const after = head.dataQuality.get(check);
      if (before !== after) checks.push({ check, base: before, head: after });
    }
  }

  const notes: string[] = [];
  if (!singularKnown) notes.push(`Singular tests are not compared: ${base.singularTestsKnown ? head.label : base.label} is a manifest, which does not list them.`);
  if (base.dataQuality === undefined || head.dataQuality === undefined) notes.push(`Data-quality thresholds are not compared: ${base.dataQuality === undefined ? base.label : head.label} does not record them.`);
  if (base.targetName !== head.targetName && base.targetName !== '') {
    notes.push(`The base was compiled for target \`${base.targetName}\` and the head for \`${head.targetName}\`: relation names may differ in every model. Pass \`--target ${base.targetName}\` to compare like with like.`);
  }
  return { baseLabel: base.label, headLabel: head.label, columnsFrom, models, downstream, tests, checks, notes };
}

function modelChange(name: string, before: SideModel | undefined, after: SideModel | undefined): Omit<ModelChange, 'downstream'> | undefined {
  const columnsAdded = (after?.columns ?? []).filter((c) => !(before?.columns ?? []).includes(c));
  const columnsRemoved = (before?.columns ?? []).filter((c) => !(after?.columns ?? []).includes(c));
  const common = { name, columnsAdded, columnsRemoved, ...(before === undefined ? {} : { base: before }), ...(after === undefined ? {} : { head: after }) };
  if (after === undefined) return { ...common, kind: 'removed', path: before!.path, parts: [] };
  if (before === undefined) return { ...common, kind: 'added', path: after.path, parts: [] };
  const parts: ModelChange['parts'][number][] = [];
  const sameSql = before.sql !== undefined && after.sql !== undefined ? before.sql === after.sql : before.compiledChecksum === after.compiledChecksum;
  if (!sameSql) parts.push('sql');
  if (before.config !== after.config) parts.push('config');
  if (columnsAdded.length > 0 || columnsRemoved.length > 0 || before.columns.join('\n') !== after.columns.join('\n')) parts.push('columns');
  return parts.length === 0 ? undefined : { ...common, kind: 'modified', path: after.path, parts };
}

/** Model name -> the models that read it, on either side (a removed model's readers count too). */
function readersOf(sides: readonly DiffSide[]): Map<string, Set<string>> {
  const readers = new Map<string, Set<string>>();
  for (const side of sides) {
    for (const m of side.models.values()) {
      for (const upstream of m.dependsOn) {
        if (!readers.has(upstream)) readers.set(upstream, new Set());
        readers.get(upstream)!.add(m.name);
      }
    }
  }
  return readers;
}

/** Every model that reads one of `names`, directly or not, sorted (the names themselves left out). */
function downstreamOf(names: readonly string[], readers: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    for (const reader of readers.get(queue.pop()!) ?? []) {
      if (seen.has(reader)) continue;
      seen.add(reader);
      queue.push(reader);
    }
  }
  return [...seen].filter((n) => !names.includes(n)).sort(byName);
}
