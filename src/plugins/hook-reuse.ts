import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stableJson } from '../artifacts/stable-json.js';
import type { StateStore } from '../state/state-store.js';
import type { HookRunRecord } from '../state/state-types.js';
import { PDB_VERSION } from '../version.js';

/**
 * What a run tells its afterRun hooks so that a hook which opted in (`afterRunInputs`) can be
 * skipped when nothing it reads changed since its last run that did not fail.
 */
export interface HookReuse {
  readonly store: StateStore;
  /** The store's key of the project and target (built relations and hook runs are per target). */
  readonly targetKey: string;
  readonly runId: string;
  /** What each model's table holds, by model name; a model without one makes the hook run. */
  readonly modelFingerprints: ReadonlyMap<string, string | undefined>;
  /** Inputs of every hook besides its own: the people's feedback in the knowledge base. */
  readonly shared: unknown;
  /** False with --no-cache or --full-refresh: hooks run (and their runs are still recorded). */
  readonly reuse: boolean;
}

/** The parts of a hook's key that pdb knows; the plugin adds what else it reads. */
export interface HookKeyParts {
  readonly plugin: string;
  /** The plugin file's text: an edit of the plugin runs the hook again. */
  readonly pluginFile: string;
  readonly config: unknown;
  readonly command: string | undefined;
  readonly product: unknown;
  readonly target: unknown;
  /** The vars the hook is given (e.g. which days retention reports). */
  readonly vars: unknown;
  /** The models the hook is given, in order. */
  readonly models: readonly string[];
  /** Statuses of the run's models and tests (a failed model leaves an older table behind). */
  readonly statuses: readonly (readonly [string, string])[];
  readonly declared: unknown;
}

/** The hook's key, or undefined when some model's content is unknown (the hook then always runs). */
export function hookKey(parts: HookKeyParts, reuse: HookReuse): string | undefined {
  const models = parts.models.map((name) => [name, reuse.modelFingerprints.get(name)] as const);
  if (models.some(([, fingerprint]) => fingerprint === undefined)) return undefined;
  const { pluginFile, models: _, ...rest } = parts;
  return digest(stableJson({ ...rest, pdbVersion: PDB_VERSION, pluginFile: digest(pluginFile), models, shared: reuse.shared }));
}

/**
 * The hook's last run, when it can stand for this one: the same key, and every artifact it wrote
 * still there with the same content (an artifact deleted or edited since makes the hook run).
 */
export async function reusableHookRun(reuse: HookReuse, hookId: string, key: string, projectDir: string): Promise<HookRunRecord | undefined> {
  const previous = await reuse.store.hookRun(reuse.targetKey, hookId);
  if (previous === undefined || previous.key !== key || previous.status === 'error') return undefined;
  const now = await artifactDigests(projectDir, Object.keys(previous.artifacts));
  for (const [path, sha] of Object.entries(previous.artifacts)) if (now[path] !== sha) return undefined;
  return previous;
}

/** sha256 of each file (path relative to the project); a file that cannot be read is left out. */
export async function artifactDigests(projectDir: string, paths: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of paths) {
    const content = await readFile(join(projectDir, path)).catch(() => undefined);
    if (content !== undefined) out[path] = digest(content);
  }
  return out;
}

const digest = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');
