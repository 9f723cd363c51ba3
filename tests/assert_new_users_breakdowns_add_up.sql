{#- METRICS.md section 4: sum(new_users) by channel = by geo = overall, for every date. Returns the dates where they differ. -#}
with overall as (
  select event_date, new_users from {{ ref('date_wise_new_logins_overall') }}
),

by_channel as (
  select event_date, sum(new_users) as new_users from {{ ref('date_wise_new_logins_by_channel') }} group by event_date
),

by_geo as (
  select event_date, sum(new_users) as new_users from {{ ref('date_wise_new_logins_by_country') }} group by event_date
)

select o.event_date, o.new_users, c.new_users as by_channel, g.new_users as by_geo
from overall as o
left join by_channel as c on o.event_date = c.event_date
left join by_geo as g on o.event_date = g.event_date
where coalesce(c.new_users, 0) != o.new_users or coalesce(g.new_users, 0) != o.new_users
