/**
 * The report's HTML stage: one self-contained page from `ReportData` and the charts' script.
 * Styles, script and chart data are inline; a Content-Security-Policy allows exactly that
 * style and that script (by hash) and nothing else: no request can leave the page.
 */
import { createHash } from 'node:crypto';
import { buildChart, funnelChart, lineageChart, retentionCurvesChart, revenueCharts, stepRetentionChart, usersCharts, type ChartSpec } from './chart-specs.js';
import { formatBytesOrDash, formatChange, formatUsdOrDash, formatValue } from './format-value.js';
import { escapeHtml, htmlTable, jsonForScript, type Cell } from './html.js';
import type { ReportData, Unit } from './report-data.js';
import { REPORT_STYLE } from './report-style.js';

export interface RenderedReport {
  readonly html: string;
  /** The ids of the page's sections, in order (the browser tests screenshot each). */
  readonly sections: readonly string[];
  readonly charts: readonly string[];
}

interface Section {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

export function renderReport(data: ReportData, chartsScript: string, pdbVersion: string): RenderedReport {
  const charts: ChartSpec[] = [];
  const figure = (spec: ChartSpec): string => {
    charts.push(spec);
    return figureHtml(spec);
  };
  const sections: Section[] = [
    { id: 'overview', title: 'Overview', body: overview(data) },
    { id: 'users', title: 'Users', body: data.users === null ? skippedNote(data, 'Users') : usersCharts(data.users, data.incompleteDate).map(figure).join('') },
    { id: 'funnel', title: 'First-day funnel', body: funnelBody(data, figure) },
    { id: 'retention', title: 'Retention', body: retentionBody(data, figure) },
    { id: 'revenue', title: 'Revenue', body: data.revenue === null ? skippedNote(data, 'Revenue') || '<p class="note">No revenue is mapped.</p>' : revenueCharts(data.revenue, data.incompleteDate).map(figure).join('') },
    { id: 'insights', title: 'Insights', body: insightsBody(data) },
    { id: 'quality', title: 'Data quality and tests', body: qualityBody(data) },
    { id: 'build', title: 'Build and cost', body: buildBody(data, figure) },
    { id: 'docs', title: 'Models: lineage and docs', body: docsBody(data, figure) },
  ];
  const options = Object.fromEntries(charts.map((c) => [c.id, c.option]));
  const script = chartsScript;
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(REPORT_STYLE)}'`,
    // ECharts' SVG renderer and tooltip set style attributes; attributes cannot load or run anything.
    "style-src-attr 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `${data.project}: product report`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pdb ${escapeHtml(pdbVersion)}">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(title)}</h1>
