{#- One row per user, day and revenue type with revenue events (events whose revenue is not null). -#}
select
  user_id,
  event_date,
  revenue_type,
  sum(revenue) as revenue,
  count(*) as revenue_events,
  max(case when revenue > 0 then 1 else 0 end) as has_positive_revenue
from {{ ref('stg_events') }}
where revenue is not null
group by user_id, event_date, revenue_type
