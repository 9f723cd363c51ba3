/**
 * Reads the aggregates the findings engine needs from the built metric and intermediate tables,
 * through the plugin API's query(). Every query groups in the database; only aggregates (a row per
 * date, segment or step) reach the plugin. An analysis whose tables are missing (e.g. no revenue
 * mapped) is skipped and says why.
 */
import type { DialectInfo, Row } from '../../../src/plugins/plugin-api.js';
import type { DailyPoint, DailySeries, DimensionDaily, FunnelData, HeadlineRate, MetricData, SegmentCell, SegmentMetric } from './metric-data.js';
import { dateString, num } from '../shared/row-values.js';

export interface TableReader {
  readonly dialect: DialectInfo;
  query(sql: string): Promise<readonly Row[]>;
  /** The relation of a built model, or undefined when it is not built. */
  relationOf(model: string): string | undefined;
  /** The days N that int_user_funnel has a returned_day_N column for: the retention_days var. */
  readonly retentionDays: readonly number[];
}

/**
 * Days N of the retention segments: D1, D7 and D30, the days retention is commonly compared on
 * (a segment per day is another test, so not every day), of those the build has a column for:
 * a retention_days var without 30 has no D30 segments.
 */
const SEGMENT_DAYS = [1, 7, 30] as const;