<p>Target <code>${escapeHtml(data.target.name)}</code> (${escapeHtml(data.target.type)})${data.window === null ? ', no data built yet' : `, events from ${data.window.minDate} to ${data.window.maxDate}${data.incompleteDate === null ? '' : ` (the last day, ${data.incompleteDate}, may be incomplete)`}`}.</p>
<nav aria-label="Sections"><ul>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ul></nav>
</header>
<main>
${sections.map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-title">\n<h2 id="${s.id}-title">${escapeHtml(s.title)}</h2>\n${s.body}\n</section>`).join('\n')}
</main>
<script type="application/json" id="report-charts">${jsonForScript(options)}</script>
<script>${script}</script>
</body>
</html>
`;
  return { html, sections: sections.map((s) => s.id), charts: charts.map((c) => c.id) };
}

/** A CSP source of the exact text of an inline element. */
const sha256 = (text: string): string => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

function figureHtml(spec: ChartSpec): string {
  return `<figure class="chart-figure" id="figure-${spec.id}">
<h3>${escapeHtml(spec.title)}</h3>
<div class="scroll"><div class="chart" id="chart-${spec.id}" data-chart="${spec.id}" data-height="${spec.height}"${spec.width === undefined ? '' : ` data-width="${spec.width}"`} role="img" aria-label="${escapeHtml(`${spec.title}. ${spec.description}`)}"></div></div>
<figcaption>${escapeHtml(spec.description)}</figcaption>
<details class="table-view"><summary>Table: ${escapeHtml(spec.title)}</summary><div class="scroll">${htmlTable(spec.table.head, spec.table.rows)}</div></details>
</figure>`;
}

function skippedNote(data: ReportData, section: string): string {
  const reasons = data.skipped.filter((s) => s.section === section);
  return reasons.length === 0 ? '' : `<p class="skipped">Not shown: ${reasons.map((r) => escapeHtml(r.reason)).join('; ')}.</p>`;
}

function overview(data: ReportData): string {
  if (data.kpis === null) return '<p class="note">No complete day of data yet.</p>';
  const cards = data.kpis.kpis.map((k) => {
    const changeText = formatChange(k.value, k.previous, k.change, k.unit);
    const delta = k.value === null || k.previous === null ? 0 : k.value - k.previous;
    const direction = changeText === '–' || delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
    const arrow = direction === 'up' ? '▲ ' : direction === 'down' ? '▼ ' : '';
    const vs = k.previousPeriod === null ? 'no previous period yet' : `vs ${formatValue(k.previous, k.unit)} in ${k.previousPeriod.from} to ${k.previousPeriod.to}`;
    return `<div class="kpi" data-kpi="${k.key}"><div class="label">${escapeHtml(k.label)}</div><div class="value">${escapeHtml(formatValue(k.value, k.unit))}</div><div class="change ${direction}">${arrow}${escapeHtml(changeText)}</div><div class="vs">${escapeHtml(vs)}</div><div class="basis">${escapeHtml(`${k.basis}, ${k.period.from} to ${k.period.to}`)}</div></div>`;
  });
  const skipped = data.skipped.length === 0 ? '' : `<p class="skipped">Not shown: ${data.skipped.map((s) => escapeHtml(`${s.section}: ${s.reason}`)).join('; ')}.</p>`;
  return `<p class="note">The last ${data.kpis.days} complete days against the ${data.kpis.days} days before them${data.incompleteDate === null ? '' : ` (the incomplete last day, ${data.incompleteDate}, is left out)`}; retention and conversion over the cohorts of those days that can be observed.</p>
<div class="kpis">${cards.join('')}</div>${skipped}`;
}

function funnelBody(data: ReportData, figure: (spec: ChartSpec) => string): string {
  const funnel = data.funnel;
  if (funnel === null) return skippedNote(data, 'Funnel') || '<p class="note">No funnel data.</p>';
  const drop = funnel.largestDropOff;
  const callout = drop === null ? '' : `<p class="callout" id="largest-drop-off"><strong>Largest drop-off:</strong> from ${escapeHtml(drop.fromName)} to ${escapeHtml(drop.toName)}, ${escapeHtml(formatValue(drop.lostShare, 'rate'))} of users are lost (${escapeHtml(formatValue(drop.lostUsers, 'count'))} users).</p>`;
  return `${callout}${figure(funnelChart(funnel))}`;
}

function retentionBody(data: ReportData, figure: (spec: ChartSpec) => string): string {
  const grid = data.retention;
  const parts: string[] = [];
  if (grid === null) parts.push(skippedNote(data, 'Retention') || '<p class="note">No retention data.</p>');
  else {
    const max = Math.max(0, ...grid.rows.flatMap((r) => r.cells.filter((c): c is number => c !== null)));
    const shade = (v: number | null): Cell => (v === null ? { text: '', className: 'blank', title: 'not observable yet' } : { text: formatValue(v, 'rate'), className: `s${max === 0 ? 0 : Math.round((v / max) * 10)}` });
    const head = ['Cohort', 'Users', ...grid.days.map((d) => `D${d}`)];
    const rows: (string | Cell)[][] = grid.rows.map((r) => [r.cohort, formatValue(r.users, 'count'), ...r.cells.map(shade)]);
    const meanRow = `<tr class="mean"><th scope="row">Weighted mean</th><td class="num">${escapeHtml(formatValue(grid.meanUsers[0] ?? 0, 'count'))}</td>${grid.mean.map((v, i) => (v === null ? '<td class="blank" title="not observable yet"></td>' : `<td title="${escapeHtml(`${formatValue(grid.meanUsers[i] ?? 0, 'count')} cohort users`)}">${escapeHtml(formatValue(v, 'rate'))}</td>`)).join('')}</tr>`;
    const table = htmlTable(head, rows, { className: 'grid', rowHeaders: true, caption: 'Cohort retention: the share of each cohort (users by first day) active again on day N. Blank: day N is not observable yet. Darker: higher.' }).replace('</tbody>', `${meanRow}</tbody>`);
    parts.push(`<h3>Cohort retention grid</h3><div class="scroll" id="retention-grid">${table}</div>`);
    parts.push(figure(retentionCurvesChart(grid)));
  }
  if (data.retentionByStep !== null) parts.push(figure(stepRetentionChart(data.retentionByStep)));
  return parts.join('');
}

const FINDING_UNITS: Record<string, Unit> = { count: 'count', rate: 'rate', currency: 'money', currency_per_user: 'money' };

function insightsBody(data: ReportData): string {
  const insights = data.insights;
  if (insights === null) return skippedNote(data, 'Insights') || '<p class="note">No insights yet.</p>';
  const items = insights.insights.map((i) => {
    const cited = i.findings.map((f) => {
      const unit = FINDING_UNITS[f.unit] ?? 'count';
      return [f.id, f.metric, f.where || '–', formatValue(f.value, unit), f.baseline === null ? '–' : `${formatValue(f.baseline, unit)} (${f.baselineLabel})`, f.q === null ? '–' : f.q < 0.0001 ? '< 0.0001' : f.q.toFixed(4), f.significant ? 'yes' : 'no'];
    });
    return `<article class="insight"><h3>${escapeHtml(i.title)}</h3><p>${escapeHtml(i.statement)}</p>${i.hypothesis === null ? '' : `<p><em>Possible cause (a hypothesis):</em> ${escapeHtml(i.hypothesis)}</p>`}${i.recommendation === null ? '' : `<p><em>Recommendation:</em> ${escapeHtml(i.recommendation)}</p>`}${cited.length === 0 ? '' : `<div class="scroll">${htmlTable(['Finding', 'Metric', 'Where', 'Value', 'Compared with', 'q', 'Significant'], cited, { caption: 'The numbers it cites' })}</div>`}</article>`;
  });
  return `<p><strong>${escapeHtml(insights.headline)}</strong></p><p class="note">${insights.findings} findings, ${insights.significant} significant at the run's false discovery rate; narrative ${escapeHtml(insights.narrative)}. Full list: target/insights/insights.md.</p>${items.join('')}`;
}

