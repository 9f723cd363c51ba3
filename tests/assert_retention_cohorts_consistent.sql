{#-
  METRICS.md section 4: cohort_users equals that date's new_users, and the cohorts split by
  funnel step add up to the whole cohort (rates in [0, 1] are tested on the models themselves).
-#}
with by_step as (
  select cohort_date, day_n, sum(cohort_users) as cohort_users
  from {{ ref('retention_by_funnel_step') }}
  group by cohort_date, day_n
)

select r.cohort_date, r.day_n, r.cohort_users, n.new_users, s.cohort_users as by_step
from {{ ref('retention_by_cohort_date') }} as r
inner join {{ ref('date_wise_new_logins_overall') }} as n on r.cohort_date = n.event_date
left join by_step as s on r.cohort_date = s.cohort_date and r.day_n = s.day_n
where r.cohort_users != n.new_users or (r.day_n in (1, 2, 3, 7) and coalesce(s.cohort_users, 0) != r.cohort_users)
