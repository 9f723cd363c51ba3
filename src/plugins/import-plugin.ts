import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PdbPlugin } from './plugin-api.js';

/** Why a plugin file gave no plugin: it did not load (with the place in the file, when known), or exports none. */
export type PluginImport =
  | { readonly ok: true; readonly plugin: PdbPlugin<unknown> }
  | { readonly ok: false; readonly reason: 'load'; readonly message: string; readonly line?: number; readonly column?: number }
  | { readonly ok: false; readonly reason: 'no-export' };

/**
 * The one way pdb imports a plugin file: TypeScript without a build step (tsx), the default
 * export unwrapped (outside an ESM package tsx loads the file as CommonJS, one level down), and a
 * failure as data: a syntax error keeps esbuild's message and its line and column in the file.
 */
export async function importPlugin(file: string): Promise<PluginImport> {
  let module: { default?: unknown };
  try {
    const compiled = compiledBuiltin(file);
    if (compiled !== undefined) {
      module = (await import(pathToFileURL(compiled).href)) as { default?: unknown };
    } else {
      const { tsImport } = await import('tsx/esm/api');
      module = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
    }
  } catch (error) {
    return { ok: false, reason: 'load', ...loadFailure(error, file) };
  }
  const plugin = asPlugin(module.default) ?? asPlugin((module.default as { default?: unknown } | undefined)?.default);
  return plugin === undefined ? { ok: false, reason: 'no-export' } : { ok: true, plugin };
}

/**
 * A built-in plugin is compiled with pdb (dist/core/plugins/...js): importing that skips tsx's
 * transform of every plugin file on each command (about half a second). A project's own plugins,
 * and a built-in whose source is newer than its compiled file, go through tsx.
 */
function compiledBuiltin(file: string): string | undefined {
  const root = packageRoot(dirname(fileURLToPath(import.meta.url)));
  if (root === undefined) return undefined;
  const sourceDir = join(root, 'core', 'plugins');
  if (!file.startsWith(`${sourceDir}/`)) return undefined;
  const compiled = join(root, 'dist', 'core', 'plugins', `${file.slice(sourceDir.length + 1).replace(/\.ts$/, '')}.js`);
  try {
    return statSync(compiled).mtimeMs >= statSync(file).mtimeMs ? compiled : undefined;
  } catch {
    return undefined;
  }
}

/** The folder holding the package.json above `start`, or undefined when there is none up to the root. */
export function packageRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** pdb's own folder of built-in plugins: `plugins/` of its core package (core/ beside its package.json). */
export function builtinPluginDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = packageRoot(here);
  if (root === undefined) throw new Error(`pdb is installed without its package.json (looked above ${here})`);
  return join(root, 'core', 'plugins');
}

function asPlugin(value: unknown): PdbPlugin<unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? (value as PdbPlugin<unknown>) : undefined;
}

/**
 * esbuild's "Transform failed with 1 error:" is only the heading: the errors follow as
 * `file:line:col: ERROR: what`. The first one in the plugin's own file is the one to show.
 */
function loadFailure(error: unknown, file: string): { message: string; line?: number; column?: number } {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (const line of lines) {
    const match = /^(.*):(\d+):(\d+): ERROR: (.*)$/.exec(line);
    if (match === null) continue;
    const [, at, row, column, what] = match;
    return at === file ? { message: what!, line: Number(row), column: Number(column) } : { message: `${what!} (at ${at}:${row}:${column})` };
  }
  // A runtime error while the module's top level runs: tsx runs it minified, so no line to give.
  return { message: lines[0] ?? 'unknown error' };
}
