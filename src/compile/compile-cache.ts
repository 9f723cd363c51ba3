import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import type { RenderedModel } from '../templating/template-environment.js';

/** Bump when rendering or formatting changes what they produce for the same input. */
const CACHE_FORMAT = 4;

interface CachedRender extends RenderedModel {
  readonly sourceHash: string;
}

/** A source location rendered (var(), env_var()), with the environment variables it read. */
interface CachedLocation {
  readonly text: string;
  readonly envRead: Readonly<Record<string, string | null>>;
}

interface CacheFile {
  readonly format: number;
  readonly context: string;
  readonly renders: Record<string, CachedRender>;
  /** Rendered source locations by `file\0text`. */
  readonly locations?: Record<string, CachedLocation>;
  readonly formatted: Record<string, string>;
  /** Compiled files as last written (path -> checksum), so unchanged ones are not read back. */
  readonly written: Record<string, string>;
}

/**
 * Remembers renders (by model text, valid while the project-wide context is the same and the
 * environment variables a model read still hold) and formatted SQL (by the SQL's hash), so an
 * unchanged recompile renders and formats nothing. A corrupt or stale cache is simply ignored.
 */
export class CompileCache {
  private readonly nextRenders: Record<string, CachedRender> = {};
  private readonly nextLocations: Record<string, CachedLocation> = {};
  private readonly nextFormatted: Record<string, string> = {};
  private readonly nextWritten: Record<string, string> = {};

  private constructor(private readonly file: string | undefined, private readonly context: string, private readonly previous: CacheFile | undefined) {}

  static disabled(): CompileCache {
    return new CompileCache(undefined, '', undefined);
  }

  static async load(file: string, context: string): Promise<CompileCache> {
    let previous: CacheFile | undefined;
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      if (data.format === CACHE_FORMAT && data.context === context) previous = data;
    } catch {
      previous = undefined;
    }
    return new CompileCache(file, context, previous);
  }

  /** The cached render, if still valid, without marking it used. */
  peekRender(path: string, sourceHash: string, env: Readonly<Record<string, string | undefined>>): RenderedModel | undefined {
    const hit = this.previous?.renders[path];
    if (hit === undefined || hit.sourceHash !== sourceHash) return undefined;
    for (const [name, value] of Object.entries(hit.envRead)) if ((env[name] ?? null) !== value) return undefined;
    return hit;
  }

  render(path: string, sourceHash: string, env: Readonly<Record<string, string | undefined>>): RenderedModel | undefined {
    const hit = this.previous?.renders[path];
    if (hit === undefined || hit.sourceHash !== sourceHash) return undefined;
    for (const [name, value] of Object.entries(hit.envRead)) if ((env[name] ?? null) !== value) return undefined;
    this.nextRenders[path] = hit;
    return hit;
  }

  storeRender(path: string, sourceHash: string, rendered: RenderedModel): void {
    this.nextRenders[path] = { sourceHash, ...rendered };
  }

  /** A source location as last rendered, while the environment variables it read still hold. */
  location(key: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
    const hit = this.previous?.locations?.[key];
    if (hit === undefined) return undefined;
    for (const [name, value] of Object.entries(hit.envRead)) if ((env[name] ?? null) !== value) return undefined;
    this.nextLocations[key] = hit;
    return hit.text;
  }

  storeLocation(key: string, location: CachedLocation): void {
    this.nextLocations[key] = location;
  }

  formatted(sqlHash: string): string | undefined {
    const hit = this.previous?.formatted[sqlHash];
    if (hit !== undefined) this.nextFormatted[sqlHash] = hit;
    return hit;
  }

  storeFormatted(sqlHash: string, formatted: string): void {
    this.nextFormatted[sqlHash] = formatted;
  }

  /** The checksum a compiled file had when this cache last wrote it. */
  writtenChecksum(path: string): string | undefined {
    return this.nextWritten[path] ?? this.previous?.written?.[path];
  }

  storeWritten(path: string, checksum: string): void {
    this.nextWritten[path] = checksum;
  }

  /** Another cache file in the same folder (e.g. ZetaSQL's analyses); none when caching is off (--no-cache). */
  fileBeside(name: string): string | undefined {
    return this.file === undefined ? undefined : join(dirname(this.file), name);
  }

  /** Keeps only what this compile used, so the cache never grows past the project. */
  async save(): Promise<void> {
    if (this.file === undefined) return;
    const data: CacheFile = { format: CACHE_FORMAT, context: this.context, renders: this.nextRenders, locations: this.nextLocations, formatted: this.nextFormatted, written: { ...this.previous?.written, ...this.nextWritten } };
    await writeFileAtomic(this.file, JSON.stringify(data), { skipUnchanged: false });
  }
}
