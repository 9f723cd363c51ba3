import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinPluginDir, importPlugin } from './import-plugin.js';

/**
 * Which built-in plugin provides each data-test kind, for the plugins a project does not enable
 * (`enabled` names the loaded ones): so an unknown test kind can be blamed on the missing plugin.
 * Loaded only when a test kind is unknown; a plugin that fails to load is left out.
 */
export async function builtinTestKindsNotEnabled(enabled: ReadonlySet<string>): Promise<Map<string, string>> {
  const dir = builtinPluginDir();
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.ts') && !enabled.has(f.slice(0, -3)));
  const providers = new Map<string, string>();
  for (const file of files.sort()) {
    const imported = await importPlugin(join(dir, file));
    if (!imported.ok || enabled.has(imported.plugin.name)) continue;
    for (const kind of Object.keys(imported.plugin.testKinds ?? {})) if (!providers.has(kind)) providers.set(kind, imported.plugin.name);
  }
  return providers;
}
