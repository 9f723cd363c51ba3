{#- 5. First-day funnel: new users of each cohort date who reached each step, zeros kept. -#}
with cohorts as (
  select cohort_date, count(*) as new_users
  from {{ ref('int_user_funnel') }}
  group by cohort_date
),

steps as (
  {%- for step in mapping.funnel %}
  select {{ loop.index }} as step, {{ string_literal(step.name) }} as step_name{{ ' union all' if not loop.last }}
  {%- endfor %}
),

reached as (
  select f.cohort_date, s.step, count(*) as users
  from {{ ref('int_user_funnel') }} as f
  inner join steps as s on f.last_step >= s.step
  group by f.cohort_date, s.step
),

counts as (
  select
    c.cohort_date,
    s.step,
    s.step_name,
    c.new_users,
    coalesce(r.users, 0) as users
  from cohorts as c
  cross join steps as s
  left join reached as r on c.cohort_date = r.cohort_date and s.step = r.step
)

select
  cohort_date,
  step,
  step_name,
  users,
  {{ safe_divide('users', 'new_users') }} as rate_from_start,
  case
    when step = 1 then {{ safe_divide('users', 'new_users') }}
    else {{ safe_divide('users', 'lag(users) over (partition by cohort_date order by step)') }}
  end as rate_from_previous
from counts