export async function readMetrics(reader: TableReader): Promise<MetricData> {
  const skipped: { analysis: string; reason: string }[] = [];
  const need = (analysis: string, models: readonly string[]): Record<string, string> | undefined => {
    const missing = models.filter((m) => reader.relationOf(m) === undefined);
    if (missing.length === 0) return Object.fromEntries(models.map((m) => [m, reader.relationOf(m)!]));
    skipped.push({ analysis, reason: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not built (the mapping may lack the field it needs)` });
    return undefined;
  };

  const windowTables = need('window', ['int_window']);
  const window = windowTables === undefined ? null : await readWindow(reader, windowTables['int_window']!);
  if (window === null) return { window, series: [], segments: [], dimensionDaily: [], funnel: null, headlines: [], skipped };
  const dates = datesBetween(window.minDate, window.maxDate);

  const series: DailySeries[] = [];
  const dau = need('daily active users', ['date_wise_dau']);
  if (dau) series.push(await dailySeries(reader, dau['date_wise_dau']!, dates, { metric: 'dau', label: 'Daily active users', table: 'date_wise_dau', unit: 'count', value: 'dau', n: 'dau' }));
  const newUsers = need('new users', ['date_wise_new_logins_overall']);
  if (newUsers) series.push(await dailySeries(reader, newUsers['date_wise_new_logins_overall']!, dates, { metric: 'new_users', label: 'New users', table: 'date_wise_new_logins_overall', unit: 'count', value: 'new_users', n: 'new_users' }));
  const revenue = need('revenue', ['date_wise_revenue']);
  if (revenue) {
    const relation = revenue['date_wise_revenue']!;
    series.push(await dailySeries(reader, relation, dates, { metric: 'revenue', label: 'Revenue', table: 'date_wise_revenue', unit: 'currency', value: 'revenue', n: 'paying_users', payers: 'paying_users' }));
    series.push(await dailySeries(reader, relation, dates, { metric: 'arpdau', label: 'ARPDAU', table: 'date_wise_revenue', unit: 'currency_per_user', value: 'arpdau', n: 'dau', payers: 'paying_users' }));
  }
  const byType = need('revenue by type', ['date_wise_revenue_by_type']);
  if (byType) series.push(...(await revenueByType(reader, byType['date_wise_revenue_by_type']!, dates)));

  const funnelTables = need('funnel', ['event_funnel_first_login', 'date_wise_new_logins_overall']);
  const funnel = funnelTables === undefined ? null : await readFunnel(reader, funnelTables['event_funnel_first_login']!, funnelTables['date_wise_new_logins_overall']!, window, dates, series);

  const segments: SegmentMetric[] = [];
  const users = need('segments', ['int_users', 'int_user_days', 'int_window']);
  if (users) {
    const funnelUsers = reader.relationOf('int_user_funnel');
    if (funnelUsers === undefined) skipped.push({ analysis: 'retention by segment', reason: 'int_user_funnel is not built' });
    else if (!SEGMENT_DAYS.some((day) => reader.retentionDays.includes(day))) skipped.push({ analysis: 'retention by segment', reason: `the retention_days var has none of days ${SEGMENT_DAYS.join(', ')}` });
    for (const dimension of ['channel', 'geo'] as const) {
      if (funnelUsers !== undefined) segments.push(...(await retentionSegments(reader, users, funnelUsers, dimension)));
      if (funnelUsers !== undefined && funnel !== null) segments.push(...(await funnelSegments(reader, users['int_users']!, funnelUsers, dimension, funnel)));
    }
    const revenueDays = reader.relationOf('int_user_revenue_days');
    if (revenueDays === undefined) skipped.push({ analysis: 'payer rate and revenue per user by segment', reason: 'int_user_revenue_days is not built (no revenue mapped)' });
    else for (const dimension of ['channel', 'geo'] as const) segments.push(...(await revenueSegments(reader, users['int_users']!, revenueDays, dimension)));
  }

  const dimensionDaily: DimensionDaily[] = [];
  const byChannel = need('channels that stop reporting', ['date_wise_new_logins_by_channel']);
  if (byChannel) dimensionDaily.push(await dimensionRows(reader, byChannel['date_wise_new_logins_by_channel']!, 'date_wise_new_logins_by_channel', 'channel', 'channel', dates));
  const byGeo = need('countries that stop reporting', ['date_wise_new_logins_by_country']);
  if (byGeo) dimensionDaily.push(await dimensionRows(reader, byGeo['date_wise_new_logins_by_country']!, 'date_wise_new_logins_by_country', 'geo', 'geo', dates));

  const headlines: HeadlineRate[] = [];
  const retention = need('retention benchmarks', ['retention_by_cohort_date']);
  if (retention) headlines.push(...(await retentionHeadlines(reader, retention['retention_by_cohort_date']!, window)));
  if (users && reader.relationOf('int_user_revenue_days') !== undefined) headlines.push(await payerHeadline(reader, users['int_user_days']!, reader.relationOf('int_user_revenue_days')!, window));

  return { window, series, segments, dimensionDaily, funnel, headlines, skipped };
}

async function readWindow(reader: TableReader, relation: string): Promise<{ minDate: string; maxDate: string } | null> {
  const [row] = await reader.query(`select min_date, max_date from ${relation}`);
  if (row === undefined || row['min_date'] == null || row['max_date'] == null) return null;
  return { minDate: dateString(row['min_date']), maxDate: dateString(row['max_date']) };
}

interface SeriesSpec {
  readonly metric: string;
  readonly label: string;
  readonly table: string;
  readonly unit: DailySeries['unit'];
  readonly value: string;
  readonly n: string;
  /** A column of paying users, for revenue series. */
  readonly payers?: string;
}

async function dailySeries(reader: TableReader, relation: string, dates: readonly string[], spec: SeriesSpec): Promise<DailySeries> {
  const q = reader.dialect.quoteIdentifier;
  const rows = await reader.query(`select event_date, ${q(spec.value)} as value, ${q(spec.n)} as n${spec.payers === undefined ? '' : `, ${q(spec.payers)} as payers`} from ${relation}`);
  const byDate = new Map(rows.map((r) => [dateString(r['event_date']), r]));
  const points: DailyPoint[] = dates.map((date) => {
    const row = byDate.get(date);
    return { date, value: row === undefined ? 0 : nullableNumber(row['value']), n: row === undefined ? 0 : num(row['n']), ...(spec.payers === undefined ? {} : { payers: num(row?.['payers']) }) };
  });
  return { metric: spec.metric, label: spec.label, table: spec.table, unit: spec.unit, points };
}

async function revenueByType(reader: TableReader, relation: string, dates: readonly string[]): Promise<DailySeries[]> {
  const rows = await reader.query(`select event_date, revenue_type, revenue, paying_users from ${relation}`);
  const types = [...new Set(rows.map((r) => String(r['revenue_type'])))].sort();
  const labels: Record<string, string> = { iap: 'In-app purchase revenue', ads: 'Ad revenue', subscription: 'Subscription revenue', other: 'Other revenue' };
  return types.map((type) => {
    const byDate = new Map(rows.filter((r) => String(r['revenue_type']) === type).map((r) => [dateString(r['event_date']), r]));
    const points = dates.map((date) => ({ date, value: num(byDate.get(date)?.['revenue']), n: num(byDate.get(date)?.['paying_users']), payers: num(byDate.get(date)?.['paying_users']) }));
    return { metric: `revenue_${type}`, label: labels[type] ?? `Revenue (${type})`, table: 'date_wise_revenue_by_type', unit: 'currency' as const, points };
  });
}

async function readFunnel(reader: TableReader, funnelRelation: string, newUsersRelation: string, window: { minDate: string; maxDate: string }, dates: readonly string[], series: DailySeries[]): Promise<FunnelData | null> {
  const rows = await reader.query(`select cohort_date, step, step_name, users from ${funnelRelation}`);
  if (rows.length === 0) return null;
  const newUserRows = await reader.query(`select event_date, new_users from ${newUsersRelation}`);
  const newUsersByDate = new Map(newUserRows.map((r) => [dateString(r['event_date']), num(r['new_users'])]));
  const middle = dates[Math.floor(dates.length / 2)] ?? window.minDate;
  const last = window.maxDate;
  const half = (date: string): 'firstHalf' | 'secondHalf' => (date < middle ? 'firstHalf' : 'secondHalf');
  const steps = new Map<number, { step: number; name: string; firstHalf: number; secondHalf: number }>();
  const stepDaily = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const date = dateString(r['cohort_date']);
    const step = num(r['step']);
    const entry = steps.get(step) ?? { step, name: String(r['step_name']), firstHalf: 0, secondHalf: 0 };
    if (date !== last) entry[half(date)] += num(r['users']);
    steps.set(step, entry);
    const daily = stepDaily.get(step) ?? new Map<string, number>();
    daily.set(date, num(r['users']));
    stepDaily.set(step, daily);
  }
  const newUsers = { firstHalf: 0, secondHalf: 0 };
  for (const [date, n] of newUsersByDate) if (date !== last && newUsersByDate.has(date)) newUsers[half(date)] += n;
  const ordered = [...steps.values()].sort((a, b) => a.step - b.step);
  // Daily conversion from the first step to each later step, as series for the anomaly detector.
  const first = stepDaily.get(ordered[0]?.step ?? 1) ?? new Map<string, number>();
  for (const s of ordered.slice(1)) {
    const daily = stepDaily.get(s.step)!;
    series.push({
      metric: `funnel_rate_step_${s.step}`,
      label: `First-day conversion to ${s.name}`,
      table: 'event_funnel_first_login',
      unit: 'rate',
      points: dates.map((date) => {
        const base = first.get(date) ?? 0;
        return { date, value: base === 0 ? null : (daily.get(date) ?? 0) / base, n: base };
      }),
    });
  }
  return { table: 'event_funnel_first_login', newUsers, steps: ordered };
}

async function retentionSegments(reader: TableReader, tables: Record<string, string>, funnelRelation: string, dimension: 'channel' | 'geo'): Promise<SegmentMetric[]> {
  const days = SEGMENT_DAYS.filter((day) => reader.retentionDays.includes(day));
  if (days.length === 0) return [];
  const q = reader.dialect.quoteIdentifier;
  // A union of constants reads the same on every engine, so no branch on the engine is needed.
  const dayN = `(${days.map((day) => `select ${day} as day_n`).join(' union all ')}) as d`;
  // Each new user's returns are in int_user_funnel (returned_day_N), so no per-user-day table is read.
  const returned = `case day_n ${days.map((day) => `when ${day} then f.returned_day_${day}`).join(' ')} end`;
  // Only cohorts old enough: day N falls before the last (possibly incomplete) day of the window.
  const sql = `
select u.${q(dimension)} as segment, day_n, count(*) as n, count(case when ${returned} > 0 then 1 end) as k, max(u.geo_level) as geo_level
from ${funnelRelation} as f
inner join ${tables['int_users']} as u on u.user_id = f.user_id
cross join ${dayN}
cross join ${tables['int_window']} as w
where ${reader.dialect.addDays('f.cohort_date', 'day_n')} < w.max_date
group by u.${q(dimension)}, day_n`;
  const rows = await reader.query(sql);
  const label = dimensionLabel(dimension, rows);
  return days.map((day) => ({
    metric: `retention_d${day}`,
    label: `D${day} retention`,
    table: 'int_users, int_user_funnel',
    dimension,
    dimensionLabel: label,
    unit: 'rate' as const,
    cells: rows.filter((r) => num(r['day_n']) === day).map((r): SegmentCell => ({ type: 'proportion', segment: String(r['segment']), n: num(r['n']), k: num(r['k']) })),
  })).filter((s) => s.cells.length > 0);
}

async function funnelSegments(reader: TableReader, usersRelation: string, funnelRelation: string, dimension: 'channel' | 'geo', funnel: FunnelData): Promise<SegmentMetric[]> {
  // The deepest step that at least 5% of new users reach: a conversion with enough events to compare.
  const total = funnel.newUsers.firstHalf + funnel.newUsers.secondHalf;
  const deep = [...funnel.steps].reverse().find((s) => s.step > 1 && (s.firstHalf + s.secondHalf) >= 0.05 * total);
  if (deep === undefined) return [];
  const q = reader.dialect.quoteIdentifier;
  const rows = await reader.query(`
select u.${q(dimension)} as segment, count(*) as n, sum(case when f.last_step >= ${deep.step} then 1 else 0 end) as k, max(u.geo_level) as geo_level
from ${funnelRelation} as f
inner join ${usersRelation} as u on u.user_id = f.user_id
group by u.${q(dimension)}`);
  return [{
    metric: `funnel_conversion_step_${deep.step}`,
    label: `First-day conversion to ${deep.name}`,
    table: 'int_user_funnel, int_users',
    dimension,
    dimensionLabel: dimensionLabel(dimension, rows),
    unit: 'rate',
    cells: rows.map((r): SegmentCell => ({ type: 'proportion', segment: String(r['segment']), n: num(r['n']), k: num(r['k']) })),
  }];
}

/**
 * Payer rate and revenue per user by segment. Revenue per user is heavy-tailed (a few large
 * spenders), so its test uses moments capped at the 99th percentile of paying users' revenue
 * (winsorized); the value shown is the plain mean.
 */
async function revenueSegments(reader: TableReader, usersRelation: string, revenueRelation: string, dimension: 'channel' | 'geo'): Promise<SegmentMetric[]> {
  const q = reader.dialect.quoteIdentifier;
  const rows = await reader.query(`
with per_user as (
  select user_id, sum(revenue) as revenue, max(has_positive_revenue) as payer
  from ${revenueRelation}
  group by user_id
),
cap as (
  select ${reader.dialect.percentile('revenue', 99)} as cap from per_user where revenue > 0
),
users as (
  select u.${q(dimension)} as segment, u.geo_level, coalesce(r.payer, 0) as payer, coalesce(r.revenue, 0) as revenue,
    least(coalesce(r.revenue, 0), coalesce(c.cap, 0)) as capped
  from ${usersRelation} as u
  left join per_user as r on r.user_id = u.user_id
  cross join cap as c
)
select segment, count(*) as n, sum(payer) as payers,
  sum(revenue) as revenue, sum(revenue * revenue) as revenue_squares,
  sum(capped) as capped, sum(capped * capped) as capped_squares,
  max(geo_level) as geo_level
from users
group by segment`);
  const label = dimensionLabel(dimension, rows);
  return [
    { metric: 'payer_rate', label: 'Payer rate', table: 'int_user_revenue_days, int_users', dimension, dimensionLabel: label, unit: 'rate', cells: rows.map((r): SegmentCell => ({ type: 'proportion', segment: String(r['segment']), n: num(r['n']), k: num(r['payers']) })) },
    {
      metric: 'revenue_per_user',
      label: 'Revenue per user',
      table: 'int_user_revenue_days, int_users',
      dimension,
      dimensionLabel: label,
      unit: 'currency_per_user',
      cells: rows.map((r): SegmentCell => ({ type: 'mean', segment: String(r['segment']), n: num(r['n']), sum: num(r['revenue']), sumSquares: num(r['revenue_squares']), capped: { sum: num(r['capped']), sumSquares: num(r['capped_squares']) } })),
    },
  ];
}


async function dimensionRows(reader: TableReader, relation: string, table: string, column: string, dimension: string, dates: readonly string[]): Promise<DimensionDaily> {
  const q = reader.dialect.quoteIdentifier;
  const rows = await reader.query(`select event_date, ${q(column)} as segment, sum(new_users) as n from ${relation} group by event_date, ${q(column)}`);
  return { metric: 'new_users', table, dimension, dates, rows: rows.map((r) => ({ segment: String(r['segment']), date: dateString(r['event_date']), count: num(r['n']) })) };
}

async function retentionHeadlines(reader: TableReader, relation: string, window: { maxDate: string }): Promise<HeadlineRate[]> {
  const rows = await reader.query(`
select day_n, sum(cohort_users) as n, sum(retained_users) as k
from ${relation}
where ${reader.dialect.addDays('cohort_date', 'day_n')} < ${dateLiteral(reader.dialect, window.maxDate)}
group by day_n`);
  const out: HeadlineRate[] = [];
  // The days benchmarks publish; one the retention_days var lacks has no row and no headline.
  for (const day of [1, 7, 14, 28, 30]) {
    const row = rows.find((r) => num(r['day_n']) === day);
    if (row === undefined || num(row['n']) === 0) continue;
    out.push({ benchmark: `d${day}_retention`, metric: `retention_d${day}`, label: `D${day} retention`, table: 'retention_by_cohort_date', k: num(row['k']), n: num(row['n']) });
  }
  return out;
}

/** Share of users active in the last 30 days of the window who made a purchase in those days. */
async function payerHeadline(reader: TableReader, userDays: string, revenueDays: string, window: { maxDate: string }): Promise<HeadlineRate> {
  const since = reader.dialect.addDays(dateLiteral(reader.dialect, window.maxDate), '-29');
  const [row] = await reader.query(`
select
  (select count(distinct user_id) from ${userDays} where is_active = 1 and event_date >= ${since}) as n,
  (select count(distinct user_id) from ${revenueDays} where revenue_type = 'iap' and has_positive_revenue = 1 and event_date >= ${since}) as k`);
  return { benchmark: 'payer_conversion', metric: 'payer_conversion_30d', label: 'Payer conversion (last 30 days)', table: 'int_user_revenue_days, int_user_days', k: num(row?.['k']), n: num(row?.['n']) };
}


function dateLiteral(dialect: DialectInfo, iso: string): string {
  return `date ${dialect.quoteString(iso)}`;
}

function dimensionLabel(dimension: 'channel' | 'geo', rows: readonly Row[]): string {
  if (dimension === 'channel') return 'channel';
  const level = rows.find((r) => r['geo_level'] != null)?.['geo_level'];
  return typeof level === 'string' ? level : 'geo';
}

/** Every date from min to max inclusive, as YYYY-MM-DD. */
export function datesBetween(min: string, max: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${min}T00:00:00Z`); t <= Date.parse(`${max}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}



function nullableNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
