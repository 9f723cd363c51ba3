{%- set sharded = source_is_sharded(mapping.source.sourceName, mapping.source.table) %}
{{ config(materialized=('incremental' if sharded else 'table'), partition_by={'field': 'partition_date', 'data_type': 'date'}, unique_key=['user_id']) }}
{#-
  One row per user: the cohort date the events give (METRICS.md section 2) and the user
  attributes, each the value on the user's earliest event where it is not null (ties: the
  smallest value, which stg_events took within each day; a user's days have distinct first
  times); int_users applies the window to them.

  Incremental by user: a build recomputes, from all their days, the users with a day that
  stg_events recomputed (from incremental_since() on) and the users whose rows it replaces (a user
  whose recent days are gone keeps the older ones). partition_date is the user's newest day;
  last_shard_date is null when one of their days came from a file with no date, so that while
  there is one every build recomputes every user, as stg_events does every day.
-#}
{%- set since = incremental_since(var('lookback_days'), 'last_shard_date') %}
with recomputed as (
  select distinct user_id
  from {{ ref('int_user_days') }}
  where partition_date >= {{ since }} or partition_date is null or {{ from_newer_shard('last_shard_date') }}
)

select
  user_id,
  {% if mapping.has('cohort_date') -%}
  min(first_cohort_date)
  {%- else -%}
  min(case when new_user_events > 0 then event_date end)
  {%- endif %} as cohort_date,
  {{ value_at_earliest('first_channel', 'first_channel_time') }} as channel,
  {{ value_at_earliest('first_country', 'first_country_time') }} as country,
  {{ value_at_earliest('first_region', 'first_region_time') }} as region,
  max(partition_date) as partition_date,
  case when count(last_shard_date) = count(*) then max(last_shard_date) end as last_shard_date
from {{ ref('int_user_days') }}
where user_id in (select user_id from recomputed) or {{ incremental_replaced('user_id') }}
group by user_id
