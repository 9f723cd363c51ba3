{#-
  One row per new user: the last first-day funnel step reached (METRICS.md section 2). Step k
  counts only at or after the time step k-1 was reached, on the cohort date.
-#}
with new_users as (
  select user_id, cohort_date from {{ ref('int_users') }} where cohort_date is not null
),

first_day as (
  select e.user_id, e.event_name, e.event_time
  from {{ ref('stg_events') }} as e
  inner join new_users as u on e.user_id = u.user_id and e.event_date = u.cohort_date
  where {{ in_list('e.event_name', funnel_event_names().split(',') if funnel_event_names() else []) }}
){% for step in mapping.funnel %},

step_{{ loop.index }} as (
  select f.user_id, min(f.event_time) as reached_at
  from first_day as f
  {%- if not loop.first %}
  inner join step_{{ loop.index0 }} as previous on f.user_id = previous.user_id and f.event_time >= previous.reached_at
  {%- endif %}
  where {{ in_list('f.event_name', step.events) }}
  group by f.user_id
){% endfor %}

select
  u.user_id,
  u.cohort_date,
  {% if mapping.funnel | length > 0 -%}
  case
    {%- for step in mapping.funnel | reverse %}
    when step_{{ mapping.funnel | length - loop.index0 }}.user_id is not null then {{ mapping.funnel | length - loop.index0 }}
    {%- endfor %}
    else 0
  end
  {%- else -%}
  0
  {%- endif %} as last_step
from new_users as u
{%- for step in mapping.funnel %}
left join step_{{ loop.index }} on u.user_id = step_{{ loop.index }}.user_id
{%- endfor %}
