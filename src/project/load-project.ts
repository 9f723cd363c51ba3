import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, PdbErrors, throwIfAny, type SourceLocation } from '../errors/pdb-error.js';
import type { EnvLookup } from './env-var.js';
import { buildFolderConfig, folderLayers } from './folder-config.js';
import { checkDateVars } from './date-vars.js';
import { checkIncrementalVars } from './incremental-vars.js';
import { checkRetentionDayVars } from './retention-day-vars.js';
import { readMapping } from './mapping.js';
import { mergeConfig, type ConfigLayer } from './model-config.js';
import { collectModelFiles } from './model-files.js';
import type { ModelFile } from './model-files.js';
import { readModelYaml } from './model-yaml.js';
import { ModelYamlCache } from './model-yaml-cache.js';
import type { ModelDoc } from './model-yaml.js';
import { resolveTarget } from './profiles.js';
import { BUILTIN_PACKAGES, builtinPackage, DEFAULT_PACKAGES, PACKAGE_FILE, type BuiltinPackage, type PackageRef } from './packages.js';
import { isRecord, PROJECT_FILE, parseProjectFile } from './project-file.js';
import type { ProjectFile } from './project-file.js';
import { compare, findFiles, projectRelative, readTexts } from './read-files.js';
import type { FoundFile } from './read-files.js';
import { modelId } from './types.js';
import type { LoadedProject, MacroFile, Mapping, ParsedModel, ProjectConfig, SourceTable } from './types.js';
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
  /** Reuse model YAML files read before, unchanged, from target/cache (default false). */
  readonly cache?: boolean;
  /**
   * 'optional': a missing or broken mapping is not an error; the project loads without one
   * (`pdb infer` writes the mapping, so it must work before there is a good one). Default 'required'.
   */
  readonly mapping?: 'required' | 'optional';
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
  const profilesPath = path.resolve(options.profilesDir ?? dir, 'profiles.yml');
  const mappingRef = project.mapping;

  // Everything is read at once; the checks below are synchronous and cheap.
  const [own, packages, profilesText, mappingText] = await Promise.all([
    readPackageFiles(dir, project, '', errors),
    Promise.all(packagesOf(project).map((name) => readPackage(builtinPackage(name), errors))),
    readOptional(profilesPath),
    mappingRef?.kind === 'file' ? readOptional(path.resolve(dir, mappingRef.path)) : Promise.resolve(undefined),
  ]);
  const used = packages.filter((p): p is PackageFiles => p !== undefined);
  const config = mergedConfig(project, used);

  // A project's model replaces a package's model of the same name.
  const ownModels = collectModelFiles(own.models.filter((f) => f.path.endsWith('.sql')));
  errors.push(...ownModels.errors);
  const ownNames = new Set(ownModels.models.map((m) => m.name));
  const packageModels = used.map((p) => {
    const collected = collectModelFiles(p.models.filter((f) => f.path.endsWith('.sql')));
    errors.push(...collected.errors);
    return { files: p, all: collected.models, kept: collected.models.filter((m) => !ownNames.has(m.name)) };
  });

  const yamlCache = options.cache === true ? await ModelYamlCache.load(path.join(dir, config.targetPath, 'cache', 'model-yaml.json')) : undefined;
  const sources: SourceTable[] = [];
  const docsOf = (files: readonly (FoundFile & { readonly text: string })[]): ModelDoc[] =>
    files.flatMap((file) => {
      if (file.path.endsWith('.sql')) return [];
      const read = yamlCache === undefined ? readModelYaml(file.path, file.text) : yamlCache.read(file.path, file.text);
      errors.push(...read.errors);
      sources.push(...read.yaml.sources);
      return [...read.yaml.docs];
    });
  // The project's YAML may document (and configure, and test) a package's model too.
  const ownDocOf = attachDocs([...ownModels.models, ...packageModels.flatMap((p) => p.all)], docsOf(own.models), errors);
  const packageDocOf = new Map(packageModels.map((p) => [p.files.name, attachDocs(p.all, docsOf(p.files.models), errors)]));
  errors.push(...duplicateSources(sources));
  sources.sort((a, b) => compare(a.sourceName, b.sourceName) || compare(a.name, b.name) || compare(a.location.file, b.location.file));

  // Folder config: a package's own (package.yml), then the project's top level, then the
  // project's `models: <package>:` block; the project's other keys are its own folders.
  const packageNames = new Set(used.map((p) => p.name));
  const ownTree = Object.fromEntries(Object.entries(project.folderConfig).filter(([key]) => key.startsWith('+') || !packageNames.has(key)));
  const ownFolders = buildFolderConfig(ownTree, ownModels.models.map((m) => m.folders), project.yaml);
  errors.push(...ownFolders.errors);
  const parsed = (m: ModelFile, layers: readonly ConfigLayer[], doc: ModelDoc | undefined, pkg?: string): ParsedModel => ({
    id: modelId(m.name),
    name: m.name,
    path: m.path,
    ...(pkg === undefined ? {} : { package: pkg }),
    folders: m.folders,
    rawSql: m.rawSql,
    ...(doc === undefined ? {} : { yamlPath: doc.yamlPath }),
    ...(doc?.description === undefined ? {} : { description: doc.description }),
    columns: doc?.columns ?? [],
    tests: doc?.tests ?? [],
    config: mergeConfig(doc === undefined ? layers : [...layers, doc.config]),
  });
  // A model that replaces a package's keeps that model's documentation and tests (its contract) unless the project documents it.
  const packageDoc = (name: string): ModelDoc | undefined => [...packageDocOf.values()].map((d) => d.get(name)).find((d) => d !== undefined);
  const models: ParsedModel[] = ownModels.models.map((m) => parsed(m, folderLayers(ownFolders.config, m.folders), ownDocOf.get(m.name) ?? packageDoc(m.name)));
  for (const { files, all, kept } of packageModels) {
    const folders = all.map((m) => m.folders);
    const inPackage = buildFolderConfig(files.project.folderConfig, folders, files.project.yaml);
    const userTree = project.folderConfig[files.name];
    const byProject = buildFolderConfig(isRecord(userTree) ? userTree : {}, folders, project.yaml, ['models', files.name]);
    errors.push(...inPackage.errors, ...byProject.errors);
    for (const m of kept) {
      const layers = [...folderLayers(inPackage.config, m.folders), ownFolders.config.layer, ...folderLayers(byProject.config, m.folders)];
      models.push(parsed(m, layers, ownDocOf.get(m.name) ?? packageDocOf.get(files.name)?.get(m.name), files.name));
    }
  }
  models.sort((a, b) => compare(a.path, b.path));

  let mapping: Mapping | undefined;
  const mappingErrors: PdbError[] = [];
  if (mappingRef?.kind === 'inline') {
    const read = readMapping(project.yaml, mappingRef.value, ['mapping'], sources);
    mappingErrors.push(...read.errors);
    mapping = read.mapping;
  } else if (mappingRef?.kind === 'file') {
    if (mappingText === undefined) {
      mappingErrors.push(
        new PdbError({
          code: 'E_MAPPING_FILE_MISSING',
          message: `The mapping file '${mappingRef.path}' does not exist.`,
          location: locate(project.yaml, ['mapping']),
          hint: 'Create the file, fix the path (relative to the project directory), or write the mapping inline.',
        }),
      );
    } else {
      const parsed = parseYamlFile(mappingRef.path, mappingText);
      mappingErrors.push(...parsed.errors);
      if (parsed.errors.length === 0) {
        const read = readMapping(parsed.file, parsed.file.value, [], sources);
        mappingErrors.push(...read.errors);
        mapping = read.mapping;
      }
    }
  }

  if (options.mapping === 'optional' && mappingErrors.length > 0) mapping = undefined;
  else errors.push(...mappingErrors);

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
  // A var's line in project.yml, or else in the package whose default it is.
  const projectVarLocation = (name: string): SourceLocation => {
    const from = Object.hasOwn(project.config.vars, name) ? project : [...used].reverse().find((p) => Object.hasOwn(p.project.config.vars, name))?.project;
    return locate((from ?? project).yaml, ['vars', name]);
  };
  const varInputs = { projectVars: config.vars, cliVars: options.vars, projectVarLocation };
  errors.push(...checkDateVars(varInputs), ...checkRetentionDayVars(varInputs), ...checkIncrementalVars(varInputs));

  throwIfAny(sortErrors(errors));
  await yamlCache?.save();
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
    macros: [...used.flatMap((p) => p.macros.map((f) => ({ path: f.path, text: f.text, package: p.name }))), ...own.macros.map((f) => ({ path: f.path, text: f.text }))],
    singularTests: singularTests(own, used),
    vars: { ...config.vars, ...(options.vars ?? {}) },
    ...(resolved.keyfileOrigin === undefined ? {} : { keyfileOrigin: resolved.keyfileOrigin }),
  };
}

