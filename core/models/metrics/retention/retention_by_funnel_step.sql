{#- 10. Day-N retention of each cohort date, split by the last first-day funnel step users reached. -#}
with day_numbers as (
  {{ integer_rows([1, 2, 3, 7], 'day_n') }}
),

step_cohorts as (
  select cohort_date, last_step, count(*) as cohort_users
  from {{ ref('int_user_funnel') }}
  group by cohort_date, last_step
),

returns as (
  select
    f.cohort_date,
    f.last_step,
    {{ days_between('f.cohort_date', 'd.event_date') }} as day_n,
    count(*) as retained_users
  from {{ ref('int_user_funnel') }} as f
  inner join {{ ref('int_user_days') }} as d on f.user_id = d.user_id
  where d.is_active = 1 and d.event_date > f.cohort_date
  group by f.cohort_date, f.last_step, {{ days_between('f.cohort_date', 'd.event_date') }}
)

select
  g.cohort_date,
  g.last_step,
  {{ funnel_step_name('g.last_step') }} as last_step_name,
  n.day_n,
  g.cohort_users,
  coalesce(r.retained_users, 0) as retained_users,
  {{ safe_divide('coalesce(r.retained_users, 0)', 'g.cohort_users') }} as retention_rate
from step_cohorts as g
cross join day_numbers as n
cross join {{ ref('int_window') }} as w
left join returns as r on g.cohort_date = r.cohort_date and g.last_step = r.last_step and n.day_n = r.day_n
where {{ add_days('g.cohort_date', 'n.day_n') }} <= w.max_date
