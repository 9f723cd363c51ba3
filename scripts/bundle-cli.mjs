// Bundles the compiled CLI (dist/src/cli/main.js) and the pure-JavaScript libraries it loads on
// every run into one file, dist/src/pdb-cli.js, which bin/pdb.js prefers: Node then reads and
// links one module instead of several hundred, which is most of a short command's time.
// Native, heavy or lazily loaded packages stay outside (they are imported only when needed).
// Run by `npm run build` and `npm ci` (prepare), after tsc. It also bundles the report's charts script (below).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/cli/main.js'],
  // Beside dist/src/version.js, so paths the code finds from its own URL stay the same.
  outfile: 'dist/src/pdb-cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: [
    '@duckdb/*',
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
