// Bundles the compiled CLI (dist/src/cli/main.js) and the pure-JavaScript libraries it loads on
// every run into one file, dist/src/pdb-cli.js, which bin/pdb.js prefers: Node then reads and
// links one module instead of several hundred, which is most of a short command's time.
// Native, heavy or lazily loaded packages stay outside (they are imported only when needed).
// Run by `npm run build` and `npm ci` (prepare), after tsc. It also bundles the report's charts script (below).
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'src');

// The YAML schemas' validators, precompiled (see src/project/precompile-schemas.ts).
const { precompiledValidatorsSource } = await import('../dist/src/project/precompile-schemas.js');
const { precompiledFile } = await import('../dist/src/project/schema-validation.js');
writeFileSync(precompiledFile(), await precompiledValidatorsSource());

// Chunks of an earlier bundle: their names change with their content.
for (const file of readdirSync(outdir)) if (file.startsWith('pdb-cli-chunk-')) rmSync(join(outdir, file));

await build({
  absWorkingDir: root,
  entryPoints: { 'pdb-cli': 'dist/src/cli/main.js' },
  // Beside dist/src/version.js, so paths the code finds from its own URL stay the same.
  outdir: 'dist/src',
  // What the CLI imports on demand (an engine's client, a command's code) goes to chunks of its
  // own, loaded when imported: one bundle file would load every engine's client on each start.
  splitting: true,
  chunkNames: 'pdb-cli-chunk-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: [
    // DuckDB's native binding; its JavaScript API (@duckdb/node-api, over a hundred small
    // CommonJS files that take longer to load than to run a cached build) is bundled.
    '@duckdb/node-bindings',
    '@duckdb/node-bindings-*',
    '@google-cloud/*',
    'google-auth-library',
    '@fivetrandevelopers/*',
    'tsx',
    'tsx/*',
    'sql-formatter',
    'cli-table3',
    // nunjucks' optional file watcher
    'chokidar',
    'fsevents',
  ],
  // CommonJS libraries in an ES module bundle still need a require for Node's built-ins.
  banner: { js: "import { createRequire as __pdbCreateRequire } from 'node:module'; const require = __pdbCreateRequire(import.meta.url);" },
});

// The report page's script (core/plugins/report/browser/render-charts.ts) with the ECharts modules it
// imports and nothing else (tree-shaken, minified): the report plugin inlines it into
// target/report/index.html, so the page needs no network.
await build({
  absWorkingDir: root,
  entryPoints: ['core/plugins/report/browser/render-charts.ts'],
  outfile: 'dist/report/render-charts.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  // ECharts' license notice once, at the end, instead of one per source file.
  legalComments: 'eof',
  logLevel: 'warning',
});
