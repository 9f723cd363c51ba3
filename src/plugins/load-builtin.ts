import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PdbError } from '../errors/pdb-error.js';
import { builtinPluginDir, type LoadedPlugin } from './load-plugins.js';
import type { PdbPlugin } from './plugin-api.js';

/**
 * Loads one built-in plugin by name (`plugins/<name>.ts`), the way project.yml's `- name:` does,
 * for commands that always use a built-in (e.g. `pdb infer` and the `infer` plugin).
 */
export async function loadBuiltinPlugin(name: string, config: Readonly<Record<string, unknown>> = {}): Promise<LoadedPlugin> {
  const path = join(builtinPluginDir(), `${name}.ts`);
  if (!existsSync(path)) {
    throw new PdbError({ code: 'E_PLUGIN_UNKNOWN', message: `there is no built-in plugin '${name}'.`, hint: 'Reinstall pdb: its plugins/ folder is incomplete.' });
  }
  const { tsImport } = await import('tsx/esm/api');
  const module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
  const candidate = [module.default, (module.default as { default?: unknown } | undefined)?.default].find((v) => typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string');
  if (candidate === undefined) {
    throw new PdbError({ code: 'E_PLUGIN_INVALID', message: `built-in plugin ${name} has no default export with a name.`, hint: 'This is a bug in pdb; please report it.' });
  }
  const plugin = candidate as PdbPlugin<unknown>;
  return { name: plugin.name, plugin, config, source: `builtin:${name}` };
}
