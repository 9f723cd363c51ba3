/**
 * The floor of the build benchmark: one DuckDB query that reads the raw events once, with every
 * column the models use, and aggregates all of them so that no column can be pruned away. No
 * build of the models can read less, so `pdb build` time divided by this is the overhead ratio.
 */

const quoteString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * The source columns the models read through mapping.yml: user_pseudo_id, event_timestamp,
 * event_name, geo.country, geo.region, traffic_source.source, event_value_in_usd, and the
 * `value` of ad_impression's event_params. Revenue is computed as the mapping does.
 */
export function floorSql(eventsGlob: string): string {
  const adValue =
    "list_transform(list_filter(event_params, p -> p.key = 'value'), p -> coalesce(p.value.double_value, p.value.float_value, cast(p.value.int_value as double)))[1]";
  return [
    'select',
    '  count(*) as events,',
    '  count(distinct user_pseudo_id) as users,',
    '  min(event_timestamp) as first_micros,',
    '  max(event_timestamp) as last_micros,',
    '  count(distinct event_name) as event_names,',
    '  count(distinct geo.country) as countries,',
    '  count(distinct geo.region) as regions,',
    '  count(distinct traffic_source.source) as channels,',
    `  sum(coalesce(event_value_in_usd, case when event_name = 'ad_impression' then ${adValue} end)) as revenue`,
    `from read_parquet(${quoteString(eventsGlob)})`,
  ].join('\n');
}

/** The floor query's one row, JSON-safe (DuckDB's BIGINTs arrive as strings). */
export interface FloorRow {
  readonly events: number;
  readonly users: number;
  readonly first_micros: string;
  readonly last_micros: string;
  readonly event_names: number;
  readonly countries: number;
  readonly regions: number;
  readonly channels: number;
  readonly revenue: number | null;
}