/** The model, macro and test files of a project or a package, named as pdb names them. */
interface PackageFiles {
  /** The package name; '' for the project itself. */
  readonly name: string;
  readonly project: ProjectFile;
  readonly models: (FoundFile & { readonly text: string })[];
  readonly macros: (FoundFile & { readonly text: string })[];
  readonly tests: (FoundFile & { readonly text: string })[];
}

/** Reads the files of the project (`name` '') or of a package, whose paths get the `<name>/` prefix. */
async function readPackageFiles(dir: string, project: ProjectFile, name: string, errors: PdbError[]): Promise<PackageFiles> {
  const [models, macros, tests] = await Promise.all([
    readFolders(dir, project, 'models', ['.sql', '.yml', '.yaml'], errors),
    readFolders(dir, project, 'macros', ['.sql'], errors),
    readFolders(dir, project, 'tests', ['.sql'], errors),
  ]);
  const named = (files: (FoundFile & { readonly text: string })[]): (FoundFile & { readonly text: string })[] =>
    name === '' ? files : files.map((f) => ({ ...f, path: `${name}/${f.path}` }));
  return { name, project, models: named(models), macros: named(macros), tests: named(tests) };
}

/**
 * The packages a project uses: those of `packages:`; without it, the default (core) when the
 * project has a mapping. The core models read nothing but the mapped events, so a project with
 * no mapping (one of its own models only) does not get them unless it asks.
 */
