import type { TestKind, TestKindContext } from '../../../src/plugins/plugin-api.js';
import { optionalString, stringArg } from './args.js';
import { benchmarksFor, describeRange, parseBenchmarks, readShippedBenchmarks, type Benchmark } from './benchmarks.js';

/** The project's benchmarks file (the plugin's `benchmarks:` config), else the one shipped with pdb. */
function benchmarksOf(context: TestKindContext): ReadonlyMap<string, Benchmark> {
  const file = context.config['benchmarks'];
  if (typeof file !== 'string') return readShippedBenchmarks();
  let text: string;
  try {
    text = context.readProjectFile(file);
  } catch {
    throw new Error(`the benchmarks file ${file} (the qa plugin's config) cannot be read.`);
  }
  return parseBenchmarks(text, file);
}

/**
 * A sanity range from published benchmarks: the column (one value per row, or its average
 * weighted by `weight:`) fails when it lies outside EVERY published range of the benchmark that
 * was measured on the project's kind of product (project.yml `product: category:`). Failing rows
 * carry the value, the benchmark's name and its ranges with their sources. Without a category,
 * no shipped range applies and one row says so; a category without published ranges compares nothing.
 */
export const withinBenchmark: TestKind = {
  description: 'The value lies inside at least one published range of a benchmark from the benchmarks file.',
  sql(context) {
    const q = context.dialect.quoteIdentifier;
    const s = context.dialect.quoteString;
    const name = stringArg(context.args, 'benchmark', 'a benchmark name from the benchmarks file (e.g. d1_retention)');
    const column = context.column ?? optionalString(context.args, 'column');
    if (column === undefined) throw new Error('needs a column: declare it under a column, or give `column:`.');
    const filter = optionalString(context.args, 'filter');
    const weight = optionalString(context.args, 'weight');
    const benchmarks = benchmarksOf(context);
    const benchmark = benchmarks.get(name);
    if (benchmark === undefined) throw new Error(`names no benchmark '${name}'; the benchmarks file has: ${[...benchmarks.keys()].join(', ')}.`);
    if (benchmark.ranges.length === 0) throw new Error(`benchmark '${name}' publishes no ranges (only single figures), so there is nothing to test against.`);
    // Only figures measured on this kind of product apply: never a game's figures for an app.
    const category = context.product.category;
    const ranges = benchmarksFor(new Map([[name, benchmark]]), category).get(name)?.ranges ?? [];
    if (category === undefined && ranges.length === 0) {
      // Said once per build, as a warning row: the check cannot pick figures without the category.
      const categories = [...new Set(benchmark.ranges.flatMap((r) => (r.category === undefined ? [] : [r.category])))].join(', ');
      return `select ${s(name)} as benchmark, ${s(`project.yml names no product category, so no published ${benchmark.metric} range applies (ranges exist for: ${categories}); set product: { category: ... }`)} as not_compared`;
    }
    // A category with no published range for this metric: nothing to compare, so nothing fails.
    if (ranges.length === 0) return `select * from (select ${s(name)} as benchmark) as none where 1 = 0`;
    const inside = ranges.map((r) => `(value >= ${r.min} and value <= ${r.max})`).join(' or ');
    const labels = `${s(name)} as benchmark, ${s(ranges.map(describeRange).join('; '))} as published_ranges`;
    const where = filter === undefined ? '' : ` where ${filter}`;
    const rows = weight === undefined
      ? `select t.*, ${q(column)} as value from ${context.relation} as t${where}`
      : `select sum(${q(column)} * ${q(weight)}) / nullif(sum(${q(weight)}), 0) as value from ${context.relation}${where}`;
    return `select checked.*, ${labels}\nfrom (${rows}) as checked\nwhere value is not null and not (${inside})`;
  },
};
