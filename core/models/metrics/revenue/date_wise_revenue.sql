{#- 6. Revenue per date with paying users, DAU, ARPDAU and ARPPU; every date of the window. -#}
with revenue as (
  select
    event_date,
    sum(revenue) as revenue,
    count(distinct case when has_positive_revenue = 1 then user_id end) as paying_users
  from {{ ref('int_user_revenue_days') }}
  group by event_date
)

select
  d.event_date,
  coalesce(r.revenue, 0) as revenue,
  coalesce(r.paying_users, 0) as paying_users,
  d.dau,
  {{ safe_divide('coalesce(r.revenue, 0)', 'd.dau') }} as arpdau,
  {{ safe_divide('coalesce(r.revenue, 0)', 'coalesce(r.paying_users, 0)') }} as arppu
from {{ ref('date_wise_dau') }} as d
left join revenue as r on d.event_date = r.event_date
