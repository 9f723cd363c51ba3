{#- The window of the stream (METRICS.md section 2) and the geo level every "by geo" metric uses. -#}
select
  min(event_date) as min_date,
  max(event_date) as max_date,
  {% if mapping.geo_level == 'auto' -%}
  case when count(distinct country) >= 2 then 'country' else 'region' end
  {%- else -%}
  {{ string_literal(mapping.geo_level) }}
  {%- endif %} as geo_level
from {{ ref('stg_events') }}
