/**
 * Reads the ten metric tables with a plain `select *` each (the same SQL on every engine: they
 * are small, one row per date, segment or step) and types their rows. A model that is not built,
 * or whose table cannot be read, is left out and said why.
 */
import type { Row } from '../../../src/plugins/plugin-api.js';
import { METRIC_MODELS, type MetricRows } from './metric-rows.js';
import { dateString, num } from '../shared/row-values.js';

export interface TableReader {
  query(sql: string): Promise<readonly Row[]>;
  /** The relation of a built model, or undefined when it is not built. */
  relationOf(model: string): string | undefined;
}

export async function readMetricRows(reader: TableReader): Promise<{ rows: MetricRows; missing: { model: string; reason: string }[] }> {
  const missing: { model: string; reason: string }[] = [];
  const read = async <T>(key: keyof MetricRows, shape: (row: Row) => T): Promise<T[] | undefined> => {
    const model = METRIC_MODELS[key];
    const relation = reader.relationOf(model);
    if (relation === undefined) {
      missing.push({ model, reason: 'not built (the mapping may lack a field it needs)' });
      return undefined;
    }
    try {
      return (await reader.query(`select * from ${relation}`)).map(shape);
    } catch (error) {
      missing.push({ model, reason: `could not be read: ${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    }
  };
  const rows: { -readonly [K in keyof MetricRows]: MetricRows[K] } = {};
  rows.dau = await read('dau', (r) => ({ date: dateString(r['event_date']), dau: num(r['dau']) }));
  rows.newUsers = await read('newUsers', (r) => ({ date: dateString(r['event_date']), newUsers: num(r['new_users']) }));
  rows.newUsersByChannel = await read('newUsersByChannel', (r) => ({ date: dateString(r['event_date']), channel: text(r['channel']), newUsers: num(r['new_users']) }));
  rows.newUsersByGeo = await read('newUsersByGeo', (r) => ({ date: dateString(r['event_date']), geoLevel: text(r['geo_level']), geo: text(r['geo']), newUsers: num(r['new_users']) }));
  rows.funnel = await read('funnel', (r) => ({ cohort: dateString(r['cohort_date']), step: num(r['step']), stepName: text(r['step_name']), users: num(r['users']) }));
  rows.revenue = await read('revenue', (r) => ({ date: dateString(r['event_date']), revenue: num(r['revenue']), payingUsers: num(r['paying_users']), dau: num(r['dau']) }));
  rows.revenueByGeo = await read('revenueByGeo', (r) => ({ date: dateString(r['event_date']), geoLevel: text(r['geo_level']), geo: text(r['geo']), revenue: num(r['revenue']) }));
  rows.revenueByType = await read('revenueByType', (r) => ({ date: dateString(r['event_date']), revenueType: text(r['revenue_type']), revenue: num(r['revenue']) }));
  rows.retention = await read('retention', (r) => ({ cohort: dateString(r['cohort_date']), dayN: num(r['day_n']), cohortUsers: num(r['cohort_users']), retainedUsers: num(r['retained_users']) }));
  rows.retentionByStep = await read('retentionByStep', (r) => ({
    cohort: dateString(r['cohort_date']), lastStep: num(r['last_step']), lastStepName: text(r['last_step_name']), dayN: num(r['day_n']), cohortUsers: num(r['cohort_users']), retainedUsers: num(r['retained_users']),
  }));
  for (const key of Object.keys(rows) as (keyof MetricRows)[]) if (rows[key] === undefined) delete rows[key];
  return { rows, missing };
}



const text = (value: unknown): string => (value === null || value === undefined ? 'unknown' : String(value));
