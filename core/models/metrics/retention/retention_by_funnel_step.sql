{#- 10. Day-N retention of each cohort date (N in funnel_retention_days), split by the last first-day funnel step users reached. -#}
{%- set days = var('funnel_retention_days') %}
with day_numbers as (
  {{ integer_rows(days, 'day_n') }}
),

step_cohorts as (
  select
    cohort_date,
    last_step,
    count(*) as cohort_users
    {%- for n in days %},
    count(case when returned_day_{{ n }} > 0 then 1 end) as retained_day_{{ n }}
    {%- endfor %}
  from {{ ref('int_user_funnel') }}
  group by cohort_date, last_step
)

select
  g.cohort_date,
  g.last_step,
  {{ funnel_step_name('g.last_step') }} as last_step_name,
  n.day_n,
  g.cohort_users,
  {{ retained_on_day_n('g', days) }} as retained_users,
  {{ safe_divide(retained_on_day_n('g', days), 'g.cohort_users') }} as retention_rate
from step_cohorts as g
cross join day_numbers as n
cross join {{ ref('int_window') }} as w
where {{ add_days('g.cohort_date', 'n.day_n') }} <= w.max_date
