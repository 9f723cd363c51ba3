/** The page itself: what its policy allows is exactly its own script and style, and data cannot break out of its elements. */
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReportData } from '../../core/plugins/report/report-data.js';
import { buildFacts } from '../../core/plugins/report/read-artifacts.js';
import { renderReport } from '../../core/plugins/report/render-report.js';

const EMPTY: ReportData = {
  project: 'p', target: { name: 'dev', type: 'duckdb' }, window: null, incompleteDate: null, kpis: null, users: null, funnel: null, retention: null, retentionByStep: null,
  revenue: null, insights: null, dataQuality: null, tests: [], build: { source: 'none', models: [], seconds: 0, cost: null }, models: [], skipped: [],
};
const sha = (text: string): string => createHash('sha256').update(text).digest('base64');

test('the policy allows the inline script and style by their hashes and nothing from anywhere', () => {
  const script = 'document.title = "drawn";';
  const { html, sections } = renderReport(EMPTY, script, '9.9.9');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  assert.is(csp, `default-src 'none'; script-src 'sha256-${sha(script)}'; style-src 'sha256-${sha(style)}'; style-src-attr 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`);
  assert.ok(html.includes(`<script>${script}</script>`));
  assert.equal(sections, ['overview', 'users', 'funnel', 'retention', 'revenue', 'insights', 'quality', 'build', 'docs']);
});

test('text from the project is escaped, and chart data cannot close its script element', () => {
  const evil = '</script><script>alert(1)</script>';
  const { html, charts } = renderReport({
    ...EMPTY,
    project: evil,
    models: [{ name: 'm', path: 'models/m.sql', description: evil, materialized: 'table', tags: [], dependsOn: [], sources: [evil], columns: [] }],
  }, '', '1');
  assert.equal(charts, ['lineage']);
  assert.not.ok(html.includes('<script>alert(1)'));
  assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  // The lineage chart's JSON names the source; its < is escaped inside the data element.
  const data = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1]!;
  assert.ok(data.includes('\\u003c/script>\\u003cscript>alert(1)'));
  assert.is((JSON.parse(data) as { lineage: { series: { data: { name: string }[] }[] } }).lineage.series[0]!.data[0]!.name, evil);
});

test('with a BigQuery dry run of this target (cost.json), the build section shows the bytes of each model', () => {
  const cost = JSON.stringify({ metadata: { target: 'prod' }, total_bytes: 3 * 2 ** 30, total_cost_usd: 0.018311, price_per_tib_usd: 6.25, models: [{ name: 'a', bytes: 2 ** 30, cost_usd: 0.006104 }, { name: 'b', bytes: 2 * 2 ** 30, cost_usd: 0.012207 }, { name: 'c', bytes: null, cost_usd: null }] });
  const results = [{ id: 'model.a', kind: 'model' as const, name: 'a', status: 'success', seconds: 1.5, rows: 10 }];
  assert.is(buildFacts('this run', results, cost, 'dev').cost, null, "another target's estimate is not this one's");
  const build = buildFacts('this run', results, cost, 'prod');
  const { html, charts } = renderReport({ ...EMPTY, target: { name: 'prod', type: 'bigquery' }, build }, '', '1');
  assert.equal(charts, ['build-cost']);
  assert.ok(html.includes('Dry-run estimate: <strong>3.00 GiB</strong> processed, $0.02 at $6.25 per TiB.'));
  const data = JSON.parse(/<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, { yAxis: { data: string[] }; series: { data: number[] }[] }>;
  // Largest first; a model of unknown cost is left out of the chart.
  assert.equal([data['build-cost']!.yAxis.data, data['build-cost']!.series[0]!.data], [['b', 'a'], [2 * 2 ** 30, 2 ** 30]]);
});

test('the charts bundle is built and can be inlined: no text of it ends its script element', async () => {
  const { readChartsScript } = await import('../../core/plugins/report/charts-script.js');
  const { script } = await readChartsScript();
  assert.not.match(script, /<\/script/i);
  assert.ok(script.length > 100_000, 'the charts bundle is built (npm run build)');
});

test.run();
