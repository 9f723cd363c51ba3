{#-
  One row per user: cohort date (first new-user event, METRICS.md section 2) and the user
  attributes, each the value on the user's earliest event where it is not null.
-#}
with users as (
  select
    user_id,
    min(case when is_new_user_event then event_date end) as cohort_date,
    {{ first_non_null('channel', 'event_time, channel') }} as channel,
    {{ first_non_null('country', 'event_time, country') }} as country,
    {{ first_non_null('region', 'event_time, region') }} as region
  from {{ ref('stg_events') }}
  group by user_id
)

select
  u.user_id,
  u.cohort_date,
  coalesce(u.channel, 'unknown') as channel,
  coalesce(u.country, 'unknown') as country,
  coalesce(u.region, 'unknown') as region,
  w.geo_level,
  coalesce(case when w.geo_level = 'country' then u.country else u.region end, 'unknown') as geo
from users as u
cross join {{ ref('int_window') }} as w
