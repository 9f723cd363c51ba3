import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { closest as closestOf } from '../errors/did-you-mean.js';
import { PdbError, PdbErrors, throwIfAny } from '../errors/pdb-error.js';
import type { EnvLookup } from './env-var.js';
import { buildFolderConfig, folderLayers } from './folder-config.js';
import { checkDateVars } from './date-vars.js';
import { readMapping } from './mapping.js';
import { mergeConfig } from './model-config.js';
import { collectModelFiles } from './model-files.js';
import type { ModelFile } from './model-files.js';
import { readModelYaml } from './model-yaml.js';
import type { ModelDoc } from './model-yaml.js';
import { resolveTarget } from './profiles.js';
import { PROJECT_FILE, parseProjectFile } from './project-file.js';
import type { ProjectFile } from './project-file.js';
import { compare, findFiles, projectRelative, readTexts } from './read-files.js';
import type { FoundFile } from './read-files.js';
import { modelId } from './types.js';
import type { LoadedProject, Mapping, ParsedModel, SourceTable } from './types.js';
import { locate, parseYamlFile } from './yaml-file.js';

export interface LoadProjectOptions {
  /** The project directory (holds project.yml). */
  readonly dir: string;
  /** `--target`: a target name in profiles.yml. */
  readonly target?: string;
  /** `--vars`: override project vars. */
  readonly vars?: Readonly<Record<string, unknown>>;
  /** Where profiles.yml is; default the project directory. */
  readonly profilesDir?: string;
  /** For env_var() in profiles.yml; default process.env. */
  readonly env?: EnvLookup;
}

/**
 * The project stage: reads project.yml, profiles.yml, the mapping, every model and macro file,
 * validates them all and returns the project as plain data. Every mistake found is collected
 * and thrown together as one PdbErrors.
 */
