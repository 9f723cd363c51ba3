import type { CompiledModel } from '../compile/compiled-model.js';
import { configJson } from '../artifacts/manifest.js';
import { stableJson } from '../artifacts/stable-json.js';
import type { DataTestDecl, LoadedProject } from '../project/types.js';

/** One model of one side of a diff, as plain data (from a compile, or from a manifest). */
export interface SideModel {
  readonly name: string;
  readonly path: string;
  readonly materialized: string;
  /** The compiled SQL; undefined when the side only knows its checksum (a state folder missing the file). */
  readonly sql: string | undefined;
  readonly compiledChecksum: string | undefined;
  /** The columns the model's YAML declares, in their order. */
  readonly columns: readonly string[];
  readonly dependsOn: readonly string[];
  /** The model's config as stable JSON, so a changed materialization or key shows. */
  readonly config: string;
}

/** A data test or a singular test, named as the run results name it; `definition` changes when the test does. */
export interface SideTest {
  readonly id: string;
  readonly model?: string;
  readonly definition: string;
}

/** What a side of the diff is made of; every collection is keyed by name. */
export interface DiffSide {
  /** Shown in the markdown, e.g. `origin/main` or `working tree`. */
  readonly label: string;
  readonly targetName: string;
  readonly models: ReadonlyMap<string, SideModel>;
  readonly tests: ReadonlyMap<string, SideTest>;
  /** Singular tests are in a compile of the project but not in a manifest. */
  readonly singularTestsKnown: boolean;
  /** The data-quality thresholds (stable JSON per check), when the side knows them. */
  readonly dataQuality?: ReadonlyMap<string, string>;
}

/** A side from the models compiled by this pdb (the working tree, or a git ref checked out into a temporary folder). */
export function sideFromCompile(label: string, project: LoadedProject, models: readonly CompiledModel[], dataQuality: ReadonlyMap<string, string>): DiffSide {
  const sideModels = new Map<string, SideModel>();
  for (const m of models) {
    sideModels.set(m.name, {
      name: m.name,
      path: m.path,
      materialized: m.config.materialized,
      sql: m.sql,
      compiledChecksum: m.compiledChecksum,
      columns: m.columns.map((c) => c.name),
      dependsOn: [...m.dependsOn.models],
      config: stableJson(configJson(m.config)),
    });
  }
  const tests = testsOf(models.map((m) => ({ name: m.name, columns: m.columns, tests: m.tests })));
  for (const file of project.singularTests) tests.set(singularId(file.path), { id: singularId(file.path), definition: file.text });
  return { label, targetName: project.target.name, models: sideModels, tests, singularTestsKnown: true, dataQuality };
}

/** The side with each model's columns as its built table has them (models not built keep their declared columns). */
export function withBuiltColumns(side: DiffSide, built: ReadonlyMap<string, readonly string[]>): DiffSide {
  const models = new Map([...side.models].map(([name, m]) => [name, built.has(name) ? { ...m, columns: built.get(name)! } : m]));
  return { ...side, models };
}

/** The base when the project did not exist yet at the base ref: every model is added. */
export function emptySide(label: string, targetName: string): DiffSide {
  return { label, targetName, models: new Map(), tests: new Map(), singularTestsKnown: true };
}

/** What a model declares of its tests, as a compile or a manifest has it. */
export interface DeclaredTests {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly tests: readonly Pick<DataTestDecl, 'kind' | 'column' | 'args' | 'severity'>[] }[];
  readonly tests: readonly Pick<DataTestDecl, 'kind' | 'column' | 'args' | 'severity'>[];
}

/**
 * The data tests models declare, with the ids the compiled tests get (kind__model__column, a
 * counter for repeats), so the diff names a test as `pdb test` and run_results.json do.
 */
export function testsOf(models: readonly DeclaredTests[]): Map<string, SideTest> {
  const tests = new Map<string, SideTest>();
  const seen = new Map<string, number>();
  for (const model of models) {
    const declared = [
      ...model.columns.flatMap((c) => c.tests.map((t) => ({ ...t, column: t.column ?? c.name }))),
      ...model.tests.map((t) => (t.column === undefined && typeof t.args['column_name'] === 'string' ? { ...t, column: t.args['column_name'] } : t)),
    ];
    for (const decl of declared) {
      const base = [decl.kind, model.name, decl.column].filter(Boolean).join('__');
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const id = count === 1 ? base : `${base}__${count}`;
      tests.set(id, { id, model: model.name, definition: stableJson({ args: decl.args, severity: decl.severity }) });
    }
  }
  return tests;
}

const singularId = (path: string): string => `singular: ${path}`;
