{#- 3. New users per date and acquisition channel (the user's channel attribute). -#}
select
  cohort_date as event_date,
  channel,
  count(*) as new_users
from {{ ref('int_users') }}
where cohort_date is not null
group by cohort_date, channel
