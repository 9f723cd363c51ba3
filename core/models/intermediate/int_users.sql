{#-
  One row per user: cohort date (METRICS.md section 2) and the user attributes of
  int_user_attributes, with the window applied and 'unknown' for an attribute never seen.
  partition_date and last_shard_date are int_user_attributes' (what int_user_funnel recomputes by).
-#}
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
  coalesce(case when w.geo_level = 'country' then u.country else u.region end, 'unknown') as geo,
  u.partition_date,
  u.last_shard_date
from {{ ref('int_user_attributes') }} as u
cross join {{ ref('int_window') }} as w
