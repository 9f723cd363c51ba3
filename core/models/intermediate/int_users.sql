{#-
  One row per user: cohort date (METRICS.md section 2) and the user attributes, each the value on
  the user's earliest event where it is not null (ties: the smallest value).
-#}
with users as (
  select
    user_id,
    {% if mapping.has('cohort_date') -%}
    min(first_cohort_date)
    {%- else -%}
    min(case when new_user_events > 0 then event_date end)
    {%- endif %} as cohort_date,
    {{ first_non_null('first_channel', 'first_channel_time, first_channel') }} as channel,
    {{ first_non_null('first_country', 'first_country_time, first_country') }} as country,
    {{ first_non_null('first_region', 'first_region_time, first_region') }} as region
  from {{ ref('int_user_days') }}
  group by user_id
)

select
  u.user_id,
  {% if mapping.has('cohort_date') -%}
  {#- A mapped cohort date counts only inside the window. -#}
  case when u.cohort_date between w.min_date and w.max_date then u.cohort_date end
  {%- else -%}
  u.cohort_date
  {%- endif %} as cohort_date,
  coalesce(u.channel, 'unknown') as channel,
  coalesce(u.country, 'unknown') as country,
  coalesce(u.region, 'unknown') as region,
  w.geo_level,
  coalesce(case when w.geo_level = 'country' then u.country else u.region end, 'unknown') as geo
from users as u
cross join {{ ref('int_window') }} as w
