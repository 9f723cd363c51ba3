import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../plugins/import-plugin.js';

/** The built-in packages pdb ships; `core` holds the ten core metrics. */
export const BUILTIN_PACKAGES = ['core'] as const;
export type BuiltinPackage = (typeof BUILTIN_PACKAGES)[number];

/** What a project uses when project.yml has no `packages:`. */
export const DEFAULT_PACKAGES: readonly BuiltinPackage[] = ['core'];

/** A package's manifest, at the root of its folder. */
export const PACKAGE_FILE = 'package.yml';

/** pdb's own install folder: the one holding its package.json, found from this file (compiled or not). */
export function pdbRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = packageRoot(here);
  if (root === undefined) throw new Error(`pdb is installed without its package.json (looked above ${here})`);
  return root;
}

/**
 * A package used by a project. Its files are named `<name>/<path in the package>` in every
 * model, error, compiled path and manifest entry: which package a file came from is part of
 * its name, and no absolute path of the machine reaches an artifact.
 */
export interface PackageRef {
  readonly name: BuiltinPackage;
  /** Absolute folder of the package (holds package.yml). */
  readonly dir: string;
}

export function builtinPackage(name: BuiltinPackage): PackageRef {
  return { name, dir: join(pdbRoot(), name) };
}

/**
 * The file on disk behind a path as pdb names it: a project file, or `<package>/...` for a
 * file of a package the project does not itself hold (for code frames in error messages).
 */
export function fileOnDisk(projectDir: string, file: string): string {
  const inProject = join(projectDir, file);
  if (existsSync(inProject)) return inProject;
  const slash = file.indexOf('/');
  const head = slash < 0 ? '' : file.slice(0, slash);
  const builtin = BUILTIN_PACKAGES.find((p) => p === head);
  return builtin === undefined ? inProject : join(builtinPackage(builtin).dir, file.slice(slash + 1));
}
