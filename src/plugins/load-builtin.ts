import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PdbError } from '../errors/pdb-error.js';
import { builtinPluginDir, importPlugin } from './import-plugin.js';
import type { LoadedPlugin } from './load-plugins.js';

/**
 * Loads one built-in plugin by name (`plugins/<name>.ts`), the way project.yml's `- name:` does,
 * for commands that always use a built-in (e.g. `pdb infer` and the `infer` plugin).
 */
export async function loadBuiltinPlugin(name: string, config: Readonly<Record<string, unknown>> = {}): Promise<LoadedPlugin> {
  const path = join(builtinPluginDir(), `${name}.ts`);
  if (!existsSync(path)) {
    throw new PdbError({ code: 'E_PLUGIN_UNKNOWN', message: `there is no built-in plugin '${name}'.`, hint: 'Reinstall pdb: its plugins/ folder is incomplete.' });
  }
  const imported = await importPlugin(path);
  if (!imported.ok) {
    const why = imported.reason === 'load' ? `could not be loaded: ${imported.message}` : 'has no default export with a name';
    throw new PdbError({ code: imported.reason === 'load' ? 'E_PLUGIN_LOAD' : 'E_PLUGIN_INVALID', message: `built-in plugin ${name} ${why}.`, hint: 'This is a bug in pdb; please report it.' });
  }
  const plugin = imported.plugin;
  return { name: plugin.name, plugin, config, source: `builtin:${name}`, file: path };
}
