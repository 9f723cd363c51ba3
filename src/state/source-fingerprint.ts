import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import { globToRegExp } from '../graph/glob.js';
import type { SourceFingerprint } from './state-types.js';

/** Bytes read from each end of a file: Parquet keeps its footer (row groups, statistics) at the end. */
const EDGE_BYTES = 64 * 1024;

/**
 * A fingerprint of source files that is the same on any machine for the same content: each
 * file's name (relative to the project), size, and a digest of its first and last 64 KiB
 * (remembered in `digests`, so an unchanged file is not read again), with each file's own
 * digest when there are several (see SourceFingerprint.parts).
 * Modification times are left out on purpose: two clones of the same data have different ones.
 * A Parquet file's footer changes with any change of its rows, so the tail digest sees edits
 * anywhere in it; for CSV and JSON an edit that keeps the size, the head and the tail is missed.
 * Returns null when nothing matches (a missing source is never "unchanged").
 */
export async function fingerprintFiles(projectDir: string, pathOrGlob: string, digests: FileDigests = FileDigests.none()): Promise<SourceFingerprint | null> {
  const files = await expandGlob(projectDir, pathOrGlob);
  if (files.length === 0) return null;
  const hash = createHash('sha256');
  const parts = new Map<string, string>();
  for (const file of files) {
    const absolute = isAbsolute(file) ? file : join(projectDir, file);
    const stats = await stat(absolute);
    let edgesDigest = digests.get(absolute, stats);
    if (edgesDigest === undefined) {
      edgesDigest = createHash('sha256').update(await edges(absolute, stats.size)).digest('hex');
      digests.set(absolute, stats, edgesDigest);
    }
    hash.update(`${file}\0${stats.size}\0${edgesDigest}\0`);
    parts.set(file, `${stats.size}:${edgesDigest}`);
  }
  return { digest: hash.digest('hex'), ...(/[*?[]/.test(pathOrGlob) ? { parts } : {}) };
}

interface KnownFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly digest: string;
}

/**
 * The digests of source files' edges as last read, on this machine: a file whose size,
 * modification time and inode are the same is not read again. Only the reading is saved; the
 * fingerprint is made of the digests, which are the same on any machine for the same content.
 */
export class FileDigests {
  private readonly next: Record<string, KnownFile> = {};

  private constructor(private readonly file: string | undefined, private readonly known: Readonly<Record<string, KnownFile>>) {}

  static none(): FileDigests {
    return new FileDigests(undefined, {});
  }

  /** The digests kept in `file` (none when it is missing or unreadable). */
  static async load(file: string): Promise<FileDigests> {
    const known = await readFile(file, 'utf8').then((text) => JSON.parse(text) as Record<string, KnownFile>, () => ({}));
    return new FileDigests(file, known);
  }

  get(path: string, stats: Stats): string | undefined {
    const hit = this.known[path];
    if (hit === undefined || hit.size !== stats.size || hit.mtimeMs !== stats.mtimeMs || hit.ino !== stats.ino) return undefined;
    this.next[path] = hit;
    return hit.digest;
  }

  set(path: string, stats: Stats, digest: string): void {
    this.next[path] = { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, digest };
  }

  /** Keeps the files this run read (so the file never outgrows the sources). */
  async save(): Promise<void> {
    if (this.file === undefined || Object.keys(this.next).length === 0) return;
    await writeFileAtomic(this.file, JSON.stringify(this.next));
  }
}

/** The files a DuckDB path or glob names, sorted, as written (relative paths stay relative). */
export async function expandGlob(projectDir: string, pattern: string): Promise<string[]> {
  const normalized = pattern.split(sep).join('/');
  const firstGlob = normalized.search(/[*?[]/);
  if (firstGlob === -1) {
    const absolute = isAbsolute(normalized) ? normalized : join(projectDir, normalized);
    return (await stat(absolute).catch(() => undefined))?.isFile() === true ? [normalized] : [];
  }
  const base = normalized.slice(0, normalized.lastIndexOf('/', firstGlob) + 1);
  const baseAbsolute = isAbsolute(base) ? base : join(projectDir, base || '.');
  const matcher = globToRegExp(normalized.slice(base.length), 'path');
  const entries = await readdir(baseAbsolute, { recursive: true, withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => relative(baseAbsolute, join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split(sep).join('/'))
    .filter((name) => matcher.test(name));
  // A link counts as the file it points to, as DuckDB reads it (a dangling link is no file).
  const files = await Promise.all(names.map(async (name) => ((await stat(join(baseAbsolute, name)).catch(() => undefined))?.isFile() === true ? name : undefined)));
  return files.filter((name): name is string => name !== undefined).map((name) => `${base}${name}`).sort();
}

async function edges(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    if (size <= 2 * EDGE_BYTES) {
      const all = Buffer.alloc(size);
      await handle.read(all, 0, size, 0);
      return all;
    }
    const both = Buffer.alloc(2 * EDGE_BYTES);
    await handle.read(both, 0, EDGE_BYTES, 0);
    await handle.read(both, EDGE_BYTES, EDGE_BYTES, size - EDGE_BYTES);
    return both;
  } finally {
    await handle.close();
  }
}
