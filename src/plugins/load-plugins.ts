import { Ajv } from 'ajv';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, throwIfAny } from '../errors/pdb-error.js';
import { builtinPackage } from '../project/packages.js';
import type { LoadedProject, PluginDecl } from '../project/types.js';
import type { PdbPlugin } from './plugin-api.js';

export interface LoadedPlugin {
  readonly name: string;
  readonly plugin: PdbPlugin<unknown>;
  readonly config: Readonly<Record<string, unknown>>;
  /** The plugin file, relative to the project (or `builtin:<name>`). */
  readonly source: string;
}

/** pdb's own folder of built-in plugins: `plugins/` of its core package. */
export function builtinPluginDir(): string {
  return join(builtinPackage('core').dir, 'plugins');
}

/**
 * Loads the plugins project.yml declares: TypeScript files imported without a build step (tsx),
 * each checked for a default export with a name, and its config validated by its own JSON Schema.
 * Every problem of every plugin is reported together, at its line in project.yml.
 */
export async function loadPlugins(project: LoadedProject): Promise<LoadedPlugin[]> {
  const declared = project.config.plugins;
  if (declared.length === 0) return [];
  const { tsImport } = await import('tsx/esm/api');
  const errors: PdbError[] = [];
  const loaded: LoadedPlugin[] = [];
  for (const decl of declared) {
    const where = { file: decl.location.file, line: decl.location.line, column: decl.location.column };
    const file = await pluginFile(project, decl, where, errors);
    if (file === undefined) continue;
    let plugin: PdbPlugin<unknown> | undefined;
    try {
      const module = (await tsImport(pathToFileURL(file.path).href, import.meta.url)) as { default?: unknown };
      // Outside an ESM package, tsx loads the file as CommonJS: the export sits one level down.
      plugin = asPlugin(module.default) ?? asPlugin((module.default as { default?: unknown } | undefined)?.default);
    } catch (error) {
      errors.push(new PdbError({ code: 'E_PLUGIN_LOAD', message: `plugin ${file.label} could not be loaded: ${firstLine(error)}`, hint: 'Fix the plugin file: it must be valid TypeScript with a default export.', location: where, cause: error }));
      continue;
    }
    if (plugin === undefined) {
      errors.push(new PdbError({ code: 'E_PLUGIN_INVALID', message: `plugin ${file.label} has no default export with a name.`, hint: "Write `export default { name: 'my_plugin', ... } satisfies PdbPlugin` (types from 'pdb/plugin').", location: where }));
      continue;
    }
    if (loaded.some((p) => p.name === plugin.name)) {
      errors.push(new PdbError({ code: 'E_PLUGIN_DUPLICATE', message: `plugin '${plugin.name}' is declared twice.`, hint: 'Declare each plugin once.', location: where }));
      continue;
    }
    errors.push(...validateConfig(plugin, decl, where));
    loaded.push({ name: plugin.name, plugin, config: decl.config, source: file.label });
  }
  throwIfAny(errors);
  return loaded;
}

async function pluginFile(project: LoadedProject, decl: PluginDecl, where: { file: string; line: number; column: number }, errors: PdbError[]): Promise<{ path: string; label: string } | undefined> {
  if (decl.path !== undefined) {
    const path = join(project.dir, decl.path);
    if (existsSync(path)) return { path, label: decl.path };
    errors.push(new PdbError({ code: 'E_PLUGIN_MISSING', message: `plugin file ${decl.path} does not exist.`, hint: 'Give the path of a .ts file relative to the project directory.', location: where }));
    return undefined;
  }
  if (decl.name !== undefined) {
    const dir = builtinPluginDir();
    const path = join(dir, `${decl.name}.ts`);
    if (existsSync(path)) return { path, label: `builtin:${decl.name}` };
    const builtins = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
    errors.push(new PdbError({ code: 'E_PLUGIN_UNKNOWN', message: `there is no built-in plugin '${decl.name}'.${didYouMean(decl.name, builtins)}`, hint: `Built-in plugins: ${builtins.join(', ') || 'none'}; a project plugin is declared with path:.`, location: where }));
    return undefined;
  }
  errors.push(new PdbError({ code: 'E_PLUGIN_DECL', message: 'a plugin needs `name:` (built-in) or `path:` (a project file).', hint: 'Write - name: qa, or - path: plugins/my_checks.ts', location: where }));
  return undefined;
}

function asPlugin(value: unknown): PdbPlugin<unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? (value as PdbPlugin<unknown>) : undefined;
}

function validateConfig(plugin: PdbPlugin<unknown>, decl: PluginDecl, where: { file: string; line: number; column: number }): PdbError[] {
  if (plugin.configSchema === undefined) return [];
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(plugin.configSchema);
  if (validate(decl.config)) return [];
  return (validate.errors ?? []).map((e) => new PdbError({
    code: 'E_PLUGIN_CONFIG',
    message: `plugin '${plugin.name}' config${e.instancePath.replaceAll('/', '.') || ''} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? `: '${String((e.params as { additionalProperty?: string }).additionalProperty)}'` : ''}.`,
    hint: `See the plugin's configSchema for its options.`,
    location: where,
  }));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
}