const statusCell = (status: string): Cell => ({ text: status, badge: `status ${status}` });

function qualityBody(data: ReportData): string {
  const parts: string[] = [];
  const dq = data.dataQuality;
  parts.push('<h3>Data quality of the source</h3>');
  if (dq === null) parts.push('<p class="note">No data-quality scan yet (target/data_quality.json).</p>');
  else {
    parts.push(`<p class="note">${escapeHtml(formatValue(dq.rows, 'count'))} rows scanned${dq.window === null ? '' : `, dates ${dq.window.from} to ${dq.window.to}`}.</p>`);
    parts.push(`<div class="scroll" id="data-quality-checks">${htmlTable(['Check', 'Status', 'Value', 'Detail'], dq.checks.map((c) => [c.name, statusCell(c.status), c.value === null ? '–' : String(Number(c.value.toPrecision(4))), c.detail]))}</div>`);
  }
  const tests = data.tests.filter((t) => !t.benchmark);
  const benchmarks = data.tests.filter((t) => t.benchmark);
  const counts = (list: typeof data.tests): string => {
    const by = new Map<string, number>();
    for (const t of list) by.set(t.status, (by.get(t.status) ?? 0) + 1);
    return [...by].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${n} ${s}`).join(', ') || 'none';
  };
  const rows = (list: typeof data.tests) => [...list].sort((a, b) => rank(a.status) - rank(b.status) || (a.name < b.name ? -1 : 1)).map((t) => [t.name, statusCell(t.status), t.failures === null ? '–' : String(t.failures), t.message ?? '']);
  parts.push(`<h3>QA tests</h3><p class="note">${tests.length} data tests (${escapeHtml(counts(tests))}), ${data.build.source === 'none' ? 'no run yet' : `from ${escapeHtml(data.build.source)}`}; failures first.</p>`);
  if (tests.length > 0) parts.push(`<details class="table-view" id="qa-tests"${tests.some((t) => rank(t.status) < 2) ? ' open' : ''}><summary>Table: QA tests</summary><div class="scroll">${htmlTable(['Test', 'Status', 'Failing rows', 'Message'], rows(tests))}</div></details>`);
  parts.push(`<h3>Benchmarks</h3><p class="note">${benchmarks.length} metrics checked against the published ranges for the product's category (${escapeHtml(counts(benchmarks))}).</p>`);
  if (benchmarks.length > 0) parts.push(`<div class="scroll" id="benchmark-tests">${htmlTable(['Benchmark test', 'Status', 'Failing rows', 'Message'], rows(benchmarks))}</div>`);
  return parts.join('');
}

const rank = (status: string): number => (['error', 'fail'].includes(status) ? 0 : status === 'warn' ? 1 : 2);

function buildBody(data: ReportData, figure: (spec: ChartSpec) => string): string {
  const b = data.build;
  const parts: string[] = [];
  if (b.cost === null) parts.push(`<p class="note">No dry-run estimate for target <code>${escapeHtml(data.target.name)}</code> (target/cost.json): ${data.target.type === 'bigquery' ? 'run <code>pdb build --dry-run</code> to estimate the bytes each model scans.' : 'DuckDB builds locally and bills nothing.'}</p>`);
  else parts.push(`<p>Dry-run estimate: <strong>${escapeHtml(formatBytesOrDash(b.cost.totalBytes))}</strong> processed, ${escapeHtml(formatUsdOrDash(b.cost.totalCostUsd))}${b.cost.pricePerTiB === null ? '' : ` at $${b.cost.pricePerTiB} per TiB`}.</p>`);
  if (b.models.length === 0) parts.push('<p class="note">No model results yet.</p>');
  else parts.push(`<p class="note">${b.models.length} models; the run's steps took ${b.seconds.toFixed(2)} s together (summed: some run in parallel), from ${escapeHtml(b.source)}.</p>`);
  const chart = buildChart(b);
  if (chart !== null) parts.push(figure(chart));
  return parts.join('');
}

function docsBody(data: ReportData, figure: (spec: ChartSpec) => string): string {
  if (data.models.length === 0) return '<p class="note">No manifest yet (target/manifest.json): run <code>pdb compile</code>.</p>';
  const docs = data.models.map((m) => {
    const reads = [...m.sources.map((s) => `<code>${escapeHtml(s)}</code>`), ...m.dependsOn.map((d) => `<a href="#model-${escapeHtml(d)}"><code>${escapeHtml(d)}</code></a>`)].join(', ') || '–';
    const columns = m.columns.length === 0 ? '<p class="note">No columns documented.</p>' : htmlTable(['Column', 'Type', 'Description'], m.columns.map((c) => [c.name, c.dataType ?? '', c.description]));
    return `<details class="model-doc" id="model-${escapeHtml(m.name)}"><summary><code>${escapeHtml(m.name)}</code> ${escapeHtml(m.description.split('\n')[0] ?? '')}</summary><p>${escapeHtml(m.description)}</p><p class="note"><code>${escapeHtml(m.path)}</code>, ${escapeHtml(m.materialized)}${m.tags.length === 0 ? '' : `, tags ${escapeHtml(m.tags.join(', '))}`}. Reads: ${reads}.</p><div class="scroll">${columns}</div></details>`;
  });
  return `${figure(lineageChart(data.models))}<h3>Model and column descriptions</h3>${docs.join('\n')}`;
}