export async function loadProject(options: LoadProjectOptions): Promise<LoadedProject> {
  const dir = path.resolve(options.dir);
  const projectText = await readOptional(path.join(dir, PROJECT_FILE));
  if (projectText === undefined) {
    throw new PdbErrors([
      new PdbError({
        code: 'E_PROJECT_MISSING',
        message: `No ${PROJECT_FILE} in ${dir}.`,
        hint: `Run pdb in a project directory (one that holds ${PROJECT_FILE}), or give the path of one.`,
      }),
    ]);
  }
  const { project, errors } = parseProjectFile(projectText);
  const config = project.config;
  const profilesPath = path.resolve(options.profilesDir ?? dir, 'profiles.yml');
  const mappingRef = project.mapping;

  // Everything is read at once; the checks below are synchronous and cheap.
  const [modelFiles, macroFiles, testFiles, profilesText, mappingText] = await Promise.all([
    readFolders(dir, project, 'models', ['.sql', '.yml', '.yaml'], errors),
    readFolders(dir, project, 'macros', ['.sql'], errors),
    readFolders(dir, project, 'tests', ['.sql'], errors),
    readOptional(profilesPath),
    mappingRef?.kind === 'file' ? readOptional(path.resolve(dir, mappingRef.path)) : Promise.resolve(undefined),
  ]);

  const sqlFiles = modelFiles.filter((f) => f.path.endsWith('.sql'));
  const collected = collectModelFiles(sqlFiles);
  errors.push(...collected.errors);

  const docs: ModelDoc[] = [];
  const sources: SourceTable[] = [];
  for (const file of modelFiles) {
    if (file.path.endsWith('.sql')) continue;
    const read = readModelYaml(file.path, file.text);
    errors.push(...read.errors);
    docs.push(...read.yaml.docs);
    sources.push(...read.yaml.sources);
  }
  errors.push(...duplicateSources(sources));
  sources.sort((a, b) => compare(a.sourceName, b.sourceName) || compare(a.name, b.name) || compare(a.location.file, b.location.file));

  const folders = buildFolderConfig(project.folderConfig, collected.models.map((m) => m.folders), project.yaml);
  errors.push(...folders.errors);
  const docOf = attachDocs(collected.models, docs, errors);
  const models: ParsedModel[] = collected.models.map((m) => {
    const doc = docOf.get(m.name);
    const layers = folderLayers(folders.config, m.folders);
    return {
      id: modelId(m.name),
      name: m.name,
      path: m.path,
      folders: m.folders,
      rawSql: m.rawSql,
      ...(doc === undefined ? {} : { yamlPath: doc.yamlPath }),
      ...(doc?.description === undefined ? {} : { description: doc.description }),
      columns: doc?.columns ?? [],
      tests: doc?.tests ?? [],
      config: mergeConfig(doc === undefined ? layers : [...layers, doc.config]),
    };
  });

  let mapping: Mapping | undefined;
  if (mappingRef?.kind === 'inline') {
    const read = readMapping(project.yaml, mappingRef.value, ['mapping'], sources);
    errors.push(...read.errors);
    mapping = read.mapping;
  } else if (mappingRef?.kind === 'file') {
    if (mappingText === undefined) {
      errors.push(
        new PdbError({
          code: 'E_MAPPING_FILE_MISSING',
          message: `The mapping file '${mappingRef.path}' does not exist.`,
          location: locate(project.yaml, ['mapping']),
          hint: 'Create the file, fix the path (relative to the project directory), or write the mapping inline.',
        }),
      );
    } else {
      const parsed = parseYamlFile(mappingRef.path, mappingText);
      errors.push(...parsed.errors);
      if (parsed.errors.length === 0) {
        const read = readMapping(parsed.file, parsed.file.value, [], sources);
        errors.push(...read.errors);
        mapping = read.mapping;
      }
    }
  }

  const resolved = resolveTarget({
    ...(profilesText === undefined ? {} : { profiles: { path: projectRelative(dir, profilesPath), text: profilesText } }),
    ...(options.target === undefined ? {} : { option: options.target }),
    ...(project.profileTarget === undefined
      ? {}
      : { profileTarget: { name: project.profileTarget, location: locate(project.yaml, ['profile-target']) } }),
    targetPath: config.targetPath,
    env: options.env ?? process.env,
  });
  errors.push(...resolved.errors);
  if (options.profilesDir !== undefined && profilesText === undefined) {
    // Asked for by name: falling back to the built-in target would build somewhere unexpected.
    errors.push(
      new PdbError({
        code: 'E_PROFILES_MISSING',
        message: `--profiles-dir points at ${options.profilesDir}, which holds no profiles.yml.`,
        location: { file: '--profiles-dir' },
        hint: 'Give the folder that holds profiles.yml, or leave --profiles-dir out to use the one in the project directory.',
      }),
    );
  }
  errors.push(...checkDateVars({ projectVars: config.vars, cliVars: options.vars, projectVarLocation: (name) => locate(project.yaml, ['vars', name]) }));

  throwIfAny(sortErrors(errors));
  const target = resolved.target;
  if (target === undefined) {
    // Unreachable when profiles.yml is valid; kept so a gap in the checks is still a clear error.
    throw new PdbErrors([new PdbError({ code: 'E_TARGET_NONE', message: 'No target could be selected.', hint: 'Pass --target.' })]);
  }
  return {
    dir,
    config,
    target,
    mapping,
    sources,
    models,
    macros: macroFiles.map((f) => ({ path: f.path, text: f.text })),
    singularTests: testFiles.map((f) => ({ path: f.path, text: f.text })),
    vars: { ...config.vars, ...(options.vars ?? {}) },
  };
}

