import type { Dialect } from '../adapters/dialect.js';
import { PdbError } from '../errors/pdb-error.js';
import type { LoadedProject, Mapping } from '../project/types.js';
import { TemplateEnvironment } from '../templating/template-environment.js';

/** Where the data-quality query is said to come from in template errors. */
export const DATA_QUALITY_FILE = '<data-quality>';

export interface DataQualityQuery {
  /** One query over the source: every check's count in one row. */
  readonly sql: string;
  /** The mapped event names the query looks for, in the order of its `seen_<i>` columns. */
  readonly eventNames: readonly string[];
  readonly hasRevenue: boolean;
}

export interface DataQualityTimes {
  /** Later events are in the future. */
  readonly now: Date;
  /** Earlier events are implausibly old. */
  readonly oldest: Date;
}

/**
 * The checks as ONE scan of the source, through the same templating stage and the same mapping
 * expressions as the staging model, so the columns read are exactly those the mapping uses and
 * a row dropped here is a row dropped there. Times are literals (not `now()`), so a test can
 * pin them.
 */
export function dataQualitySql(project: LoadedProject, dialect: Dialect, times: DataQualityTimes, env: Readonly<Record<string, string | undefined>> = {}): DataQualityQuery {
  const mapping = project.mapping;
  if (mapping === undefined) {
    throw new PdbError({
      code: 'E_MAPPING_MISSING',
      message: 'the data-quality checks read the source through the mapping, but the project defines no mapping.',
      hint: 'Add `mapping: mapping.yml` to project.yml, or set `data-quality: { enabled: false }`.',
      location: { file: 'project.yml' },
    });
  }
  const eventNames = mappedEventNames(mapping);
  const hasRevenue = mapping.columns.revenue !== undefined;
  const environment = new TemplateEnvironment({ project, dialect, env });
  const sql = environment.render(DATA_QUALITY_FILE, template(eventNames, hasRevenue, times), '__data_quality');
  return { sql: sql.sql.trim(), eventNames, hasRevenue };
}

/** Every event name the mapping gives a role, once, sorted: each should occur in the data. */
export function mappedEventNames(mapping: Mapping): string[] {
  const names = new Set<string>([
    ...(mapping.activityEvents === 'all' ? [] : mapping.activityEvents),
    ...mapping.newUserEvents,
    ...mapping.funnel.flatMap((s) => s.events),
    ...mapping.revenueTypes.iap,
    ...mapping.revenueTypes.ads,
    ...mapping.revenueTypes.subscription,
  ]);
  return [...names].sort();
}

/** `2026-03-01 12:00:00`: a timestamp literal both engines read as UTC. */
function timestampText(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function template(eventNames: readonly string[], hasRevenue: boolean, times: DataQualityTimes): string {
  const seen = eventNames.map((name, i) => `,\n  count(case when event_name = {{ string_literal(${JSON.stringify(name)}) }} then 1 end) as seen_${i}`).join('');
  return `
with mapped as (
  select
    cast({{ mapping.user_id }} as {{ type_string() }}) as user_id,
    {{ mapping.event_time }} as event_time,
    cast({{ mapping.event_name }} as {{ type_string() }}) as event_name,
    {{ canonical_or_null('revenue', type_float()) }} as revenue
  from {{ source(mapping.source.sourceName, mapping.source.table) }}
  {%- if source_is_sharded(mapping.source.sourceName, mapping.source.table) and (var('start_date', none) or var('end_date', none)) %}
  where {{ shard_filter(var('start_date', none), var('end_date', none)) }}
  {%- endif %}
),

flagged as (
  select
    *,
    user_id is not null and event_time is not null as is_valid,
    event_time > timestamp '${timestampText(times.now)}' as is_future,
    event_time < timestamp '${timestampText(times.oldest)}' as is_old,
    {{ local_date('event_time', mapping.timezone) }} as event_date
  from mapped
),

windowed as (
  select
    *,
    is_valid and not is_future and not is_old
    {%- if var('start_date', none) %} and event_date >= {{ date_literal(var('start_date', none)) }}{% endif %}
    {%- if var('end_date', none) %} and event_date <= {{ date_literal(var('end_date', none)) }}{% endif %} as in_window
  from flagged
)

select
  count(*) as total_rows,
  count(case when not is_valid then 1 end) as null_rows,
  count(case when is_valid then 1 end) as valid_rows,
  count(distinct case when is_valid then {{ row_fingerprint(['user_id', 'event_time', 'event_name']) }} end) as distinct_events,
  count(case when is_valid and is_future then 1 end) as future_rows,
  count(case when is_valid and is_old then 1 end) as old_rows,
  cast(min(case when in_window then event_date end) as {{ type_string() }}) as min_date,
  cast(max(case when in_window then event_date end) as {{ type_string() }}) as max_date,
  count(distinct case when in_window then event_date end) as event_dates,
  {{ days_between('min(case when in_window then event_date end)', 'max(case when in_window then event_date end)') }} + 1 as window_days,
  ${hasRevenue ? 'count(case when is_valid and revenue < 0 then 1 end)' : '0'} as negative_revenue_rows${seen}
from windowed
`;
}
