import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readStateManifest } from '../artifacts/read-state.js';
import { stableJson } from '../artifacts/stable-json.js';
import { testsOf, type DiffSide, type SideModel } from './diff-side.js';

interface ManifestTest {
  readonly kind: string;
  readonly column?: string;
  readonly args?: Readonly<Record<string, unknown>>;
  readonly severity?: 'error' | 'warn';
}

interface ManifestModel {
  readonly path?: string;
  readonly config?: { readonly materialized?: string; readonly [key: string]: unknown };
  readonly depends_on?: { readonly models?: readonly string[] };
  readonly columns?: readonly { readonly name: string; readonly tests?: readonly ManifestTest[] }[];
  readonly tests?: readonly ManifestTest[];
  readonly checksums?: { readonly compiled_sql?: string | null };
}

/**
 * The base of `pdb diff --state DIR`: a previous run's artifacts folder (its manifest.json and
 * the compiled SQL files next to it). Singular tests and data-quality thresholds are not in a
 * manifest, so this side does not know them.
 */
export async function sideFromState(dir: string, shownAs: string): Promise<DiffSide> {
  const manifest = (await readStateManifest(dir, shownAs)) as { metadata?: { target?: { name?: string } }; models?: Record<string, ManifestModel> };
  const targetName = manifest.metadata?.target?.name ?? '';
  const models = new Map<string, SideModel>();
  const declared = [];
  for (const name of Object.keys(manifest.models ?? {}).sort()) {
    const m = manifest.models![name]!;
    const path = m.path ?? '';
    const sql = path === '' ? undefined : await readFile(join(dir, 'compiled', targetName, path), 'utf8').catch(() => undefined);
    models.set(name, {
      name,
      path,
      materialized: m.config?.materialized ?? '',
      sql,
      compiledChecksum: m.checksums?.compiled_sql ?? undefined,
      columns: (m.columns ?? []).map((c) => c.name),
      dependsOn: [...(m.depends_on?.models ?? [])],
      config: stableJson(m.config ?? {}),
    });
    const testOf = (t: ManifestTest) => ({ kind: t.kind, ...(t.column === undefined ? {} : { column: t.column }), args: t.args ?? {}, severity: t.severity ?? 'error' });
    declared.push({ name, columns: (m.columns ?? []).map((c) => ({ name: c.name, tests: (c.tests ?? []).map(testOf) })), tests: (m.tests ?? []).map(testOf) });
  }
  return { label: shownAs, targetName, models, tests: testsOf(declared), singularTestsKnown: false };
}
