import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import type { SourceLocation } from '../errors/pdb-error.js';
import { interpolateEnv, variablesUsed } from './env-var.js';
import type { EnvLookup } from './env-var.js';
import { isRecord } from './project-file.js';
import { compileSchema, validateYaml } from './schema-validation.js';
import { PROFILES_SCHEMA } from './schemas/profiles-schema.js';
import type { KeyfileOrigin, Target } from './types.js';
import { locate, parseYamlFile } from './yaml-file.js';
import type { YamlFile } from './yaml-file.js';

export const PROFILES_FILE = 'profiles.yml';

const validateProfiles = compileSchema(PROFILES_SCHEMA);

const MEMORY_LIMIT = /^\d+(\.\d+)?\s*([KMGT]i?)?B$/i;

export interface TargetInput {
  /** profiles.yml, if there is one; `path` as shown in messages. */
  readonly profiles?: { readonly path: string; readonly text: string };
  /** `--target` from the command line. */
  readonly option?: string;
  /** `profile-target` of project.yml, with where it is written. */
  readonly profileTarget?: { readonly name: string; readonly location: SourceLocation };
  /** Folder for the default DuckDB database file. */
  readonly targetPath: string;
  readonly env: EnvLookup;
}

interface Choice {
  readonly name: string;
  /** Where the name was chosen; undefined for the command line. */
  readonly location?: SourceLocation;
  readonly from: string;
}

/** Chooses and reads the target: --target, else profiles.yml `target:`, else project.yml `profile-target`. */
export function resolveTarget(input: TargetInput): { target: Target | undefined; keyfileOrigin?: KeyfileOrigin; errors: PdbError[] } {
  if (input.profiles === undefined) return builtInTarget(input);
  const parsed = parseYamlFile(input.profiles.path, input.profiles.text);
  const file = parsed.file;
  if (parsed.errors.length > 0) return { target: undefined, errors: [...parsed.errors] };
  const errors = validateYaml(validateProfiles, file, file.value ?? null);
  const root = isRecord(file.value) ? file.value : {};
  const targets = isRecord(root['targets']) ? root['targets'] : {};
  const names = Object.keys(targets);

  let choice: Choice | undefined;
  if (input.option !== undefined) choice = { name: input.option, from: '--target' };
  else if (typeof root['target'] === 'string') {
    const location = locate(file, ['target']);
    const value = interpolate(root['target'], input.env, location, errors);
    if (value === undefined) return { target: undefined, errors };
    choice = { name: value, location, from: `'target' in ${file.path}` };
  } else if (input.profileTarget !== undefined) {
    choice = { ...input.profileTarget, from: "'profile-target' in project.yml" };
  } else if (names.length === 1) {
    choice = { name: names[0] as string, from: 'the only target' };
  }
  if (choice === undefined) {
    if (names.length > 1) {
      errors.push(
        new PdbError({
          code: 'E_TARGET_NONE',
          message: `No target is selected and ${file.path} defines several: ${names.join(', ')}.`,
          location: { file: file.path, line: 1, column: 1 },
          hint: `Add 'target: <name>' to ${file.path}, or pass --target.`,
        }),
      );
    }
    return { target: undefined, errors };
  }
  const raw = targets[choice.name];
  if (!isRecord(raw)) {
    if (!Object.hasOwn(targets, choice.name)) errors.push(unknownTarget(choice, names, file.path));
    return { target: undefined, errors };
  }
  const target = readTarget(choice.name, raw, file, input, errors);
  const keyfile = raw['keyfile'];
  if (target?.type !== 'bigquery' || target.keyfile === undefined || typeof keyfile !== 'string') return { target, errors };
  const [variable] = variablesUsed(keyfile, input.env);
  return { target, keyfileOrigin: { location: locate(file, ['targets', choice.name, 'keyfile']), ...(variable === undefined ? {} : { variable }) }, errors };
}

function builtInTarget(input: TargetInput): { target: Target | undefined; errors: PdbError[] } {
  const choice: Choice =
    input.option !== undefined
      ? { name: input.option, from: '--target' }
      : input.profileTarget !== undefined
        ? { ...input.profileTarget, from: "'profile-target' in project.yml" }
        : { name: 'dev', from: 'the default' };
  if (choice.name !== 'dev') return { target: undefined, errors: [unknownTarget(choice, ['dev'], undefined)] };
  return { target: { type: 'duckdb', name: 'dev', path: `${input.targetPath}/pdb.duckdb`, schema: 'main' }, errors: [] };
}

