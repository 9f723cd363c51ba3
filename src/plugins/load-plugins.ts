import { Ajv } from 'ajv';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { didYouMean } from '../errors/did-you-mean.js';
import { precompiledPluginValidator } from '../project/schema-validation.js';
import { PdbError, throwIfAny } from '../errors/pdb-error.js';
import type { LoadedProject, PluginDecl } from '../project/types.js';
import { builtinPluginDir, importPlugin } from './import-plugin.js';
import type { PdbPlugin } from './plugin-api.js';

export interface LoadedPlugin {
  readonly name: string;
  readonly plugin: PdbPlugin<unknown>;
  readonly config: Readonly<Record<string, unknown>>;
  /** The plugin file, relative to the project (or `builtin:<name>`). */
  readonly source: string;
  /** The plugin file on disk (its text is part of a reusable hook's key). */
  readonly file: string;
}

/**
 * Loads the plugins project.yml declares: TypeScript files imported without a build step (tsx),
 * each checked for a default export with a name, and its config validated by its own JSON Schema.
 * Every problem of every plugin is reported together, at its line in project.yml.
 */
export async function loadPlugins(project: LoadedProject): Promise<LoadedPlugin[]> {
  const declared = project.config.plugins;
  if (declared.length === 0) return [];
  const errors: PdbError[] = [];
  const loaded: LoadedPlugin[] = [];
  for (const decl of declared) {
    const where = { file: decl.location.file, line: decl.location.line, column: decl.location.column };
    const file = await pluginFile(project, decl, where, errors);
    if (file === undefined) continue;
    const imported = await importPlugin(file.path);
    if (!imported.ok) {
      switch (imported.reason) {
        case 'load': {
          // A project file's mistake is shown where it is; a built-in's at its declaration.
          const inFile = decl.path !== undefined && imported.line !== undefined;
          errors.push(new PdbError({
            code: 'E_PLUGIN_LOAD',
            message: `plugin ${file.label} could not be loaded: ${imported.message}`,
            hint: inFile ? `Fix the plugin file (declared at ${where.file}:${where.line}); it must be valid TypeScript with a default export.` : 'Fix the plugin file: it must be valid TypeScript with a default export.',
            location: inFile ? { file: decl.path!, line: imported.line!, ...(imported.column === undefined ? {} : { column: imported.column }) } : where,
          }));
          continue;
        }
        case 'no-export':
          errors.push(new PdbError({ code: 'E_PLUGIN_INVALID', message: `plugin ${file.label} has no default export with a name.`, hint: "Write `export default { name: 'my_plugin', ... } satisfies PdbPlugin` (types from 'pdb/plugin').", location: where }));
          continue;
      }
    }
    const plugin = imported.plugin;
    if (loaded.some((p) => p.name === plugin.name)) {
      errors.push(new PdbError({ code: 'E_PLUGIN_DUPLICATE', message: `plugin '${plugin.name}' is declared twice.`, hint: 'Declare each plugin once.', location: where }));
      continue;
    }
    errors.push(...validateConfig(plugin, decl, where));
    loaded.push({ name: plugin.name, plugin, config: decl.config, source: file.label, file: file.path });
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

// One compiler for every plugin's config schema: each new one compiles the meta-schema again.
let pluginAjv: Ajv | undefined;

/** The compiler of plugins' config schemas; the build precompiles the built-in plugins' with the same options. */
export const newPluginCompiler = (options: { readonly code?: { readonly source: boolean } } = {}): Ajv => new Ajv({ allErrors: true, strict: false, ...options });

function validateConfig(plugin: PdbPlugin<unknown>, decl: PluginDecl, where: { file: string; line: number; column: number }): PdbError[] {
  if (plugin.configSchema === undefined) return [];
  const validate = precompiledPluginValidator(plugin.configSchema) ?? (pluginAjv ??= newPluginCompiler()).compile(plugin.configSchema);
  if (validate(decl.config)) return [];
  return (validate.errors ?? []).map((e) => new PdbError({
    code: 'E_PLUGIN_CONFIG',
    message: `plugin '${plugin.name}' config${e.instancePath.replaceAll('/', '.') || ''} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? `: '${String((e.params as { additionalProperty?: string }).additionalProperty)}'` : ''}.`,
    hint: `See the plugin's configSchema for its options.`,
    location: where,
  }));
}
