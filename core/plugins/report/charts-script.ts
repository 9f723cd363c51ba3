/**
 * The charts' script of the page: render-charts.ts bundled with the ECharts modules it uses
 * (scripts/bundle-report.mjs, run by `npm run build` and on install), read from pdb's own dist/.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where scripts/bundle-report.mjs writes the bundle, relative to pdb's package root. */
export const CHARTS_BUNDLE = 'dist/report/render-charts.js';

export async function readChartsScript(): Promise<{ script: string; version: string }> {
  const root = packageRoot();
  const file = join(root, CHARTS_BUNDLE);
  const script = await readFile(file, 'utf8').catch(() => {
    throw new Error(`the report's charts script ${CHARTS_BUNDLE} is missing: run \`npm run build\` in pdb's folder`);
  });
  // No text of the script may end the <script> element it is inlined in.
  if (/<\/script/i.test(script)) throw new Error(`${CHARTS_BUNDLE} contains "</script": it cannot be inlined`);
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  return { script: script.trimEnd(), version };
}

/** pdb's folder: the one holding package.json above this file (compiled in dist/ or run from source). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pdb is installed without its package.json');
    dir = parent;
  }
  return dir;
}
