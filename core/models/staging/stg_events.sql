{{ config(materialized=staging_materialization()) }}
{#-
  The canonical event stream of METRICS.md section 1, and the only model that reads the raw
  events: rows without a user or a time are dropped, the event date is taken in the reporting
  time zone, and each event is given its roles (activity, new user) and revenue type.
-#}
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
  from {{ source(mapping.source.sourceName, mapping.source.table) }}
  {%- if source_is_sharded(mapping.source.sourceName, mapping.source.table) and (var('start_date') or var('end_date')) %}
  where {{ shard_filter(var('start_date'), var('end_date')) }}
  {%- endif %}
),

dated as (
  select
    *,
    {{ local_date('event_time', mapping.timezone) }} as event_date
  from mapped
  where user_id is not null and event_time is not null
)

select
  user_id,
  event_time,
  event_date,
  event_name,
  country,
  region,
  channel,
  revenue,
  case
    when mapped_revenue_type in ('iap', 'ads', 'subscription') then mapped_revenue_type
    when mapped_revenue_type is not null then 'other'
    when {{ in_list('event_name', mapping.revenue_types.iap) }} then 'iap'
    when {{ in_list('event_name', mapping.revenue_types.ads) }} then 'ads'
    when {{ in_list('event_name', mapping.revenue_types.subscription) }} then 'subscription'
    else 'other'
  end as revenue_type,
  {% if mapping.activity_events == 'all' %}true{% else %}{{ in_list('event_name', mapping.activity_events) }}{% endif %} as is_activity,
  {% if mapping.new_user_events | length > 0 %}{{ in_list('event_name', mapping.new_user_events) }}{% else %}{% if mapping.activity_events == 'all' %}true{% else %}{{ in_list('event_name', mapping.activity_events) }}{% endif %}{% endif %} as is_new_user_event
from dated
where true
  {%- if var('start_date') %}
  and event_date >= {{ date_literal(var('start_date')) }}
  {%- endif %}
  {%- if var('end_date') %}
  and event_date <= {{ date_literal(var('end_date')) }}
  {%- endif %}
