/**
 * pdb's built-in report, written against the public plugin API only: after every build (and with
 * `pdb report` on the tables already built) it reads the metric tables and target/'s artifacts
 * and writes target/report/index.html, one self-contained page that works offline: KPIs,
 * users, funnel, retention, revenue, insights, data quality and tests, cost, lineage and docs.
 * Runs after the insights plugin, whose findings it shows.
 */
import type { PdbPlugin } from '../../src/plugins/plugin-api.js';
import { readChartsScript } from './report/charts-script.js';
import { gatherReportData } from './report/gather-report-data.js';
import { renderReport } from './report/render-report.js';

export const REPORT_FILE = 'index.html';

const plugin: PdbPlugin = {
  name: 'report',
  description: 'One self-contained HTML report of the built metrics: target/report/index.html.',
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  // `pdb test` builds nothing new; `pdb report` makes the page from what is there.
  afterRunOn: ['run', 'build'],
  async afterRun(context) {
    const started = performance.now();
    const [data, { script, version }] = await Promise.all([gatherReportData(context), readChartsScript()]);
    const { html } = renderReport(data, script, version);
    await context.writeTextArtifact(REPORT_FILE, html);
    const kb = Math.round(Buffer.byteLength(html) / 1024);
    context.log(`target/report/${REPORT_FILE} (${kb} KB) in ${Math.round(performance.now() - started)} ms`);
  },
};

export default plugin;
