import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PdbError } from '../errors/pdb-error.js';
import type { SelectionState } from '../graph/select.js';
import type { ModelConfig, ModelId } from '../project/types.js';
import { configJson } from './manifest.js';
import { stableJson } from './stable-json.js';

/** What the selection needs to know of a model now, to compare with the previous run. */
export interface ModelNow {
  readonly rawChecksum: string;
  readonly config: ModelConfig;
}

/**
 * `--state DIR`: the artifacts of a previous run (its manifest.json, and run_results.json when
 * there) as a SelectionState. A model is modified when its SQL file or its config differ from the
 * manifest's; results map each model to its own status and those of its tests.
 */
export async function readSelectionState(dir: string, shownAs: string, now: ReadonlyMap<ModelId, ModelNow>): Promise<SelectionState> {
  const manifest = await readStateManifest(dir, shownAs) as { models?: Record<string, { checksums?: { raw_sql?: string }; config?: unknown }> };
  const results = (await readJson(join(dir, 'run_results.json'), `${shownAs}/run_results.json`, false)) as { results?: { kind?: string; name?: string; model?: string; status?: string }[] } | undefined;
  const before = manifest.models ?? {};
  const statuses = new Map<string, string[]>();
  for (const r of results?.results ?? []) {
    const model = r.kind === 'model' ? r.name : r.kind === 'test' ? r.model : undefined;
    if (model === undefined || r.status === undefined) continue;
    statuses.set(model, [...(statuses.get(model) ?? []), r.status]);
  }
  return {
    changeOf(id) {
      const previous = before[id];
      const current = now.get(id);
      if (previous === undefined) return 'new';
      if (current === undefined) return undefined;
      const sameSql = previous.checksums?.raw_sql === current.rawChecksum;
      const sameConfig = stableJson(previous.config) === stableJson(JSON.parse(JSON.stringify(configJson(current.config))));
      return sameSql && sameConfig ? undefined : 'modified';
    },
    resultsOf: (id) => statuses.get(id) ?? [],
  };
}

/** A previous run's manifest.json, parsed; a clear error when the folder has none or it is not JSON. */
export async function readStateManifest(dir: string, shownAs: string): Promise<unknown> {
  return readJson(join(dir, 'manifest.json'), `${shownAs}/manifest.json`, true);
}

async function readJson(path: string, shownAs: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (!required) return undefined;
    throw new PdbError({ code: 'E_STATE_DIR', message: `--state: there is no ${shownAs}.`, hint: 'Point --state at the target/ folder of an earlier compile or build (it holds manifest.json), e.g. a copy of production\'s artifacts.', location: { file: '--state' } });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PdbError({ code: 'E_STATE_DIR', message: `--state: ${shownAs} is not valid JSON: ${(error as Error).message}`, hint: 'Use the artifacts of a pdb run as written, unedited.', location: { file: shownAs } });
  }
}