function packagesOf(project: ProjectFile): readonly BuiltinPackage[] {
  if (project.packages !== undefined) return project.packages.filter((p): p is BuiltinPackage => (BUILTIN_PACKAGES as readonly string[]).includes(p));
  return project.mapping === undefined ? [] : DEFAULT_PACKAGES;
}

/** A built-in package: its package.yml and files; undefined (with an error) when it is missing. */
async function readPackage(ref: PackageRef, errors: PdbError[]): Promise<PackageFiles | undefined> {
  const text = await readOptional(path.join(ref.dir, PACKAGE_FILE));
  if (text === undefined) {
    errors.push(new PdbError({ code: 'E_PACKAGE_MISSING', message: `pdb's built-in package '${ref.name}' has no ${PACKAGE_FILE}.`, hint: 'Reinstall pdb: its package folder is incomplete.' }));
    return undefined;
  }
  const parsed = parseProjectFile(text, 'package', `${ref.name}/${PACKAGE_FILE}`);
  errors.push(...parsed.errors);
  return readPackageFiles(ref.dir, parsed.project, ref.name, errors);
}

/**
 * The project's config with what its packages bring: their vars as defaults and their plugins,
 * unless the project declares a plugin of the same name (its declaration wins).
 */
function mergedConfig(project: ProjectFile, packages: readonly PackageFiles[]): ProjectConfig {
  const own = project.config;
  const ownPlugins = new Set(own.plugins.map((p) => p.name ?? p.path));
  const fromPackages = packages.flatMap((p) => p.project.config.plugins).filter((p) => !ownPlugins.has(p.name ?? p.path));
  const vars = Object.assign({}, ...packages.map((p) => p.project.config.vars), own.vars) as Record<string, unknown>;
  return { ...own, vars, plugins: [...fromPackages, ...own.plugins] };
}

/** Singular tests of the packages and the project; a project test replaces a package's test of the same file name. */
function singularTests(own: PackageFiles, packages: readonly PackageFiles[]): MacroFile[] {
  const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  const ownNames = new Set(own.tests.map((f) => base(f.path)));
  return [
    ...packages.flatMap((p) => p.tests.filter((f) => !ownNames.has(base(f.path))).map((f) => ({ path: f.path, text: f.text, package: p.name }))),
    ...own.tests.map((f) => ({ path: f.path, text: f.text })),
  ];
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
      errors.push(
        new PdbError({
          code: 'E_YAML_UNKNOWN_MODEL',
          message: `${doc.yamlPath} documents model '${doc.name}', but there is no ${doc.name}.sql under the model paths.${didYouMean(doc.name, names)}`,
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
