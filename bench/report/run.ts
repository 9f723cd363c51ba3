/**
 * The report's cost on the built default sample (`npm run bench:report`): the time of each stage
 * of the report plugin in-process (reading the metric tables and artifacts, the page, the write),
 * best of 5, the size of the page, and `pdb report` as a fresh process (best of 3). Builds the
 * sample first when target/ has no build of it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { readChartsScript } from '../../core/plugins/report/charts-script.js';
import { gatherReportData } from '../../core/plugins/report/gather-report-data.js';
import { renderReport } from '../../core/plugins/report/render-report.js';
import { writeFileAtomic } from '../../src/artifacts/write-file-atomic.js';
import { loadProject } from '../../src/project/load-project.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const root = repoRoot();
const pdb = (args: string[]): string => execFileSync(process.execPath, [join(root, 'bin', 'pdb.js'), ...args], { cwd: root, encoding: 'utf8' });
if (!existsSync(join(root, 'target', 'pdb.duckdb'))) pdb(['build']);

const best = (values: number[]): number => Math.min(...values);
const times = { gather: [] as number[], render: [] as number[], write: [] as number[], total: [] as number[] };
let size = 0;
const { vars } = await loadProject({ dir: root });
const instance = await DuckDBInstance.create(join(root, 'target', 'pdb.duckdb'), { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
try {
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const data = await gatherReportData({
      project: { name: 'example' },
      target: { name: 'dev', type: 'duckdb' },
      vars,
      models: [],
      results: [],
      query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
      readArtifact: (path) => readFile(join(root, 'target', path), 'utf8').catch(() => undefined),
      dataQuality: async () => undefined,
    });
    const t1 = performance.now();
    const { script, version } = await readChartsScript();
    const { html } = renderReport(data, script, version);
    const t2 = performance.now();
    await writeFileAtomic(join(root, 'target', 'bench-report', 'index.html'), html);
    const t3 = performance.now();
    times.gather.push(t1 - t0);
    times.render.push(t2 - t1);
    times.write.push(t3 - t2);
    times.total.push(t3 - t0);
    size = Buffer.byteLength(html);
  }
} finally {
  connection.closeSync();
  instance.closeSync();
}
const processTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  pdb(['report']);
  processTimes.push(performance.now() - started);
}
const ms = (n: number): string => `${Math.round(n)}`;
process.stdout.write(`| stage | ms (best of 5) |\n| --- | --: |\n| read tables and artifacts | ${ms(best(times.gather))} |\n| page (charts script, HTML) | ${ms(best(times.render))} |\n| write | ${ms(best(times.write))} |\n| report plugin in all | ${ms(best(times.total))} |\n| \`pdb report\`, fresh process (best of 3) | ${ms(best(processTimes))} |\n\nPage: ${Math.round(size / 1024)} KB.\n`);
