{#- One row per user, day and revenue type with revenue events (events whose revenue is not null). -#}
{%- for type in ['iap', 'ads', 'subscription', 'other'] %}
select
  user_id,
  event_date,
  {{ string_literal(type) }} as revenue_type,
  revenue_{{ type }} as revenue,
  revenue_events_{{ type }} as revenue_events,
  case when paying_events_{{ type }} > 0 then 1 else 0 end as has_positive_revenue
from {{ ref('int_user_days') }}
where revenue_events_{{ type }} > 0
{{ 'union all' if not loop.last }}
{%- endfor %}
