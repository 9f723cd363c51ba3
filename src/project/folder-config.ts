import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import { configLayer } from './model-config.js';
import type { ConfigLayer } from './model-config.js';
import { isRecord } from './project-file.js';
import { locate } from './yaml-file.js';
import type { YamlFile } from './yaml-file.js';

/** The `models:` tree of project.yml: config for a folder and its sub-folders. */
export interface FolderConfig {
  readonly layer: ConfigLayer;
  readonly children: ReadonlyMap<string, FolderConfig>;
}

/**
 * Builds the folder config tree and checks that every folder key names a real folder that holds
 * models (dbt only warns about unused config paths; a silent typo here would change what is
 * built, so it is an error).
 */
export function buildFolderConfig(
  tree: Readonly<Record<string, unknown>>,
  modelFolders: readonly (readonly string[])[],
  file: YamlFile,
  /** Where the tree is written in `file`: `models`, or `models.<package>` for a package's models. */
  at: readonly string[] = ['models'],
): { config: FolderConfig; errors: PdbError[] } {
  // Every folder (and ancestor folder) that holds a model, keyed by its parent.
  const childrenOf = new Map<string, Set<string>>();
  for (const folders of modelFolders) {
    for (let i = 0; i < folders.length; i++) {
      const parent = folders.slice(0, i).join('/');
      let set = childrenOf.get(parent);
      if (set === undefined) childrenOf.set(parent, (set = new Set()));
      set.add(folders[i] as string);
    }
  }
  const errors: PdbError[] = [];
  const build = (raw: Readonly<Record<string, unknown>>, path: readonly string[]): FolderConfig => {
    const children = new Map<string, FolderConfig>();
    const parentKey = path.join('/');
    const real = childrenOf.get(parentKey) ?? new Set<string>();
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('+') || !isRecord(value)) continue;
      if (!real.has(key)) {
        const here = path.length === 0 ? (at.length > 1 ? `the model paths of package '${at[1]}'` : 'the model paths') : `'${parentKey}'`;
        errors.push(
          new PdbError({
            code: 'E_FOLDER_UNKNOWN',
            message: `'${[...at, ...path, key].join('.')}' configures folder '${[...path, key].join('/')}', but no model is in a folder of that name under ${here}.${didYouMean(key, real)}`,
            location: locate(file, [...at, ...path, key], 'key'),
            hint:
              real.size === 0
                ? "Keys under 'models:' without '+' are folders below a model path; this level has no sub-folders with models."
                : `Keys under 'models:' without '+' are folders below a model path; folders here: ${[...real].sort().join(', ')}.`,
          }),
        );
        continue;
      }
      children.set(key, build(value, [...path, key]));
    }
    return { layer: configLayer(raw, '+'), children };
  };
  return { config: build(tree, []), errors };
}

/** The folder layers that apply to a model in `folders`, outermost first. */
export function folderLayers(config: FolderConfig, folders: readonly string[]): ConfigLayer[] {
  const layers: ConfigLayer[] = [config.layer];
  let node: FolderConfig | undefined = config;
  for (const folder of folders) {
    node = node.children.get(folder);
    if (node === undefined) break;
    layers.push(node.layer);
  }
  return layers;
}
