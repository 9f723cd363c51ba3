{#- 8. Revenue per date and revenue type (iap, ads, subscription, other); only types with revenue events. -#}
select
  event_date,
  revenue_type,
  sum(revenue) as revenue,
  count(distinct case when has_positive_revenue = 1 then user_id end) as paying_users
from {{ ref('int_user_revenue_days') }}
group by event_date, revenue_type
