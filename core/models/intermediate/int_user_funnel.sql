{#- A mapped cohort date depends on the window, which any new day can move: then rebuilt in full. -#}
{%- set incremental = source_is_sharded(mapping.source.sourceName, mapping.source.table) and not mapping.has('cohort_date') %}
{{ config(materialized=('incremental' if incremental else 'table'), partition_by={'field': 'partition_date', 'data_type': 'date'}, unique_key=['user_id']) }}
{#-
  One row per new user: the last first-day funnel step reached (METRICS.md section 2). Step k
  counts only at or after the time step k-1 was reached, on the cohort date: reached_at_k is the
  first time of a step-k event at or after reached_at_(k-1) (for the last step, whether any is).

  With it, whether the user was active on each day N after the cohort date that retention reports
  (returned_day_N, 1 or 0), so the retention models only count.

  Incremental by user: a row depends only on the user's days from the cohort date to the last
  retention day after it, and a user whose newest of those days is before incremental_since() has
  the same cohort date and days as before (only recent days are recomputed; the cohort date is
  the earliest day, so a recent day cannot move an older one). partition_date is that day, so only
  the users with a recomputed day that counts (and those whose rows are replaced) are recomputed;
  last_shard_date is int_user_attributes' (null while a file with no date is read: all recomputed).
-#}
{%- set since = incremental_since(var('lookback_days'), 'last_shard_date') %}
{#- The days N of both retention models: funnel_retention_days are among retention_days (checked on load). #}
{%- set retention_days = var('retention_days') %}
with users as (
  select
    user_id,
    cohort_date,
    least(partition_date, {{ add_days('cohort_date', retention_days | last) }}) as partition_date,
    last_shard_date
  from {{ ref('int_users') }}
  where cohort_date is not null
),

{#- Users with a day up to their last retention day, before incremental_since(), that has an event of a shard newer than the table's newest (later than the lookback). #}
late_users as (
  select distinct d.user_id
  from {{ ref('int_user_days') }} as d
  inner join users as u on u.user_id = d.user_id
  where {{ from_newer_shard('d.last_shard_date') }} and d.event_date < {{ since }}
    and d.event_date <= {{ add_days('u.cohort_date', retention_days | last) }}
),

new_users as (
  select * from users
  where partition_date >= {{ since }} or partition_date is null
    or user_id in (select user_id from late_users)
    or {{ incremental_replaced('user_id') }}
),

reached_0 as (
  select
    u.user_id,
    u.cohort_date,
    u.partition_date,
    u.last_shard_date
    {%- for step in mapping.funnel %},
    {%- if loop.first %}
    d.step_{{ loop.index }}_first_time as reached_at_{{ loop.index }}
    {%- elif loop.last %}
    d.step_{{ loop.index }}_last_time
    {%- else %}
    d.step_{{ loop.index }}_times
    {%- endif %}
    {%- endfor %}
  from new_users as u
  left join {{ ref('int_user_days') }} as d on u.user_id = d.user_id and u.cohort_date = d.event_date
){% for step in mapping.funnel %}{% if not loop.first %},

reached_{{ loop.index0 }} as (
  select
    *,
    {% if loop.last -%}
    case when step_{{ loop.index }}_last_time >= reached_at_{{ loop.index0 }} then step_{{ loop.index }}_last_time end
    {%- else -%}
    {{ first_at_or_after('step_' ~ loop.index ~ '_times', 'reached_at_' ~ loop.index0) }}
    {%- endif %} as reached_at_{{ loop.index }}
  from reached_{{ loop.index0 - 1 }}
){% endif %}{% endfor %}
,

returns as (
  select
    u.user_id
    {%- for n in retention_days %},
    count(case when {{ days_between('u.cohort_date', 'd.event_date') }} = {{ n }} then 1 end) as returned_day_{{ n }}
    {%- endfor %}
  from new_users as u
  inner join {{ ref('int_user_days') }} as d on u.user_id = d.user_id
  where d.is_active = 1 and d.event_date > u.cohort_date and d.event_date <= {{ add_days('u.cohort_date', retention_days | last) }}
  group by u.user_id
),

steps as (
select
  user_id,
  cohort_date,
  {% if mapping.funnel | length > 0 -%}
  case
    {%- for step in mapping.funnel | reverse %}
    when reached_at_{{ mapping.funnel | length - loop.index0 }} is not null then {{ mapping.funnel | length - loop.index0 }}
    {%- endfor %}
    else 0
  end
  {%- else -%}
  0
  {%- endif %} as last_step,
  partition_date,
  last_shard_date
from reached_{{ (mapping.funnel | length - 1) if mapping.funnel | length > 0 else 0 }}
)

select
  s.*
  {%- for n in retention_days %},
  coalesce(r.returned_day_{{ n }}, 0) as returned_day_{{ n }}
  {%- endfor %}
from steps as s
left join returns as r on s.user_id = r.user_id
