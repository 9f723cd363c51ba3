{#- 4. New users per date and geo (country, or region when the data has a single country). -#}
select
  cohort_date as event_date,
  geo_level,
  geo,
  count(*) as new_users
from {{ ref('int_users') }}
where cohort_date is not null
group by cohort_date, geo_level, geo
