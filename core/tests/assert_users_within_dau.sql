{#- METRICS.md section 4: new_users <= dau and paying_users <= dau on every date. -#}
select d.event_date, d.dau, n.new_users, r.paying_users
from {{ ref('date_wise_dau') }} as d
inner join {{ ref('date_wise_new_logins_overall') }} as n on d.event_date = n.event_date
inner join {{ ref('date_wise_revenue') }} as r on d.event_date = r.event_date
where n.new_users > d.dau or r.paying_users > d.dau
