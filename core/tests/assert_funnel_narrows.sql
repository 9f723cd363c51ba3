{#- METRICS.md section 4: funnel users never grow from one step to the next, and step 1 <= new users. -#}
with steps as (
  select
    cohort_date,
    step,
    users,
    lag(users) over (partition by cohort_date order by step) as previous_users
  from {{ ref('event_funnel_first_login') }}
)

select s.cohort_date, s.step, s.users, s.previous_users, n.new_users
from steps as s
inner join {{ ref('date_wise_new_logins_overall') }} as n on s.cohort_date = n.event_date
where s.users > s.previous_users or (s.step = 1 and s.users > n.new_users)
