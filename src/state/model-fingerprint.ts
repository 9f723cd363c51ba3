import { createHash } from 'node:crypto';
import { stableJson } from '../artifacts/stable-json.js';
import type { CompiledModel } from '../compile/compiled-model.js';

/**
 * What a model's table holds, as a digest of what decides it: its compiled SQL and
 * materialization, the fingerprints of the models it reads, and those of the sources it reads.
 * Undefined when any input is unknown (a source that could not be fingerprinted, an upstream
 * without a fingerprint): such a model is always rebuilt. Models come in build order.
 */
export function modelFingerprints(
  models: readonly CompiledModel[],
  sourceFingerprints: ReadonlyMap<string, string | null>,
  /** Fingerprints of upstream models outside this list (already built), by name. */
  outside: ReadonlyMap<string, string | undefined> = new Map(),
): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>(outside);
  for (const model of models) {
    const upstream = model.dependsOn.models.map((id) => result.get(id));
    const sources = model.dependsOn.sources.map((s) => sourceFingerprints.get(s) ?? null);
    if (upstream.some((f) => f === undefined) || sources.some((f) => f === null)) {
      result.set(model.name, undefined);
      continue;
    }
    const inputs = { sql: model.compiledChecksum, config: model.config, upstream, sources };
    result.set(model.name, createHash('sha256').update(stableJson(inputs)).digest('hex'));
  }
  return result;
}
