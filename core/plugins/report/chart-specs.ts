/**
 * Every chart of the report as data: an Apache ECharts option built from the report's plain
 * data by pure functions (testable without a browser), a title, an accessible description that
 * says what the chart shows, and the same numbers as a table. Options hold no functions: a value
 * formatter is named (`@percent`, `@money`, `@count`) and the page's script supplies it.
 */
import { formatValue } from './format-value.js';
import { formatBytes, formatUsd } from '../../../src/cost/format-bytes.js';
import type { Breakdown, BuildFacts, Funnel, ModelDoc, RetentionGrid, RevenueSection, StepRetention, Unit, UsersSection } from './report-data.js';

export interface TableView {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ChartSpec {
  /** Unique in the page: the chart's element id is `chart-<id>`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly height: number;
  /** A fixed width in pixels (the page scrolls it sideways on a narrow screen); the page's width otherwise. */
  readonly width?: number;
  readonly option: Readonly<Record<string, unknown>>;
  readonly table: TableView;
}

const FORMATTER: Record<Unit, string> = { count: '@count', rate: '@percent', money: '@money' };
const INCOMPLETE_LABEL = 'incomplete';

/** The base of every cartesian chart: no animation (a report is read, not watched), the axis tooltip, a legend. */
function cartesian(categories: readonly string[], unit: Unit, series: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: FORMATTER[unit] },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', axisLabel: { formatter: FORMATTER[unit] } },
    series,
    ...extra,
  };
}

/**
 * Marks the incomplete last day, labelled, on the first series: its bars faded, or for lines the
 * segment leading to it from the day before shaded.
 */
function markIncomplete(series: Record<string, unknown>[], dates: readonly string[], incomplete: string | null): Record<string, unknown>[] {
  if (incomplete === null || series.length === 0 || !dates.includes(incomplete)) return series;
  const index = dates.indexOf(incomplete);
  const bars = series[0]!['type'] === 'bar';
  const from = bars ? incomplete : (dates[index - 1] ?? incomplete);
  // Bars of the incomplete day are drawn faded as well: a mark area cannot cover a whole bar's band.
  const faded = bars ? series.map((s) => ({ ...s, data: (s['data'] as unknown[]).map((v, i) => (i === index ? { value: v, itemStyle: { opacity: 0.4 } } : v)) })) : series;
  const [first, ...rest] = faded;
  return [{ ...first, markArea: { silent: true, itemStyle: { color: 'rgba(128,128,128,0.18)' }, label: { show: true, position: 'insideTopRight', formatter: INCOMPLETE_LABEL, color: '#555' }, data: [[{ xAxis: from }, { xAxis: incomplete }]] } }, ...rest];
}

const round = (value: number | null, digits: number): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const pct = (value: number | null): number | null => round(value === null ? null : value * 100, 2);
const dateLabel = (date: string, incomplete: string | null): string => (date === incomplete ? `${date} (incomplete)` : date);

export function usersCharts(users: UsersSection, incomplete: string | null): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const peak = Math.max(0, ...users.dau);
  charts.push({
    id: 'users-daily',
    title: 'Daily active users and new users',
    description: `Daily active users and new users per day from ${users.dates[0] ?? '–'} to ${users.dates.at(-1) ?? '–'}; DAU peaks at ${formatValue(peak, 'count')}.${incomplete === null ? '' : ` The last day, ${incomplete}, is marked incomplete.`}`,
    height: 320,
    option: cartesian(users.dates, 'count', markIncomplete([
      { type: 'line', name: 'DAU', data: users.dau, showSymbol: false },
      { type: 'line', name: 'New users', data: users.newUsers, showSymbol: false },
    ], users.dates, incomplete)),
    table: { head: ['Date', 'DAU', 'New users'], rows: users.dates.map((d, i) => [dateLabel(d, incomplete), formatValue(users.dau[i]!, 'count'), formatValue(users.newUsers[i]!, 'count')]) },
  });
  if (users.byChannel !== null) charts.push(stackedBreakdown('new-by-channel', 'New users by channel', users.byChannel, 'count', incomplete));
  if (users.byGeo !== null) charts.push(stackedBreakdown('new-by-geo', `New users by ${users.byGeo.label.toLowerCase()}`, users.byGeo, 'count', incomplete));
  return charts;
}

