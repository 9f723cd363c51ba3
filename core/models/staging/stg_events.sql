{%- set sharded = source_is_sharded(mapping.source.sourceName, mapping.source.table) %}
{{ config(materialized=('incremental' if sharded else 'table'), partition_by={'field': 'partition_date', 'data_type': 'date'}) }}
{#-
  The one pass over the raw events (METRICS.md section 1): one row per user and event date with
  every fact a later model or the data-quality checks need, so no other model reads the source.
  Rows without a user or a time are kept here, grouped under a null user_id or event_date, so the
  checks can count them; every reader drops them (int_user_days). The start_date and end_date
  vars are applied by the readers too, so the checks see the whole source.

  Incremental by day over daily shards: a build over a table that exists recomputes only the
  dates from incremental_since() on (the newest shard's date less `lookback_days` for late events) and
  reads only the shards that can hold them; --full-refresh recomputes everything. partition_date
  is the event date, or for a row without a time the date of its shard, so every row is replaced
  with its date, and the rows of one user and day are one row whichever files they came from. A
  file with no date in its name can hold any date, so while the glob matches one, last_shard_date
  is null on its groups and incremental_since() recomputes every date. A source that is one table
  or file is rebuilt in full: pdb cannot tell a few appended rows from a rewrite there, and a
  rewrite must reach the data-quality checks whole.
-#}
{#- Counted back from the newest shard read, which an event with a wrong clock cannot move. #}
{%- set since = incremental_since(var('lookback_days'), 'last_shard_date') %}
{#-
  The event names whose times a middle funnel step already collects, each step of one name that
  no other middle step has. Those lists also give these events' distinct count, so the fingerprint
  list for distinct_events holds only the other rows: each row is listed once, as list aggregates
  cannot spill to disk and are most of the pass's memory.
-#}
{%- set middle_names = [] %}
{%- for step in mapping.funnel %}{% if not loop.first and not loop.last %}{% for name in step.events %}{% set _ = middle_names.push(name) %}{% endfor %}{% endif %}{% endfor %}
{%- set listed_names = [] %}
{%- for step in mapping.funnel %}
{%- if not loop.first and not loop.last and step.events | length == 1 and middle_names.indexOf(step.events[0]) == middle_names.lastIndexOf(step.events[0]) %}
{%- set _ = listed_names.push(step.events[0]) %}
{%- endif %}
{%- endfor %}
with mapped as (
  select
    cast({{ mapping.user_id }} as {{ type_string() }}) as user_id,
    {{ mapping.event_time }} as event_time,
    cast({{ mapping.event_name }} as {{ type_string() }}) as event_name,
    {{ canonical_or_null('country', type_string()) }} as country,
    {{ canonical_or_null('region', type_string()) }} as region,
    {{ canonical_or_null('channel', type_string()) }} as channel,
    {{ canonical_or_null('revenue', type_float()) }} as revenue,
    {{ canonical_or_null('revenue_type', type_string()) }} as mapped_revenue_type
    {%- if mapping.has('cohort_date') %},
    cast({{ mapping.cohort_date }} as timestamp) as cohort_time
    {%- endif %}
    {%- if sharded %},
    {{ shard_date() }} as shard_date
    {%- endif %}
  from {{ source(mapping.source.sourceName, mapping.source.table) }}
  {%- if sharded %}
  {#- One condition (see shard_filter_between): from the later of incremental_since() and start_date. #}
  where {{ shard_filter_between(('greatest(' ~ since ~ ', ' ~ date_literal(var('start_date')) ~ ')') if var('start_date') else since, date_literal(var('end_date')) if var('end_date') else none, source(mapping.source.sourceName, mapping.source.table)) }}
  {%- endif %}
),

typed as (
  select
    *,
    {{ local_date('event_time', mapping.timezone) }} as event_date,
    {% if sharded -%}
    {#- A row without a time has no date but its shard's (none in a file with no date in its name). #}
    coalesce({{ local_date('event_time', mapping.timezone) }}, shard_date)
    {%- else -%}
    {{ local_date('event_time', mapping.timezone) }}
    {%- endif %} as partition_date,
    case
      when mapped_revenue_type in ('iap', 'ads', 'subscription') then mapped_revenue_type
      when mapped_revenue_type is not null then 'other'
      when {{ in_list('event_name', mapping.revenue_types.iap) }} then 'iap'
      when {{ in_list('event_name', mapping.revenue_types.ads) }} then 'ads'
      when {{ in_list('event_name', mapping.revenue_types.subscription) }} then 'subscription'
      else 'other'
    end as revenue_type
  from mapped
)

select
  user_id,
  event_date,
  partition_date,
  {#- None when a row of the group is from a file with no date: see incremental_since(). #}
  {% if sharded -%} case when count(shard_date) = count(*) then max(shard_date) end {%- else -%} cast(null as date) {%- endif %} as last_shard_date,
  count(*) as events,
  {#- Distinct by user, time and name: rows without a time are fingerprinted whatever their name. #}
  {%- if listed_names | length > 0 %}
  {{ distinct_count(row_fingerprint(['event_time', 'event_name']), 'not coalesce(' ~ in_list('event_name', listed_names) ~ ' and event_time is not null, false)') }}
  {%- for name in listed_names %}
    + {{ distinct_count('event_time', in_list('event_name', [name])) }}
  {%- endfor %} as distinct_events,
  {%- else %}
  {{ distinct_count(row_fingerprint(['event_time', 'event_name'])) }} as distinct_events,
  {%- endif %}
  min(event_time) as first_time,
  max(event_time) as last_time,
  count(case when {{ activity_condition('event_name') }} then 1 end) as activity_events,
  count(case when {{ new_user_condition('event_name') }} then 1 end) as new_user_events,
  {#- The funnel: the first time of step 1, every time of the steps between, the last time of the last step. #}
  {%- for step in mapping.funnel %}
  {%- if loop.first %}
  min(case when {{ in_list('event_name', step.events) }} then event_time end) as step_{{ loop.index }}_first_time,
  {%- elif loop.last %}
  max(case when {{ in_list('event_name', step.events) }} then event_time end) as step_{{ loop.index }}_last_time,
  {%- else %}
  {{ collect_if('event_time', in_list('event_name', step.events)) }} as step_{{ loop.index }}_times,
  {%- endif %}
  {%- endfor %}
  {%- for type in ['iap', 'ads', 'subscription', 'other'] %}
  sum(case when revenue_type = {{ string_literal(type) }} then revenue end) as revenue_{{ type }},
  count(case when revenue_type = {{ string_literal(type) }} then revenue end) as revenue_events_{{ type }},
  count(case when revenue_type = {{ string_literal(type) }} and revenue > 0 then 1 end) as paying_events_{{ type }},
  {%- endfor %}
  count(case when revenue < 0 then 1 end) as negative_revenue_events,
  {#- Each attribute's first non-null value of the day (ties: the smallest) and its time. #}
  {%- for attribute in ['country', 'region', 'channel'] %}
  {%- if mapping.has(attribute) %}
  {{ first_non_null(attribute, 'event_time, ' ~ attribute) }} as first_{{ attribute }},
  min(case when {{ attribute }} is not null then event_time end) as first_{{ attribute }}_time,
  {%- else %}
  cast(null as {{ type_string() }}) as first_{{ attribute }},
  cast(null as timestamp) as first_{{ attribute }}_time,
  {%- endif %}
  {%- endfor %}
  {%- if mapping.has('cohort_date') %}
  min({{ local_date('cohort_time', mapping.timezone) }}) as first_cohort_date,
  {%- else %}
  cast(null as date) as first_cohort_date,
  {%- endif %}
  {#- How often each event name the mapping gives a role occurs (data quality: names never seen). #}
  {%- for name in mapping.event_names %}
  count(case when event_name = {{ string_literal(name) }} then 1 end) as event_{{ loop.index0 }}_events,
  {%- endfor %}
  {#- The smallest and largest country tell whether the stream has two countries (the geo level). #}
  min(country) as min_country,
  max(country) as max_country
from typed
where partition_date >= {{ since }} or partition_date is null
  {%- if sharded %}
  {#- A shard newer than the table's newest is news whatever its dates: a row of it from before
      `since` (an event later than the lookback) makes the build recompute every date. #}
  or {{ from_newer_shard('shard_date') }}
  {%- endif %}
group by user_id, event_date, partition_date
