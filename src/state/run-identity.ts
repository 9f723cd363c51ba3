import type { Adapter } from '../adapters/adapter.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledTest } from '../compile/compiled-test.js';
import type { LoadedProject } from '../project/types.js';
import { PDB_VERSION } from '../version.js';
import { runHash } from './run-hash.js';
import type { FileDigests } from './source-fingerprint.js';

/** A run's identity: its hash and the fingerprints of the sources it reads, by `source.table`. */
export interface RunIdentity {
  readonly runHash: string;
  readonly sources: ReadonlyMap<string, string | null>;
  /** Each file or shard's digest, for the sources made of several (SourceFingerprint.parts). */
  readonly sourceParts: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Fingerprints the sources the run's models read and hashes everything that decides the run's
 * results. `renderLocation` renders a source's declared location (it may use var() and env_var());
 * undefined when it cannot be rendered (the source then has no fingerprint).
 */
export async function runIdentity(
  command: string,
  project: LoadedProject,
  models: readonly CompiledModel[],
  tests: readonly CompiledTest[],
  adapter: Adapter,
  renderLocation: (text: string, file: string) => string | undefined,
  files?: FileDigests,
): Promise<RunIdentity> {
  const sources = new Map<string, string | null>();
  const sourceParts = new Map<string, ReadonlyMap<string, string>>();
  for (const key of [...new Set(models.flatMap((m) => m.dependsOn.sources))].sort()) {
    const source = project.sources.find((s) => `${s.sourceName}.${s.name}` === key);
    const render = (text: string): string => {
      const rendered = renderLocation(text, source!.location.file);
      if (rendered === undefined) throw new Error(`the location of source ${key} cannot be rendered`);
      return rendered;
    };
    const fingerprint = source === undefined || adapter.fingerprintSource === undefined ? null : await adapter.fingerprintSource(source, render, files).catch(() => null);
    sources.set(key, fingerprint?.digest ?? null);
    if (fingerprint?.parts !== undefined) sourceParts.set(key, fingerprint.parts);
  }
  // Where the target builds decides the results; credentials, limits and threads do not.
  const { keyfile: _k, threads: _t, memoryLimit: _m, maximumBytesBilled: _b, maxBuildBytes: _x, ...where } = project.target as unknown as Record<string, unknown>;
  const hash = runHash({
    pdbVersion: PDB_VERSION,
    command,
    target: where,
    mapping: project.mapping === undefined ? null : { ...project.mapping, file: undefined },
    vars: project.vars,
    models: Object.fromEntries(models.map((m) => [m.name, m.compiledChecksum])),
    tests: Object.fromEntries(tests.map((t) => [t.id, t.sql])),
    sources: Object.fromEntries(sources),
  });
  return { runHash: hash, sources, sourceParts };
}
