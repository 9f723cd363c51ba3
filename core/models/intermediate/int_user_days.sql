{{ config(materialized='view') }}
{#-
  One row per user and day of the stream: the facts of stg_events for rows with a user and a time
  inside the start_date / end_date window, and whether the user was active that day.
-#}
select
  *,
  case when activity_events > 0 then 1 else 0 end as is_active
from {{ ref('stg_events') }}
where user_id is not null and event_date is not null
  {%- if var('start_date') %}
  and event_date >= {{ date_literal(var('start_date')) }}
  {%- endif %}
  {%- if var('end_date') %}
  and event_date <= {{ date_literal(var('end_date')) }}
  {%- endif %}
