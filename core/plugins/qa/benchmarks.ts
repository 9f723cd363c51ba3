import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The product categories of project.yml's `product: category:`. */
export const CATEGORIES: readonly string[] = ['mobile_game', 'consumer_app', 'web_saas', 'subscription'];

/** A span a source publishes for a metric (fractions). */
export interface BenchmarkRange {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly published: string;
  readonly source: string;
  readonly year: number;
  /** The kind of product it was measured on; a range without one (a project's own file) applies to any. */
  readonly category?: string;
}

export interface Benchmark {
  readonly metric: string;
  readonly definition: string;
  readonly ranges: readonly BenchmarkRange[];
}

/**
 * Reads and checks a benchmarks file (see benchmarks.yml): every range needs its source, year and
 * bounds, so a test can never cite a figure without where it comes from. Throws an Error naming
 * the file and the entry.
 */
export function parseBenchmarks(text: string, file: string): ReadonlyMap<string, Benchmark> {
  // Each benchmark test of a build reads the same file: parse it once per process.
  const key = `${file}\0${text}`;
  const known = parsed.get(key);
  if (known !== undefined) return known;
  const benchmarks = parseBenchmarksNow(text, file);
  parsed.set(key, benchmarks);
  return benchmarks;
}

const parsed = new Map<string, ReadonlyMap<string, Benchmark>>();

function parseBenchmarksNow(text: string, file: string): ReadonlyMap<string, Benchmark> {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const benchmarks = isRecord(value) ? value['benchmarks'] : undefined;
  if (!isRecord(benchmarks)) throw new Error(`${file} needs a \`benchmarks:\` mapping of benchmark names.`);
  const out = new Map<string, Benchmark>();
  for (const [name, raw] of Object.entries(benchmarks)) {
    if (!isRecord(raw) || typeof raw['definition'] !== 'string') throw new Error(`${file}: benchmark '${name}' needs a \`definition:\`.`);
    const ranges = Array.isArray(raw['ranges']) ? raw['ranges'] : [];
    out.set(name, {
      metric: typeof raw['metric'] === 'string' ? raw['metric'] : name,
      definition: raw['definition'],
      ranges: ranges.map((r: unknown, i) => {
        const ok = isRecord(r) && typeof r['min'] === 'number' && typeof r['max'] === 'number' && typeof r['source'] === 'string' && typeof r['year'] === 'number';
        if (!ok) throw new Error(`${file}: benchmark '${name}' range ${i + 1} needs min, max, source and year.`);
        const category = r['category'];
        if (category !== undefined && (typeof category !== 'string' || !CATEGORIES.includes(category))) throw new Error(`${file}: benchmark '${name}' range ${i + 1} has category ${JSON.stringify(category)}; use one of ${CATEGORIES.join(', ')}.`);
        return { label: String(r['label'] ?? ''), min: r['min'] as number, max: r['max'] as number, published: String(r['published'] ?? ''), source: r['source'] as string, year: r['year'] as number, ...(category === undefined ? {} : { category }) };
      }),
    });
  }
  return out;
}

/** The benchmarks file shipped with pdb: core/benchmarks.yml, found from pdb's package.json. */
export function shippedBenchmarksFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dir, 'core', 'benchmarks.yml');
}

export function readShippedBenchmarks(): ReadonlyMap<string, Benchmark> {
  return parseBenchmarks(readFileSync(shippedBenchmarksFile(), 'utf8'), 'benchmarks.yml');
}

/**
 * The benchmarks as they apply to a product category: only ranges measured on that kind of
 * product (or with no category, from a project's own file). Without a category, only those.
 * A game's figures never reach an app, a website or a subscription product.
 */
export function benchmarksFor(benchmarks: ReadonlyMap<string, Benchmark>, category: string | undefined): Map<string, Benchmark> {
  const out = new Map<string, Benchmark>();
  for (const [name, b] of benchmarks) out.set(name, { ...b, ranges: b.ranges.filter((r) => r.category === undefined || r.category === category) });
  return out;
}

/** `GameAnalytics Mobile Gaming Benchmarks 2025 (2024 data): mobile games, ... 10%-27.7%`. */
export function describeRange(range: BenchmarkRange): string {
  return `${range.source} (${range.year} data): ${range.label} ${percent(range.min)}-${percent(range.max)}`;
}

const percent = (value: number): string => `${Number((value * 100).toFixed(2))}%`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
