import { PdbError } from '../errors/pdb-error.js';
import { compare } from './read-files.js';

/** A model's SQL file, before YAML docs and config are attached. */
export interface ModelFile {
  readonly name: string;
  /** Relative to the project, e.g. `models/metrics/date_wise_dau.sql`. */
  readonly path: string;
  /** Folders below the model path, e.g. `['metrics']`. */
  readonly folders: readonly string[];
  readonly rawSql: string;
}

const MODEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Names every `.sql` file under the model paths after its file name. Names must be valid SQL
 * identifiers and unique across all folders (a `ref()` names a model, not a path).
 */
export function collectModelFiles(
  files: readonly { readonly path: string; readonly inner: string; readonly text: string }[],
): { models: ModelFile[]; errors: PdbError[] } {
  const errors: PdbError[] = [];
  const byName = new Map<string, ModelFile>();
  for (const file of [...files].sort((a, b) => compare(a.path, b.path))) {
    const parts = file.inner.split('/');
    const base = parts[parts.length - 1] ?? '';
    const name = base.slice(0, -'.sql'.length);
    if (!MODEL_NAME.test(name)) {
      errors.push(
        new PdbError({
          code: 'E_MODEL_NAME_INVALID',
          message: `'${name}' is not a valid model name: use letters, digits and underscores, not starting with a digit.`,
          location: { file: file.path },
          hint: `Rename the file, e.g. to '${suggestName(name)}.sql'.`,
        }),
      );
      continue;
    }
    const first = byName.get(name);
    if (first !== undefined) {
      errors.push(
        new PdbError({
          code: 'E_MODEL_DUPLICATE',
          message: `Model name '${name}' is used by two files: ${first.path} and ${file.path}.`,
          location: { file: file.path },
          hint: 'Model names are file names and must be unique across all folders: rename one of the files.',
        }),
      );
      continue;
    }
    byName.set(name, { name, path: file.path, folders: parts.slice(0, -1), rawSql: file.text });
  }
  return { models: [...byName.values()].sort((a, b) => compare(a.path, b.path)), errors };
}

function suggestName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned === '' ? 'model' : cleaned;
}
