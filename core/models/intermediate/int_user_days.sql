{#- One row per user and day with any event: whether the user was active that day. -#}
select
  user_id,
  event_date,
  max(case when is_activity then 1 else 0 end) as is_active
from {{ ref('stg_events') }}
group by user_id, event_date