export function stackedBreakdown(id: string, title: string, b: Breakdown, unit: Unit, incomplete: string | null): ChartSpec {
  const totals = b.series.map((s) => ({ name: s.name, total: s.values.reduce((a, v) => a + v, 0) }));
  const all = totals.reduce((a, t) => a + t.total, 0);
  const largest = totals[0];
  return {
    id,
    title,
    description: `${title} per day, stacked, ${b.series.length} groups.${largest === undefined || all === 0 ? '' : ` The largest, ${largest.name}, is ${formatValue(largest.total / all, 'rate')} of the total.`}${incomplete === null ? '' : ` The last day, ${incomplete}, is marked incomplete.`}`,
    height: 340,
    option: cartesian(b.dates, unit, markIncomplete(b.series.map((s) => ({ type: 'bar', name: s.name, stack: 'total', data: unit === 'money' ? s.values.map((v) => round(v, 2)) : s.values })), b.dates, incomplete)),
    table: { head: ['Date', ...b.series.map((s) => s.name)], rows: b.dates.map((d, i) => [dateLabel(d, incomplete), ...b.series.map((s) => formatValue(s.values[i]!, unit))]) },
  };
}

export function funnelChart(funnel: Funnel): ChartSpec {
  const names = ['New users', ...funnel.steps.map((s) => s.name)];
  const users = [funnel.newUsers, ...funnel.steps.map((s) => s.users)];
  const drop = funnel.largestDropOff;
  return {
    id: 'funnel',
    title: 'First-day funnel',
    description: `New users of the cohorts ${funnel.cohorts.from} to ${funnel.cohorts.to} and how many reach each funnel step on their first day.${drop === null ? '' : ` The largest drop-off is from ${drop.fromName} to ${drop.toName}: ${formatValue(drop.lostShare, 'rate')} of users are lost.`}`,
    height: 60 + names.length * 44,
    option: {
      animation: false,
      grid: { left: 8, right: 90, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: '@count' },
      xAxis: { type: 'value', axisLabel: { formatter: '@count' } },
      yAxis: { type: 'category', inverse: true, data: names },
      series: [{
        type: 'bar',
        name: 'Users',
        // Each bar says its users and its share of the new users; the largest drop-off's bar is red.
        data: users.map((u, i) => ({
          value: u,
          label: { formatter: `${formatValue(u, 'count')} (${formatValue(funnel.newUsers === 0 ? null : u / funnel.newUsers, 'rate')})` },
          ...(drop !== null && i === funnel.steps.findIndex((s) => s.step === drop.step) + 1 ? { itemStyle: { color: '#c9302c' } } : {}),
        })),
        label: { show: true, position: 'right' },
      }],
    },
    table: {
      head: ['Step', 'Users', 'From start', 'From previous step'],
      rows: [['New users', formatValue(funnel.newUsers, 'count'), formatValue(1, 'rate'), '–'], ...funnel.steps.map((s) => [`${s.step}. ${s.name}`, formatValue(s.users, 'count'), formatValue(s.fromStart, 'rate'), formatValue(s.fromPrevious, 'rate')])],
    },
  };
}

export function retentionCurvesChart(grid: RetentionGrid): ChartSpec {
  const days = grid.days.map((d) => `D${d}`);
  const series = [
    { type: 'line', name: 'All cohorts (weighted)', data: grid.mean.map(pct), itemStyle: { color: '#1d2330' }, lineStyle: { width: 4, color: '#1d2330' } },
    ...grid.curves.map((c) => ({ type: 'line', name: c.name, data: c.cells.map(pct), showSymbol: true, symbolSize: 4 })),
  ];
  const d1 = grid.mean[grid.days.indexOf(1)] ?? null;
  const d7 = grid.mean[grid.days.indexOf(7)] ?? null;
  return {
    id: 'retention-curves',
    title: 'Retention curves',
    description: `Share of each cohort active again on day N, for all cohorts weighted by size and for each week of cohorts: D1 ${formatValue(d1, 'rate')}, D7 ${formatValue(d7, 'rate')} over all cohorts. A week's curve stops at the last day N all of its cohorts reached.`,
    height: 340,
    option: cartesian(days, 'rate', series, { xAxis: { type: 'category', data: days, boundaryGap: false } }),
    table: { head: ['Cohorts', ...days], rows: [['All cohorts (weighted)', ...grid.mean.map((v) => formatValue(v, 'rate'))], ...grid.curves.map((c) => [c.name, ...c.cells.map((v) => formatValue(v, 'rate'))])] },
  };
}

