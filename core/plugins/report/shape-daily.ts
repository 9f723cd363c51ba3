/**
 * Date-wise sections from metric rows: the window, the incomplete last day, DAU and new users,
 * revenue, and breakdowns by a dimension (the largest few kept, the rest summed as `other`, so a
 * stacked chart stays readable).
 */
import type { MetricRows } from './metric-rows.js';
import type { Breakdown, RevenueSection, UsersSection } from './report-data.js';

/** The dates of the window (the date spine of date_wise_dau, else of date_wise_revenue), sorted. */
export function windowDates(rows: MetricRows): string[] {
  const spine = rows.dau ?? rows.revenue ?? [];
  return [...new Set(spine.map((r) => r.date))].sort();
}

/**
 * The last date of the window is marked incomplete: late uploads land after it and the day may
 * still be running (the insights leave it out of their baselines for the same reason).
 */
export const incompleteDate = (dates: readonly string[]): string | null => dates.at(-1) ?? null;

export function usersSection(rows: MetricRows, dates: readonly string[]): UsersSection | null {
  if (rows.dau === undefined && rows.newUsers === undefined) return null;
  const dau = new Map((rows.dau ?? []).map((r) => [r.date, r.dau]));
  const newUsers = new Map((rows.newUsers ?? []).map((r) => [r.date, r.newUsers]));
  const geoLevel = rows.newUsersByGeo?.[0]?.geoLevel ?? 'country';
  return {
    dates,
    dau: dates.map((d) => dau.get(d) ?? 0),
    newUsers: dates.map((d) => newUsers.get(d) ?? 0),
    byChannel: rows.newUsersByChannel === undefined ? null : breakdown('channel', 'Channel', dates, rows.newUsersByChannel.map((r) => ({ date: r.date, key: r.channel, value: r.newUsers }))),
    byGeo: rows.newUsersByGeo === undefined ? null : breakdown('geo', geoLabel(geoLevel), dates, rows.newUsersByGeo.map((r) => ({ date: r.date, key: r.geo, value: r.newUsers }))),
  };
}

export function revenueSection(rows: MetricRows, dates: readonly string[]): RevenueSection | null {
  if (rows.revenue === undefined) return null;
  const byDate = new Map(rows.revenue.map((r) => [r.date, r]));
  const geoTotals = new Map<string, number>();
  for (const r of rows.revenueByGeo ?? []) geoTotals.set(r.geo, (geoTotals.get(r.geo) ?? 0) + r.revenue);
  const geoRows = topWithOther([...geoTotals].map(([geo, revenue]) => ({ key: geo, total: revenue })), 10).map((g) => ({ geo: g.key, revenue: g.total }));
  return {
    dates,
    revenue: dates.map((d) => byDate.get(d)?.revenue ?? 0),
    payingUsers: dates.map((d) => byDate.get(d)?.payingUsers ?? 0),
    arpdau: dates.map((d) => {
      const row = byDate.get(d);
      return row === undefined || row.dau === 0 ? null : row.revenue / row.dau;
    }),
    byType: rows.revenueByType === undefined ? null : breakdown('revenue_type', 'Revenue type', dates, rows.revenueByType.map((r) => ({ date: r.date, key: r.revenueType, value: r.revenue }))),
    byGeo: rows.revenueByGeo === undefined ? null : { label: geoLabel(rows.revenueByGeo[0]?.geoLevel ?? 'country'), rows: geoRows },
  };
}

/** Values by date and key: the `keep` largest keys by total (ties by name), the rest summed as `other`. */
export function breakdown(dimension: string, label: string, dates: readonly string[], values: readonly { date: string; key: string; value: number }[], keep = 6): Breakdown {
  const totals = new Map<string, number>();
  for (const v of values) totals.set(v.key, (totals.get(v.key) ?? 0) + v.value);
  const kept = new Set(topWithOther([...totals].map(([key, total]) => ({ key, total })), keep).map((t) => t.key));
  const index = new Map(dates.map((d, i) => [d, i]));
  const series = new Map<string, number[]>([...kept].map((k) => [k, dates.map(() => 0)]));
  for (const v of values) {
    const i = index.get(v.date);
    if (i === undefined) continue;
    const key = kept.has(v.key) ? v.key : OTHER;
    series.get(key)![i]! += v.value;
  }
  return { dimension, label, dates, series: [...series].map(([name, vals]) => ({ name, values: vals })) };
}

const OTHER = 'other';

/** The `keep` largest by total (ties by key), then one `other` entry for the rest when there are two or more of them. */
export function topWithOther(totals: readonly { key: string; total: number }[], keep: number): { key: string; total: number }[] {
  const sorted = [...totals].sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (sorted.length <= keep + 1) return sorted;
  const top = sorted.slice(0, keep).filter((t) => t.key !== OTHER);
  const rest = sorted.filter((t) => !top.includes(t));
  return [...top, { key: OTHER, total: rest.reduce((s, r) => s + r.total, 0) }];
}

const geoLabel = (level: string): string => (level === 'region' ? 'Region' : 'Country');
