{#-
  9. Classic "on day N" retention per cohort date, for each day N of the retention_days var
  (core/package.yml). A cohort too young for day N has no row (never a zero): cohort_date + day_n
  must not pass the window's last date. Each new user's returns are in int_user_funnel
  (returned_day_N), kept there user by user between builds.
-#}
{%- set days = var('retention_days') %}
with day_numbers as (
  {{ integer_rows(days, 'day_n') }}
),

cohorts as (
  select
    cohort_date,
    count(*) as cohort_users
    {%- for n in days %},
    count(case when returned_day_{{ n }} > 0 then 1 end) as retained_day_{{ n }}
    {%- endfor %}
  from {{ ref('int_user_funnel') }}
  group by cohort_date
)

select
  c.cohort_date,
  n.day_n,
  c.cohort_users,
  {{ retained_on_day_n('c', days) }} as retained_users,
  {{ safe_divide(retained_on_day_n('c', days), 'c.cohort_users') }} as retention_rate
from cohorts as c
cross join day_numbers as n
cross join {{ ref('int_window') }} as w
where {{ add_days('c.cohort_date', 'n.day_n') }} <= w.max_date