export function stepRetentionChart(steps: StepRetention): ChartSpec {
  const days = steps.days.map((d) => `D${d}`);
  const deepest = steps.steps.at(-1);
  const none = steps.steps[0];
  const d1 = steps.days.indexOf(1);
  return {
    id: 'retention-by-step',
    title: 'Retention by last first-day funnel step',
    description: `Retention on day N of new users grouped by the last funnel step they reached on their first day (weighted over every cohort that can be observed).${deepest === undefined || none === undefined || d1 < 0 ? '' : ` D1: ${formatValue(none.cells[d1] ?? null, 'rate')} for ${none.name}, ${formatValue(deepest.cells[d1] ?? null, 'rate')} for ${deepest.name}.`}`,
    height: 320,
    option: cartesian(days, 'rate', steps.steps.map((s) => ({ type: 'line', name: `${s.step}. ${s.name}`, data: s.cells.map(pct) })), { xAxis: { type: 'category', data: days, boundaryGap: false } }),
    table: { head: ['Last step', 'Users', ...days], rows: steps.steps.map((s) => [`${s.step}. ${s.name}`, formatValue(s.users, 'count'), ...s.cells.map((v) => formatValue(v, 'rate'))]) },
  };
}

export function revenueCharts(revenue: RevenueSection, incomplete: string | null): ChartSpec[] {
  const total = revenue.revenue.reduce((a, v) => a + v, 0);
  const charts: ChartSpec[] = [{
    id: 'revenue-daily',
    title: 'Revenue by day',
    description: `Revenue per day from ${revenue.dates[0] ?? '–'} to ${revenue.dates.at(-1) ?? '–'}, ${formatValue(total, 'money')} in total.${incomplete === null ? '' : ` The last day, ${incomplete}, is marked incomplete.`}`,
    height: 320,
    option: cartesian(revenue.dates, 'money', markIncomplete([{ type: 'bar', name: 'Revenue', data: revenue.revenue.map((v) => round(v, 2)) }], revenue.dates, incomplete)),
    table: {
      head: ['Date', 'Revenue', 'Paying users', 'ARPDAU'],
      rows: revenue.dates.map((d, i) => [dateLabel(d, incomplete), formatValue(revenue.revenue[i]!, 'money'), formatValue(revenue.payingUsers[i]!, 'count'), formatValue(revenue.arpdau[i] ?? null, 'money')]),
    },
  }];
  if (revenue.byType !== null) charts.push(stackedBreakdown('revenue-by-type', 'Revenue by type', revenue.byType, 'money', incomplete));
  if (revenue.byGeo !== null && revenue.byGeo.rows.length > 0) {
    const geo = revenue.byGeo;
    const top = geo.rows[0]!;
    charts.push({
      id: 'revenue-by-geo',
      title: `Revenue by ${geo.label.toLowerCase()}`,
      description: `Revenue of the whole window by ${geo.label.toLowerCase()} (the ${geo.label.toLowerCase()} of the paying user), largest first: ${top.geo} has ${formatValue(top.revenue, 'money')}${total > 0 ? ` (${formatValue(top.revenue / total, 'rate')})` : ''}.`,
      height: 60 + geo.rows.length * 30,
      option: horizontalBars(geo.rows.map((r) => r.geo), geo.rows.map((r) => round(r.revenue, 2)), '@money'),
      table: { head: [geo.label, 'Revenue', 'Share'], rows: geo.rows.map((r) => [r.geo, formatValue(r.revenue, 'money'), formatValue(total === 0 ? null : r.revenue / total, 'rate')]) },
    });
  }
  return charts;
}

/**
 * A column per layer of the project (sources, staging, intermediate, metrics, other models), left
 * to right as the data flows; in a column, what is read by the others comes first.
 */
