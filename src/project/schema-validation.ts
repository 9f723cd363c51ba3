import { Ajv } from 'ajv';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject, SchemaObject, ValidateFunction } from 'ajv';
import { didYouMean } from '../errors/did-you-mean.js';
import { isErrorCode } from '../errors/error-codes.js';
import { PdbError } from '../errors/pdb-error.js';
import { pdbRoot } from './packages.js';
import { formatPath, locate } from './yaml-file.js';
import type { YamlFile, YamlPath } from './yaml-file.js';

/**
 * JSON-Schema validation of YAML files, with every ajv error turned into a located PdbError:
 * the offending key (unknown keys) or value (wrong type or value), and did-you-mean for typos.
 *
 * Two annotation keywords let a schema speak the user's language in these messages:
 * - `unknownKeyCode` / `unknownKeyWhat`: code and noun for an unknown key (e.g. "canonical column").
 * - `description` (standard): what a valid value looks like, for pattern and count errors.
 */
export type Validator = ValidateFunction;

// One compiler per process, made on first use; compiled validators are immutable functions.
let compiler: Ajv | undefined;

/** Every schema given to compileSchema, for the build to precompile (see precompile-schemas.ts). */
const registered: SchemaObject[] = [];

/** The compiler pdb validates with; the build makes its standalone code with the same options. */
export function newCompiler(options: { readonly code?: { readonly source: boolean } } = {}): Ajv {
  const made = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, ...options });
  made.addVocabulary(['unknownKeyCode', 'unknownKeyWhat']);
  return made;
}

/**
 * A validator for `schema`: the one the build precompiled for it (ajv's standalone code, made
 * from this very schema: an edited schema has another key, and is compiled here instead), or
 * one compiled on its first call, so a command that validates nothing pays nothing.
 */
export function compileSchema(schema: SchemaObject): Validator {
  registered.push(schema);
  let compiled: ValidateFunction | undefined;
  const validate = ((value: unknown) => {
    compiled ??= precompiledValidator(schema) ?? (compiler ??= newCompiler()).compile(schema);
    const valid = compiled(value);
    validate.errors = compiled.errors;
    return valid;
  }) as Validator;
  return validate;
}

export const registeredSchemas = (): readonly SchemaObject[] => registered;

/** The name of a schema's precompiled validator: a digest of the schema itself. */
export const precompiledName = (schema: SchemaObject, prefix = 'v'): string => `${prefix}_${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32)}`;

/** Where the build writes the precompiled validators (CommonJS, so they load synchronously). */
export const precompiledFile = (): string => join(pdbRoot(), 'dist', 'src', 'project', 'schemas', 'precompiled-validators.cjs');

let precompiled: Readonly<Record<string, ValidateFunction>> | null | undefined;

export function precompiledValidator(schema: SchemaObject, prefix = 'v'): ValidateFunction | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = createRequire(import.meta.url)(precompiledFile()) as Record<string, ValidateFunction>;
    } catch {
      precompiled = null;
    }
  }
  return precompiled?.[precompiledName(schema, prefix)];
}

/** A built-in plugin's config validator, precompiled by the build (compiled with the plugins' options). */
export const precompiledPluginValidator = (schema: SchemaObject): ValidateFunction | undefined => precompiledValidator(schema, 'plugin');

/**
 * Validates `value` (which sits at `base` inside `file`) and returns one error per problem,
 * in document order of their paths as ajv reports them.
 */
