{#-
  One row per new user: the last first-day funnel step reached (METRICS.md section 2). Step k
  counts only at or after the time step k-1 was reached, on the cohort date: reached_at_k is the
  first time of a step-k event at or after reached_at_(k-1) (for the last step, whether any is).
-#}
with new_users as (
  select user_id, cohort_date from {{ ref('int_users') }} where cohort_date is not null
),

reached_0 as (
  select
    u.user_id,
    u.cohort_date
    {%- for step in mapping.funnel %},
    {%- if loop.first %}
    d.step_{{ loop.index }}_first_time as reached_at_{{ loop.index }}
    {%- elif loop.last %}
    d.step_{{ loop.index }}_last_time
    {%- else %}
    d.step_{{ loop.index }}_times
    {%- endif %}
    {%- endfor %}
  from new_users as u
  left join {{ ref('int_user_days') }} as d on u.user_id = d.user_id and u.cohort_date = d.event_date
){% for step in mapping.funnel %}{% if not loop.first %},

reached_{{ loop.index0 }} as (
  select
    *,
    {% if loop.last -%}
    case when step_{{ loop.index }}_last_time >= reached_at_{{ loop.index0 }} then step_{{ loop.index }}_last_time end
    {%- else -%}
    {{ first_at_or_after('step_' ~ loop.index ~ '_times', 'reached_at_' ~ loop.index0) }}
    {%- endif %} as reached_at_{{ loop.index }}
  from reached_{{ loop.index0 - 1 }}
){% endif %}{% endfor %}

select
  user_id,
  cohort_date,
  {% if mapping.funnel | length > 0 -%}
  case
    {%- for step in mapping.funnel | reverse %}
    when reached_at_{{ mapping.funnel | length - loop.index0 }} is not null then {{ mapping.funnel | length - loop.index0 }}
    {%- endfor %}
    else 0
  end
  {%- else -%}
  0
  {%- endif %} as last_step
from reached_{{ (mapping.funnel | length - 1) if mapping.funnel | length > 0 else 0 }}
