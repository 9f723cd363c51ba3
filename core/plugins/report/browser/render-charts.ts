/**
 * The report page's only script (bundled with the ECharts modules it uses by
 * scripts/bundle-report.mjs and inlined into the page): draws each chart container from the
 * options in the page's JSON data block, with the SVG renderer. It reads nothing from outside.
 */
import { BarChart, GraphChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, MarkAreaComponent, SVGRenderer]);

const number = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const money = number(2);
const percent = number(1);

function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) {
    v /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${v} B` : `${money.format(v)} ${units[unit]}`;
}

/** The named formatters chart options refer to (options are JSON: they cannot hold functions). */
const FORMATTERS: Record<string, (value: unknown) => string> = {
  '@count': (v) => (typeof v === 'number' ? count.format(v) : '–'),
  '@money': (v) => (typeof v === 'number' ? money.format(v) : '–'),
  '@seconds': (v) => (typeof v === 'number' ? `${money.format(v)} s` : '–'),
  '@bytes': (v) => (typeof v === 'number' ? bytes(v) : '–'),
  // Rates reach the charts already in percent.
  '@percent': (v) => (typeof v === 'number' ? `${percent.format(v)}%` : '–'),
};

function withFormatters(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withFormatters);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeof v === 'string' && (key === 'formatter' || key === 'valueFormatter') && v in FORMATTERS ? FORMATTERS[v] : withFormatters(v)]));
  }
  return value;
}

function draw(): void {
  const data = document.getElementById('report-charts');
  if (data === null) return;
  const options = JSON.parse(data.textContent ?? '{}') as Record<string, object>;
  const charts: echarts.ECharts[] = [];
  for (const element of document.querySelectorAll<HTMLElement>('[data-chart]')) {
    const option = options[element.dataset['chart'] ?? ''];
    if (option === undefined) continue;
    // Heights come as data: the page's policy allows no inline style attribute.
    element.style.height = `${Number(element.dataset['height'] ?? 320)}px`;
    if (element.dataset['width'] !== undefined) element.style.width = `${Number(element.dataset['width'])}px`;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption(withFormatters(option) as echarts.EChartsCoreOption);
    charts.push(chart);
  }
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

draw();