/** The files under every model (or macro) path, with their text, sorted by path. */
async function readFolders(
  dir: string,
  project: ProjectFile,
  kind: 'models' | 'macros' | 'tests',
  extensions: readonly string[],
  errors: PdbError[],
): Promise<(FoundFile & { readonly text: string })[]> {
  const paths = { models: project.config.modelPaths, macros: project.config.macroPaths, tests: project.config.testPaths }[kind];
  const scans = await Promise.all(paths.map((p) => findFiles(dir, p, extensions, [project.config.targetPath])));
  const byPath = new Map<string, FoundFile>();
  scans.forEach((found, i) => {
    if (found === undefined) {
      if (project.declaredPaths[kind]) {
        const key = `${kind === 'models' ? 'model' : kind === 'macros' ? 'macro' : 'test'}-paths`;
        errors.push(
          new PdbError({
            code: 'E_PATH_MISSING',
            message: `The folder '${paths[i]}' in '${key}' does not exist.`,
            location: locate(project.yaml, [key, i]),
            hint: `Create the folder or remove it from '${key}'.`,
          }),
        );
      }
      return;
    }
    // Overlapping paths (e.g. models and models/sub) would otherwise read a file twice.
    for (const f of found) if (!byPath.has(f.path)) byPath.set(f.path, f);
  });
  const files = [...byPath.values()].sort((a, b) => compare(a.path, b.path));
  const texts = await readTexts(dir, files.map((f) => f.path));
  const out: (FoundFile & { readonly text: string })[] = [];
  texts.forEach((result, i) => {
    if (result.ok) out.push({ ...(files[i] as FoundFile), text: result.text });
    else errors.push(result.error);
  });
  return out;
}

/** Each YAML doc to its model: unknown names and second docs of one model are errors. */
function attachDocs(models: readonly ModelFile[], docs: readonly ModelDoc[], errors: PdbError[]): Map<string, ModelDoc> {
  const names = models.map((m) => m.name);
  const known = new Set(names);
  const docOf = new Map<string, ModelDoc>();
  for (const doc of docs) {
    if (!known.has(doc.name)) {
      const suggestion = closestName(doc.name, names);
      errors.push(
        new PdbError({
          code: 'E_YAML_UNKNOWN_MODEL',
          message: `${doc.yamlPath} documents model '${doc.name}', but there is no ${doc.name}.sql under the model paths.${suggestion}`,
          location: doc.nameLocation,
          hint: 'Fix the name, or create the model file, or remove this entry.',
        }),
      );
      continue;
    }
    const first = docOf.get(doc.name);
    if (first !== undefined) {
      errors.push(
        new PdbError({
          code: 'E_YAML_DUPLICATE_DOC',
          message: `Model '${doc.name}' is documented twice: at ${where(first)} and at ${where(doc)}.`,
          location: doc.nameLocation,
          hint: 'Keep one entry for the model and merge the other into it.',
        }),
      );
      continue;
    }
    docOf.set(doc.name, doc);
  }
  return docOf;
}

function where(doc: ModelDoc): string {
  const l = doc.nameLocation;
  return `${l.file}:${l.line ?? 1}:${l.column ?? 1}`;
}

function closestName(name: string, names: readonly string[]): string {
  const match = closestOf(name, names);
  return match === undefined ? '' : ` Did you mean '${match}'?`;
}

function duplicateSources(sources: readonly SourceTable[]): PdbError[] {
  const seen = new Map<string, SourceTable>();
  const errors: PdbError[] = [];
  for (const s of sources) {
    const key = `${s.sourceName}.${s.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, s);
      continue;
    }
    errors.push(
      new PdbError({
        code: 'E_SOURCE_DUPLICATE',
        message: `Source table '${key}' is declared twice: at ${first.location.file}:${first.location.line}:${first.location.column} and here.`,
        location: s.location,
        hint: 'Declare each source table once.',
      }),
    );
  }
  return errors;
}

/** By file, then line and column: the order a reader goes through the project. Unlocated first. */
function sortErrors(errors: readonly PdbError[]): PdbError[] {
  return [...errors].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    if (la === undefined || lb === undefined) return (la === undefined ? 0 : 1) - (lb === undefined ? 0 : 1);
    return compare(la.file, lb.file) || (la.line ?? 0) - (lb.line ?? 0) || (la.column ?? 0) - (lb.column ?? 0);
  });
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PdbErrors([
      new PdbError({
        code: 'E_FILE_READ',
        message: `Cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}.`,
        hint: 'Check that the file is readable.',
        cause,
      }),
    ]);
  }
}
