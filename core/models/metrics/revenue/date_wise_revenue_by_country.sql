{#- 7. Revenue per date and geo of the paying user; only dates and geos with revenue events. -#}
select
  r.event_date,
  u.geo_level,
  u.geo,
  sum(r.revenue) as revenue,
  count(distinct case when r.has_positive_revenue = 1 then r.user_id end) as paying_users
from {{ ref('int_user_revenue_days') }} as r
inner join {{ ref('int_users') }} as u on r.user_id = u.user_id
group by r.event_date, u.geo_level, u.geo
