{#- METRICS.md section 4: sum(revenue) by type = by geo = daily total, for every date, within 1e-6 relative. -#}
with daily as (
  select event_date, revenue from {{ ref('date_wise_revenue') }}
),

by_type as (
  select event_date, sum(revenue) as revenue from {{ ref('date_wise_revenue_by_type') }} group by event_date
),

by_geo as (
  select event_date, sum(revenue) as revenue from {{ ref('date_wise_revenue_by_country') }} group by event_date
)

select d.event_date, d.revenue, t.revenue as by_type, g.revenue as by_geo
from daily as d
left join by_type as t on d.event_date = t.event_date
left join by_geo as g on d.event_date = g.event_date
where abs(coalesce(t.revenue, 0) - d.revenue) > 1e-6 * greatest(abs(d.revenue), 1e-3)
  or abs(coalesce(g.revenue, 0) - d.revenue) > 1e-6 * greatest(abs(d.revenue), 1e-3)
