{#-
  9. Classic "on day N" retention per cohort date. A cohort too young for day N has no row
  (never a zero): cohort_date + day_n must not pass the window's last date.
-#}
with day_numbers as (
  {{ integer_rows([1, 2, 3, 4, 5, 6, 7, 14, 30], 'day_n') }}
),

cohorts as (
  select cohort_date, count(*) as cohort_users
  from {{ ref('int_users') }}
  where cohort_date is not null
  group by cohort_date
),

returns as (
  select
    u.cohort_date,
    {{ days_between('u.cohort_date', 'd.event_date') }} as day_n,
    count(*) as retained_users
  from {{ ref('int_users') }} as u
  inner join {{ ref('int_user_days') }} as d on u.user_id = d.user_id
  where u.cohort_date is not null and d.is_active = 1 and d.event_date > u.cohort_date
  group by u.cohort_date, {{ days_between('u.cohort_date', 'd.event_date') }}
)

select
  c.cohort_date,
  n.day_n,
  c.cohort_users,
  coalesce(r.retained_users, 0) as retained_users,
  {{ safe_divide('coalesce(r.retained_users, 0)', 'c.cohort_users') }} as retention_rate
from cohorts as c
cross join day_numbers as n
cross join {{ ref('int_window') }} as w
left join returns as r on c.cohort_date = r.cohort_date and n.day_n = r.day_n
where {{ add_days('c.cohort_date', 'n.day_n') }} <= w.max_date
