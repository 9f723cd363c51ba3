import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import { sha256 } from '../compile/checksum.js';
import type { ColumnProto, TableProto } from './zetasql-protocol.js';

/** Bump when what pdb sends ZetaSQL for a model (catalog, options) or keeps of its answer changes. */
const CACHE_FORMAT = 1;

/** ZetaSQL's answer for one model: its output columns, its error, or that it is no query. */
export type CachedAnalysis =
  | { readonly columns: readonly ColumnProto[] }
  | { readonly details: string }
  | { readonly notAQuery: true };

/** ZetaSQL's check of an incremental model's script: passed, or its first refused statement. */
export type CachedScriptAnalysis =
  | { readonly script: 'ok' }
  | { readonly script: 'refused'; readonly problem: { readonly statement: string; readonly message: string; readonly line?: number; readonly column?: number } };

interface CacheFile {
  readonly format: number;
  /** The ZetaSQL and pdb versions: another analyzer may answer otherwise. */
  readonly analyzer: string;
  readonly analyses: Record<string, CachedAnalysis | CachedScriptAnalysis>;
}

/**
 * ZetaSQL's analyses of earlier compiles (target/cache/zetasql-<target>.json), by the compiled
 * SQL and the catalog tables it was analyzed against: an unchanged model is not sent again, and
 * when none changed the server is not started at all. A corrupt or stale file is ignored.
 */
export class ValidationCache {
  private readonly next: Record<string, CachedAnalysis | CachedScriptAnalysis> = {};

  private constructor(
    private readonly file: string | undefined,
    private readonly analyzer: string,
    private readonly previous: Readonly<Record<string, CachedAnalysis | CachedScriptAnalysis>>,
  ) {}

  static async load(file: string | undefined, analyzer: string): Promise<ValidationCache> {
    if (file === undefined) return new ValidationCache(undefined, analyzer, {});
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      if (data.format === CACHE_FORMAT && data.analyzer === analyzer) return new ValidationCache(file, analyzer, data.analyses);
    } catch {
      // No cache yet, or an unreadable one: analyze everything.
    }
    return new ValidationCache(file, analyzer, {});
  }

  static key(sql: string, tables: readonly TableProto[]): string {
    return sha256(JSON.stringify([sql, tables]));
  }

  get(key: string): CachedAnalysis | undefined {
    const hit = this.hit(key);
    return hit === undefined || 'script' in hit ? undefined : hit;
  }

  set(key: string, analysis: CachedAnalysis): void {
    this.next[key] = analysis;
  }

  /** An incremental model's script, by its SQL and catalog (ValidationCache.key). */
  getScript(key: string): CachedScriptAnalysis | undefined {
    const hit = this.hit(key);
    return hit !== undefined && 'script' in hit ? hit : undefined;
  }

  setScript(key: string, analysis: CachedScriptAnalysis): void {
    this.next[key] = analysis;
  }

  private hit(key: string): CachedAnalysis | CachedScriptAnalysis | undefined {
    const hit = Object.hasOwn(this.previous, key) ? this.previous[key] : undefined;
    if (hit !== undefined) this.next[key] = hit;
    return hit;
  }

  /** Keeps the analyses this validation used, so the file never grows past the project. */
  async save(): Promise<void> {
    if (this.file === undefined) return;
    const data: CacheFile = { format: CACHE_FORMAT, analyzer: this.analyzer, analyses: this.next };
    await writeFileAtomic(this.file, JSON.stringify(data));
  }
}
