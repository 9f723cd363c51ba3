/** The report's stylesheet (inlined; the page's policy allows it by hash). Light, print-friendly, no web fonts. */
export const REPORT_STYLE = `
:root { --fg: #1d2330; --muted: #5b6474; --line: #dde1e8; --bg: #f6f7f9; --card: #fff; --up: #1a7f37; --down: #c9302c; --accent: #2f5fd0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 24px 0; }
header.top h1 { margin: 0; font-size: 20px; }
header.top p { margin: 2px 0 8px; color: var(--muted); }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 0 0 8px; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover, nav a:focus { text-decoration: underline; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 24px 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
section > h2 { margin: 0 0 8px; font-size: 18px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.note { color: var(--muted); margin: 4px 0; }
.skipped { color: #8a5300; background: #fff7e6; border: 1px solid #f3d9a4; border-radius: 6px; padding: 6px 10px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin: 8px 0; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.kpi .label { color: var(--muted); font-size: 13px; }
.kpi .value { font-size: 24px; font-weight: 600; margin: 2px 0; }
.kpi .change { font-weight: 600; }
.kpi .change.up { color: var(--up); }
.kpi .change.down { color: var(--down); }
.kpi .vs, .kpi .basis { color: var(--muted); font-size: 12px; }
figure.chart-figure { margin: 12px 0 20px; }
figure.chart-figure h3 { margin-top: 8px; }
.chart { width: 100%; min-height: 200px; }
figcaption { color: var(--muted); font-size: 13px; margin: 4px 0; }
details.table-view { margin: 4px 0; }
details > summary { cursor: pointer; color: var(--accent); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 6px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: #f0f2f5; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.callout { border-left: 4px solid var(--down); background: #fdf1f0; padding: 8px 12px; margin: 8px 0; }
table.grid td { text-align: right; min-width: 56px; font-variant-numeric: tabular-nums; }
table.grid td.blank { background: repeating-linear-gradient(45deg, #fafafa, #fafafa 4px, #f0f0f0 4px, #f0f0f0 8px); }
table.grid tr.mean td, table.grid tr.mean th { font-weight: 700; border-top: 2px solid var(--fg); }
${Array.from({ length: 11 }, (_, i) => `table.grid td.s${i} { background: rgba(47, 95, 208, ${(0.06 + i * 0.085).toFixed(3)});${i >= 6 ? ' color: #fff;' : ''} }`).join('\n')}
.status { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; }
.status.pass, .status.success { background: #e3f4e8; color: var(--up); }
.status.warn { background: #fff3d6; color: #8a5300; }
.status.fail, .status.error { background: #fbe3e1; color: var(--down); }
.status.skipped, .status.reused, .status.cancelled { background: #eceef2; color: var(--muted); }
.insight { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 10px 0; }
.insight h3 { margin-top: 6px; }
.model-doc { border-top: 1px solid var(--line); padding: 6px 0; }
.model-doc summary code { font-weight: 600; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
@media print { details { display: block; } section { break-inside: avoid-page; } }
`;
