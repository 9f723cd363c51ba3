import type { Dialect } from '../adapters/dialect.js';
import { PdbError } from '../errors/pdb-error.js';
import { mappedEventNames } from '../project/mapped-event-names.js';
import type { LoadedProject } from '../project/types.js';
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
 * The checks as one query over the staging table the build's one pass over the raw events wrote
 * (`relation`: one row per user and day, with rows lacking a user or a time grouped under a null
 * key), so the source is never scanned a second time. Times are literals (not `now()`), so a test
 * can pin them. A (user, day) group that straddles "now" (or the age limit) has some events on
 * each side and is counted as one future (or old) row: the counts are exact otherwise, and never
 * zero when a row is in the future.
 */
export function dataQualitySql(project: LoadedProject, dialect: Dialect, times: DataQualityTimes, relation: string, env: Readonly<Record<string, string | undefined>> = {}): DataQualityQuery {
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
  const sql = environment.render(DATA_QUALITY_FILE, template(eventNames, relation, times), '__data_quality');
  return { sql: sql.sql.trim(), eventNames, hasRevenue };
}

/** `2026-03-01 12:00:00`: a timestamp literal both engines read as UTC. */
function timestampText(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function template(eventNames: readonly string[], relation: string, times: DataQualityTimes): string {
  const now = `timestamp '${timestampText(times.now)}'`;
  const oldest = `timestamp '${timestampText(times.oldest)}'`;
  const seen = eventNames.map((_, i) => `,\n  sum(event_${i}_events) as seen_${i}`).join('');
  return `
with groups as (
  select
    *,
    user_id is not null and event_date is not null as is_valid
  from ${relation}
),

windowed as (
  select
    *,
    is_valid and first_time <= ${now} and last_time >= ${oldest}
    {%- if var('start_date', none) %} and event_date >= {{ date_literal(var('start_date', none)) }}{% endif %}
    {%- if var('end_date', none) %} and event_date <= {{ date_literal(var('end_date', none)) }}{% endif %} as in_window
  from groups
)

select
  sum(events) as total_rows,
  sum(case when not is_valid then events else 0 end) as null_rows,
  sum(case when is_valid then events else 0 end) as valid_rows,
  sum(case when is_valid then distinct_events else 0 end) as distinct_events,
  sum(case when not is_valid then 0 when first_time > ${now} then events when last_time > ${now} then 1 else 0 end) as future_rows,
  sum(case when not is_valid then 0 when last_time < ${oldest} then events when first_time < ${oldest} then 1 else 0 end) as old_rows,
  cast(min(case when in_window then event_date end) as {{ type_string() }}) as min_date,
  cast(max(case when in_window then event_date end) as {{ type_string() }}) as max_date,
  count(distinct case when in_window then event_date end) as event_dates,
  {{ days_between('min(case when in_window then event_date end)', 'max(case when in_window then event_date end)') }} + 1 as window_days,
  sum(case when is_valid then negative_revenue_events else 0 end) as negative_revenue_rows${seen}
from windowed
`;
}
