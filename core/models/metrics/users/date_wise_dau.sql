{#- 1. Daily active users: users with an activity event that day; every date of the window. -#}
with active as (
  select event_date, count(*) as dau
  from {{ ref('int_user_days') }}
  where is_active = 1
  group by event_date
)

select
  c.event_date,
  coalesce(a.dau, 0) as dau
from {{ ref('int_calendar') }} as c
left join active as a on c.event_date = a.event_date