function unknownTarget(choice: Choice, defined: readonly string[], profilesPath: string | undefined): PdbError {
  const where = profilesPath === undefined ? 'there is no profiles.yml, so the only target is the built-in' : `${profilesPath} defines`;
  return new PdbError({
    code: 'E_TARGET_UNKNOWN',
    message: `Target '${choice.name}' (from ${choice.from}) is not defined: ${where} ${defined.map((d) => `'${d}'`).join(', ')}.${didYouMean(choice.name, defined)}`,
    ...(choice.location === undefined ? {} : { location: choice.location }),
    hint: profilesPath === undefined ? `Create profiles.yml with a target '${choice.name}', or choose 'dev'.` : `Choose one of the defined targets, or add '${choice.name}' under 'targets:' in ${profilesPath}.`,
  });
}

function readTarget(name: string, raw: Record<string, unknown>, file: YamlFile, input: TargetInput, errors: PdbError[]): Target | undefined {
  const before = errors.length;
  const str = (key: string): string | undefined => {
    const value = raw[key];
    if (typeof value !== 'string') return undefined;
    return interpolate(value, input.env, locate(file, ['targets', name, key]), errors);
  };
  const int = (key: string): number | undefined => {
    const value = raw[key];
    return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
  };
  switch (raw['type']) {
    case 'duckdb': {
      const memoryLimit = str('memory_limit');
      if (memoryLimit !== undefined && !MEMORY_LIMIT.test(memoryLimit.trim())) {
        errors.push(
          new PdbError({
            code: 'E_INVALID_VALUE',
            message: `Invalid value '${memoryLimit}' for 'targets.${name}.memory_limit': expected a size such as 4GB or 512MB.`,
            location: locate(file, ['targets', name, 'memory_limit']),
            hint: 'Write a number followed by a unit: B, KB, MB, GB or TB.',
          }),
        );
      }
      const threads = int('threads');
      const target: Target = {
        type: 'duckdb',
        name,
        path: str('path') ?? `${input.targetPath}/pdb.duckdb`,
        schema: str('schema') ?? 'main',
        ...(threads === undefined ? {} : { threads }),
        ...(memoryLimit === undefined ? {} : { memoryLimit: memoryLimit.trim() }),
      };
      return errors.length > before ? undefined : target;
    }
    case 'bigquery': {
      const project = str('project');
      const dataset = str('dataset');
      const location = str('location');
      const keyfile = str('keyfile');
      const maximumBytesBilled = int('maximum_bytes_billed');
      const maxBuildBytes = int('max_build_bytes');
      if (project === undefined || dataset === undefined || errors.length > before) return undefined;
      return {
        type: 'bigquery',
        name,
        project,
        dataset,
        ...(location === undefined || location === '' ? {} : { location }),
        // An empty keyfile (e.g. an unset variable with default '') means Application Default Credentials.
        ...(keyfile === undefined || keyfile === '' ? {} : { keyfile }),
        ...(maximumBytesBilled === undefined ? {} : { maximumBytesBilled }),
        ...(maxBuildBytes === undefined ? {} : { maxBuildBytes }),
      };
    }
    default:
      return undefined; // reported by the schema
  }
}

function interpolate(value: string, env: EnvLookup, location: SourceLocation, errors: PdbError[]): string | undefined {
  const result = interpolateEnv(value, env);
  switch (result.kind) {
    case 'ok':
      return result.value;
    case 'missing':
      errors.push(
        new PdbError({
          code: 'E_ENV_VAR_MISSING',
          message: `Environment variable '${result.name}' is not set and env_var() gives no default.`,
          location,
          hint: `Set ${result.name} in the environment, or give a default: {{ env_var('${result.name}', 'default') }}.`,
        }),
      );
      return undefined;
    case 'malformed':
      errors.push(
        new PdbError({
          code: 'E_ENV_VAR_SYNTAX',
          message: `Cannot read '${result.expression}': profiles.yml only understands {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }}.`,
          location,
          hint: "Write {{ env_var('NAME') }} or {{ env_var('NAME', 'default') }}, with the name in quotes.",
        }),
      );
      return undefined;
    default: {
      const never: never = result;
      return never;
    }
  }
}
