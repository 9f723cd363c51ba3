{%- set sharded = source_is_sharded(mapping.source.sourceName, mapping.source.table) %}
{{ config(materialized=('incremental' if sharded else 'table'), partition_by={'field': 'partition_date', 'data_type': 'date'}) }}
{#-
  One row per user, day and revenue type with revenue events (events whose revenue is not null).
  Each row comes from one row of stg_events and keeps its partition_date and last_shard_date, so
  it is incremental exactly as stg_events is: a build recomputes the rows of the partitions from
  incremental_since() on, which are the partitions stg_events replaced (all of them while a file
  with no date is read: last_shard_date is null on its rows).
-#}
{%- set since = incremental_since(var('lookback_days'), 'last_shard_date') %}
{%- for type in ['iap', 'ads', 'subscription', 'other'] %}
select
  user_id,
  event_date,
  partition_date,
  last_shard_date,
  {{ string_literal(type) }} as revenue_type,
  revenue_{{ type }} as revenue,
  revenue_events_{{ type }} as revenue_events,
  case when paying_events_{{ type }} > 0 then 1 else 0 end as has_positive_revenue
from {{ ref('int_user_days') }}
where revenue_events_{{ type }} > 0 and (partition_date >= {{ since }} or partition_date is null or {{ from_newer_shard('last_shard_date') }})
{{ 'union all' if not loop.last }}
{%- endfor %}