export function validateYaml(validator: Validator, file: YamlFile, value: unknown, base: YamlPath = []): PdbError[] {
  if (validator(value)) return [];
  const errors: PdbError[] = [];
  const seen = new Set<string>();
  for (const error of validator.errors ?? []) {
    // `if` only reports that its `then` branch failed; the branch's own errors say why.
    if (error.keyword === 'if') continue;
    const converted = convert(error, file, base);
    const key = `${converted.code}|${converted.location?.line}|${converted.location?.column}|${converted.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(converted);
  }
  return errors;
}

function convert(error: ErrorObject, file: YamlFile, base: YamlPath): PdbError {
  const path = [...base, ...pointerToPath(error.instancePath)];
  const subject = path.length === 0 ? 'the top level' : `'${formatPath(path)}'`;
  const parent = error.parentSchema ?? {};
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const allowed = Object.keys((parent['properties'] as Record<string, unknown> | undefined) ?? {});
      const what = typeof parent['unknownKeyWhat'] === 'string' ? parent['unknownKeyWhat'] : 'key';
      const code = isErrorCode(parent['unknownKeyCode']) ? parent['unknownKeyCode'] : 'E_UNKNOWN_KEY';
      const where = path.length === 0 ? '' : ` in ${subject}`;
      return new PdbError({
        code,
        message: `Unknown ${what} '${key}'${where}.${didYouMean(key, allowed)}`,
        location: locate(file, [...path, key], 'key'),
        hint: allowed.length === 0 ? `Remove '${key}'.` : `Allowed here: ${allowed.join(', ')}.`,
      });
    }
    case 'required': {
      const key = String(error.params['missingProperty']);
      return new PdbError({
        code: 'E_MISSING_KEY',
        message: `Missing required key '${key}' in ${subject}.`,
        location: locate(file, path, path.length === 0 ? 'value' : 'key'),
        hint: `Add '${key}:' here.`,
      });
    }
    case 'type': {
      const expected = describeTypes(error.params['type']);
      return new PdbError({
        code: 'E_WRONG_TYPE',
        message: `Expected ${expected} for ${subject}, found ${describeValue(error.data)}.`,
        location: locate(file, path, 'value'),
        hint: `Write ${expected} here.`,
      });
    }
    case 'enum':
    case 'const': {
      const allowed = (error.keyword === 'enum' ? (error.params['allowedValues'] as unknown[]) : [error.params['allowedValue']]).map(String);
      const found = error.data;
      return new PdbError({
        code: 'E_INVALID_VALUE',
        message: `Invalid value ${showValue(found)} for ${subject}: expected one of ${allowed.map((a) => `'${a}'`).join(', ')}.${typeof found === 'string' ? didYouMean(found, allowed) : ''}`,
        location: locate(file, path, 'value'),
        hint: `Use one of: ${allowed.join(', ')}.`,
      });
    }
    default: {
      const description = typeof parent['description'] === 'string' ? parent['description'] : undefined;
      const expected = description ?? describeKeyword(error);
      return new PdbError({
        code: 'E_INVALID_VALUE',
        message: `Invalid value ${showValue(error.data)} for ${subject}: expected ${expected}.`,
        location: locate(file, path, 'value'),
        hint: `Change the value to ${expected}.`,
      });
    }
  }
}

function describeKeyword(error: ErrorObject): string {
  const p = error.params;
  switch (error.keyword) {
    case 'pattern':
      return `a string matching ${String(p['pattern'])}`;
    case 'minimum':
      return `a number >= ${String(p['limit'])}`;
    case 'maximum':
      return `a number <= ${String(p['limit'])}`;
    case 'minItems':
      return `at least ${String(p['limit'])} item(s)`;
    case 'minProperties':
      return `at least ${String(p['limit'])} key(s)`;
    case 'maxProperties':
      return `at most ${String(p['limit'])} key(s)`;
    default:
      return `a value that ${error.message ?? 'is valid'}`;
  }
}

/** JSON pointer (`/models/0/name`) to path segments; all-digit segments are list indexes. */
function pointerToPath(pointer: string): YamlPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
  null: 'nothing (null)',
};

function describeTypes(type: unknown): string {
  const names = String(type)
    .split(',')
    .map((t) => TYPE_NAMES[t] ?? t);
  return names.length <= 1 ? (names[0] ?? 'a value') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** A found value as a message shows it: `a string ("4")`, `a list`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string ("${value}")`;
    case 'number':
      return Number.isInteger(value) ? `an integer (${value})` : `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** A found value inside a sentence: `'tabel'`, `0`, `(a list)`. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '(a list)';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return '(a mapping)';
  return String(value);
}
