/**
 * The build precompiles the validators of every YAML schema and of the built-in plugins' configs
 * (ajv's standalone code), so a command loads them instead of compiling them. Each must say
 * exactly what the validator compiled at run time says, errors included.
 */
import type { SchemaObject } from 'ajv';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import '../../src/api.js';
import { loadBuiltinPlugin } from '../../src/plugins/load-builtin.js';
import { newPluginCompiler } from '../../src/plugins/load-plugins.js';
import { newCompiler, precompiledPluginValidator, precompiledValidator, registeredSchemas } from '../../src/project/schema-validation.js';

/** Values that break most schemas in different ways (wrong types, unknown keys, bad strings). */
const VALUES: unknown[] = [
  {}, 5, 'text', [], null, { name: 5 }, { name: 'Bad Name', unknown_key: 1 }, { source: 'x', columns: { user_id: 3 } },
  { targets: { dev: { type: 'duckdb', path: 3 } } }, { models: [{ name: 'm', columns: [{ name: 1 }] }] }, { llm: { model: '' } }, { top: 99, fdr: 2 },
  { benchmarks: 'file.txt' }, { freshness_hours: -1 },
];

function sameAnswers(precompiled: (value: unknown) => boolean, compiled: (value: unknown) => boolean, schema: SchemaObject): void {
  for (const value of VALUES) {
    const fast = precompiled(value);
    const fastErrors = (precompiled as unknown as { errors: unknown }).errors;
    assert.is(fast, compiled(value), `${JSON.stringify(value)} against ${JSON.stringify(schema).slice(0, 80)}`);
    assert.equal(fastErrors, (compiled as unknown as { errors: unknown }).errors);
  }
}

test('every YAML schema has a precompiled validator that answers as the compiled one does', () => {
  const schemas = registeredSchemas();
  assert.ok(schemas.length >= 6, `${schemas.length} schemas`);
  for (const schema of schemas) {
    const precompiled = precompiledValidator(schema);
    assert.ok(precompiled !== undefined, `no precompiled validator for ${JSON.stringify(schema).slice(0, 80)}`);
    sameAnswers(precompiled, newCompiler().compile(schema), schema);
  }
});

test("the built-in plugins' config schemas are precompiled too", async () => {
  for (const name of ['qa', 'insights']) {
    const schema = (await loadBuiltinPlugin(name)).plugin.configSchema as SchemaObject;
    const precompiled = precompiledPluginValidator(schema);
    assert.ok(precompiled !== undefined, name);
    sameAnswers(precompiled, newPluginCompiler().compile(schema), schema);
  }
});

test('an edited schema has no precompiled validator (it is compiled at run time instead)', () => {
  const [first] = registeredSchemas();
  assert.is(precompiledValidator({ ...first, description: 'edited' }), undefined);
});

test.run();
