import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import { sha256 } from '../compile/checksum.js';
import type { PdbError } from '../errors/pdb-error.js';
import { readModelYaml, type ModelYaml } from './model-yaml.js';

/** Bump when readModelYaml gives something else for the same text. */
const CACHE_FORMAT = 1;

interface CacheFile {
  readonly format: number;
  /** sha256 of path and text -> what readModelYaml read from it (files without errors only). */
  readonly files: Record<string, ModelYaml>;
}

/**
 * Model YAML files read before, by the hash of their path and text: parsing YAML with positions
 * is most of an unchanged recompile, and a file that did not change reads the same. Only files
 * without errors are kept, so every mistake is still found and reported by readModelYaml.
 * A missing, corrupt or older cache is ignored.
 */
export class ModelYamlCache {
  private readonly next: Record<string, ModelYaml> = {};
  private changed = false;

  private constructor(private readonly file: string, private readonly previous: Readonly<Record<string, ModelYaml>>) {}

  static async load(file: string): Promise<ModelYamlCache> {
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      if (data.format === CACHE_FORMAT && typeof data.files === 'object' && data.files !== null) return new ModelYamlCache(file, data.files);
    } catch {
      // No cache yet, or not one we can read: start empty.
    }
    return new ModelYamlCache(file, {});
  }

  read(path: string, text: string): { yaml: ModelYaml; errors: PdbError[] } {
    const key = sha256(`${path}\n${text}`);
    const hit = this.previous[key];
    if (hit !== undefined) {
      this.next[key] = hit;
      return { yaml: hit, errors: [] };
    }
    const read = readModelYaml(path, text);
    // Values JSON cannot keep (YAML's .nan, .inf) would come back different: read those each time.
    if (read.errors.length === 0 && keptByJson(read.yaml)) {
      this.next[key] = read.yaml;
      this.changed = true;
    }
    return read;
  }

  /** Writes the files read this time, when any was new or any cached one is gone. */
  async save(): Promise<void> {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.previous).length) return;
    const data: CacheFile = { format: CACHE_FORMAT, files: this.next };
    await writeFileAtomic(this.file, JSON.stringify(data));
  }
}

/** Whether JSON gives the value back as it is: plain data with no undefined, -0, NaN or infinity. */
export function keptByJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(keptByJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(keptByJson);
  return false;
}
