/**
 * Build step (scripts/bundle-cli.mjs): ajv's standalone code for every schema pdb validates its
 * YAML with, so that a command loads validators instead of compiling them (compiling the
 * project's schemas is most of the time it takes to load a project). Each validator is named by
 * a digest of its schema (schema-validation.ts); a schema without one is compiled at run time.
 */
import type { Ajv, SchemaObject } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { join } from 'node:path';
import { builtinPluginDir, importPlugin } from '../plugins/import-plugin.js';
import { newPluginCompiler } from '../plugins/load-plugins.js';
import '../data-quality/thresholds.js';
import './mapping.js';
import './model-yaml.js';
import './profiles.js';
import './project-file.js';
import { CONFIG_KEYS } from './config-keys.js';
import { compileSchema, newCompiler, precompiledName, registeredSchemas } from './schema-validation.js';

/** The CommonJS module of the precompiled validators, by name: the YAML schemas', then the built-in plugins' configs. */
export async function precompiledValidatorsSource(): Promise<string> {
  // The config keys' schemas are compiled on first use (config-validation.ts): register them too.
  for (const key of CONFIG_KEYS) compileSchema(key.schema);
  const plugins = await Promise.all(['qa', 'insights', 'infer'].map(async (name) => (await importPlugin(join(builtinPluginDir(), `${name}.ts`)))));
  const pluginSchemas = plugins.flatMap((p) => (p.ok && p.plugin.configSchema !== undefined ? [p.plugin.configSchema as SchemaObject] : []));
  // Each in a scope of its own: both number their functions and schemas from the same start.
  return [standaloneOf(newCompiler({ code: { source: true } }), registeredSchemas(), 'v'), standaloneOf(newPluginCompiler({ code: { source: true } }), pluginSchemas, 'plugin')]
    .map((code) => `(function (exports) {\n${code}\n})(exports);\n`)
    .join('');
}

function standaloneOf(ajv: Ajv, schemas: readonly SchemaObject[], prefix: string): string {
  const names: Record<string, string> = {};
  for (const schema of schemas) {
    const name = precompiledName(schema, prefix);
    if (names[name] !== undefined) continue;
    ajv.addSchema(schema, name);
    names[name] = name;
  }
  // A CommonJS module whose function is its `default` export.
  const standaloneCode = (standalone as unknown as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;
  return standaloneCode(ajv, names);
}
