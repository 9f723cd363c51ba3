import { posix } from 'node:path';
import type { PdbError } from '../errors/pdb-error.js';
import type { PluginDecl, ProjectConfig } from './types.js';
import { compileSchema, validateYaml } from './schema-validation.js';
import { PACKAGE_SCHEMA, PROJECT_SCHEMA } from './schemas/project-schema.js';
import { locate, parseYamlFile } from './yaml-file.js';
import type { YamlFile } from './yaml-file.js';

export const PROJECT_FILE = 'project.yml';

/** Where runs, fingerprints, findings and feedback are kept: outside target/, so a clean keeps them. */
export const DEFAULT_STATE_PATH = '.pdb/state.duckdb';

const validateProject = compileSchema(PROJECT_SCHEMA);
const validatePackage = compileSchema(PACKAGE_SCHEMA);

/** Where the mapping comes from: its own file, or inline in project.yml. */
export type MappingRef =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'inline'; readonly value: Readonly<Record<string, unknown>> };

/** project.yml, read as far as it is valid (defaults fill in what is missing or wrong). */
export interface ProjectFile {
  readonly yaml: YamlFile;
  readonly config: ProjectConfig;
  /** Paths written in project.yml (not defaults): a missing folder there is a mistake. */
  readonly declaredPaths: { readonly models: boolean; readonly macros: boolean; readonly tests: boolean };
  readonly profileTarget?: string;
  readonly mapping?: MappingRef;
  /** The raw `models:` folder config tree. */
  readonly folderConfig: Readonly<Record<string, unknown>>;
  /** `packages:`: the built-in packages the project uses; absent means the default (core). */
  readonly packages?: readonly string[];
}

/**
 * Reads project.yml, or a package's package.yml (`kind: 'package'`, named by its path for
 * errors): the same keys, less those only a project has (mapping, target, packages).
 */
export function parseProjectFile(text: string, kind: 'project' | 'package' = 'project', fileName: string = PROJECT_FILE): { project: ProjectFile; errors: PdbError[] } {
  const parsed = parseYamlFile(fileName, text);
  const errors = [...parsed.errors];
  const value = parsed.file.value;
  if (parsed.errors.length === 0) errors.push(...validateYaml(kind === 'project' ? validateProject : validatePackage, parsed.file, value ?? null));
  const raw = isRecord(value) ? value : {};
  const config: ProjectConfig = {
    name: typeof raw['name'] === 'string' ? raw['name'] : '',
    modelPaths: pathList(raw['model-paths'], 'models'),
    macroPaths: pathList(raw['macro-paths'], 'macros'),
    pluginPaths: pathList(raw['plugin-paths'], 'plugins'),
    testPaths: pathList(raw['test-paths'], 'tests'),
    targetPath: typeof raw['target-path'] === 'string' && raw['target-path'] !== '' ? cleanPath(raw['target-path']) : 'target',
    statePath: typeof raw['state-path'] === 'string' && raw['state-path'] !== '' ? cleanPath(raw['state-path']) : DEFAULT_STATE_PATH,
    vars: isRecord(raw['vars']) ? raw['vars'] : {},
    plugins: [...pluginDecls(parsed.file, raw['plugins']), ...insightsShorthand(parsed.file, raw['insights'])],
    dataQuality: isRecord(raw['data-quality']) ? raw['data-quality'] : {},
    ...productCategory(raw['product']),
  };
  const mappingValue = raw['mapping'];
  const mapping: MappingRef | undefined =
    typeof mappingValue === 'string'
      ? { kind: 'file', path: cleanPath(mappingValue) }
      : isRecord(mappingValue)
        ? { kind: 'inline', value: mappingValue }
        : undefined;
  const project: ProjectFile = {
    yaml: parsed.file,
    config,
    declaredPaths: { models: Array.isArray(raw['model-paths']), macros: Array.isArray(raw['macro-paths']), tests: Array.isArray(raw['test-paths']) },
    ...(typeof raw['profile-target'] === 'string' ? { profileTarget: raw['profile-target'] } : {}),
    ...(mapping === undefined ? {} : { mapping }),
    folderConfig: isRecord(raw['models']) ? raw['models'] : {},
    ...(Array.isArray(raw['packages']) ? { packages: raw['packages'].filter((p): p is string => typeof p === 'string') } : {}),
  };
  return { project, errors };
}

const CATEGORIES = ['mobile_game', 'consumer_app', 'web_saas', 'subscription'] as const;

function productCategory(value: unknown): Pick<ProjectConfig, 'productCategory'> {
  const category = isRecord(value) ? value['category'] : undefined;
  const known = CATEGORIES.find((c) => c === category);
  return known === undefined ? {} : { productCategory: known };
}

function pathList(value: unknown, fallback: string): readonly string[] {
  if (!Array.isArray(value)) return [fallback];
  return value.filter((v): v is string => typeof v === 'string' && v !== '').map(cleanPath);
}

/** `./models/` and `models` are the same folder: keep one spelling so paths compare equal. */
export function cleanPath(p: string): string {
  const normal = posix.normalize(p.replace(/\\/g, '/'));
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `insights: {...}` is short for declaring the built-in insights plugin with that config. */
function insightsShorthand(file: YamlFile, value: unknown): PluginDecl[] {
  if (!isRecord(value)) return [];
  const at = locate(file, ['insights']);
  return [{ name: 'insights', config: value, location: { file: at.file, line: at.line ?? 1, column: at.column ?? 1 } }];
}

function pluginDecls(file: YamlFile, value: unknown): PluginDecl[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown, i): PluginDecl[] => {
    if (!isRecord(item)) return [];
    const at = locate(file, ['plugins', i]);
    return [{
      ...(typeof item['name'] === 'string' ? { name: item['name'] } : {}),
      ...(typeof item['path'] === 'string' ? { path: cleanPath(item['path']) } : {}),
      config: isRecord(item['config']) ? item['config'] : {},
      location: { file: at.file, line: at.line ?? 1, column: at.column ?? 1 },
    }];
  });
}
