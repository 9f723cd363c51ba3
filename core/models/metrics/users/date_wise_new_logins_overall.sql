{#- 2. New users per cohort date; every date of the window. -#}
with cohorts as (
  select cohort_date, count(*) as new_users
  from {{ ref('int_users') }}
  where cohort_date is not null
  group by cohort_date
)

select
  c.event_date,
  coalesce(n.new_users, 0) as new_users
from {{ ref('int_calendar') }} as c
left join cohorts as n on c.event_date = n.cohort_date