export function lineageChart(models: readonly ModelDoc[]): ChartSpec {
  const byName = new Map(models.map((m) => [m.name, m]));
  const depth = new Map<string, number>();
  const depthOf = (name: string, seen: ReadonlySet<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    const m = byName.get(name);
    if (m === undefined || seen.has(name)) return 0;
    const d = 1 + Math.max(0, ...m.dependsOn.map((dep) => depthOf(dep, new Set([...seen, name]))));
    depth.set(name, d);
    return d;
  };
  const categories = ['source', 'staging', 'intermediate', 'metrics', 'model'];
  const kind = (name: string): string => (!byName.has(name) ? 'source' : (byName.get(name)!.path.split('/').find((p) => categories.slice(1, 4).includes(p)) ?? 'model'));
  const names = [...new Set([...models.flatMap((m) => m.sources), ...models.map((m) => m.name)])];
  const columns = new Map<number, string[]>();
  for (const name of names) {
    const column = categories.indexOf(kind(name));
    (columns.get(column) ?? columns.set(column, []).get(column)!).push(name);
  }
  for (const column of columns.values()) column.sort((a, b) => depthOf(a, new Set()) - depthOf(b, new Set()) || (a < b ? -1 : a > b ? 1 : 0));
  const order = [...columns.keys()].sort((a, b) => a - b);
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const nodes = order.flatMap((column, x) => columns.get(column)!.map((name, i) => ({ name, x: x * 300, y: (i + (tallest - columns.get(column)!.length) / 2) * 40, category: column })));
  const links = models.flatMap((m) => [...m.sources, ...m.dependsOn].map((from) => ({ source: from, target: m.name })));
  const sources = names.filter((n) => !byName.has(n)).length;
  return {
    id: 'lineage',
    title: 'Lineage of the models',
    description: `${models.length} models read from ${sources} source ${sources === 1 ? 'table' : 'tables'}, in columns left to right: ${order.map((c) => categories[c]).join(', ')}. The table lists what each model reads.`,
    height: Math.max(240, 80 + tallest * 40),
    option: {
      animation: false,
      tooltip: {},
      legend: { top: 0, data: categories.filter((c) => nodes.some((n) => categories[n.category] === c)) },
      series: [{
        type: 'graph',
        layout: 'none',
        top: 40,
        left: 20,
        right: 250,
        bottom: 20,
        symbolSize: 12,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 6,
        label: { show: true, position: 'right', fontSize: 11 },
        // Curved, so that edges between models of one column stay visible.
        lineStyle: { opacity: 0.5, curveness: 0.25 },
        categories: categories.map((name) => ({ name })),
        data: nodes,
        links,
      }],
    },
    table: { head: ['Model', 'Reads'], rows: models.map((m) => [m.name, [...m.sources, ...m.dependsOn].join(', ') || '–']) },
  };
}

/** Where a run's time went (DuckDB), or what each model would scan (a BigQuery dry run): the largest first. */
export function buildChart(build: BuildFacts): ChartSpec | null {
  if (build.cost !== null) {
    const models = [...build.cost.models].filter((m) => m.bytes !== null).sort((a, b) => b.bytes! - a.bytes! || (a.name < b.name ? -1 : 1));
    if (models.length === 0) return null;
    return {
      id: 'build-cost',
      title: 'Bytes processed by model (dry run)',
      description: `What each of ${models.length} models would scan on BigQuery by the last dry run, largest first: ${models[0]!.name} scans ${formatBytes(models[0]!.bytes!)}.`,
      height: 60 + models.length * 26,
      option: horizontalBars(models.map((m) => m.name), models.map((m) => m.bytes), '@bytes'),
      table: { head: ['Model', 'Bytes processed', 'Cost'], rows: models.map((m) => [m.name, formatBytes(m.bytes!), m.costUsd === null ? '–' : formatUsd(m.costUsd)]) },
    };
  }
  const models = [...build.models].sort((a, b) => b.seconds - a.seconds || (a.name < b.name ? -1 : 1));
  if (models.length === 0) return null;
  return {
    id: 'build-time',
    title: 'Time by model',
    description: `Seconds each of ${models.length} models took in the run, slowest first: ${models[0]!.name} took ${models[0]!.seconds.toFixed(2)} s.`,
    height: 60 + models.length * 26,
    option: horizontalBars(models.map((m) => m.name), models.map((m) => round(m.seconds, 3)), '@seconds'),
    table: { head: ['Model', 'Status', 'Rows', 'Seconds'], rows: models.map((m) => [m.name, m.status, m.rows === null ? '–' : formatValue(m.rows, 'count'), m.seconds.toFixed(3)]) },
  };
}

function horizontalBars(names: readonly string[], values: readonly (number | null)[], formatter: string): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: formatter },
    xAxis: { type: 'value', axisLabel: { formatter } },
    yAxis: { type: 'category', inverse: true, data: names },
    series: [{ type: 'bar', data: values }],
  };
}
