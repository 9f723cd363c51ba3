{#- One row per date of the window: the date spine that keeps days without events visible. -#}
with spine as (
  {{ date_spine('(select min_date from ' ~ ref('int_window') ~ ')', '(select max_date from ' ~ ref('int_window') ~ ')', 'event_date') }}
)

select event_date from spine
