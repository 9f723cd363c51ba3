{#- The value of `expr` on the first row in `order_by` order where it is not null (null if none). -#}
{% macro duckdb__first_non_null(expr, order_by) -%}
first({{ expr }} order by {{ order_by }}) filter (where {{ expr }} is not null)
{%- endmacro %}
{% macro bigquery__first_non_null(expr, order_by) -%}
array_agg({{ expr }} ignore nulls order by {{ order_by }} limit 1)[safe_offset(0)]
{%- endmacro %}

{#-
  The value of `expr` on the row with the smallest `time` where it is not null, for rows whose
  times differ (a user's days: each time falls on its own date). Cheaper than first_non_null on
  DuckDB (arg_min keeps no sorted buffer per group), but ties would be broken arbitrarily there.
-#}
{% macro duckdb__value_at_earliest(expr, time) -%}
arg_min({{ expr }}, {{ time }}) filter (where {{ expr }} is not null)
{%- endmacro %}
{% macro bigquery__value_at_earliest(expr, time) -%}
array_agg({{ expr }} ignore nulls order by {{ time }} limit 1)[safe_offset(0)]
{%- endmacro %}

{#- The values of `expr` on the rows where `condition` holds, as an array (order not kept). -#}
{% macro duckdb__collect_if(expr, condition) -%}
list({{ expr }}) filter (where {{ condition }})
{%- endmacro %}
{% macro bigquery__collect_if(expr, condition) -%}
array_agg(case when {{ condition }} then {{ expr }} end ignore nulls)
{%- endmacro %}

{#- The smallest element of the array `values` at or after `bound` (null if none, or if either is null). -#}
{% macro duckdb__first_at_or_after(values, bound) -%}
list_min(list_filter({{ values }}, t -> t >= {{ bound }}))
{%- endmacro %}
{% macro bigquery__first_at_or_after(values, bound) -%}
(select min(t) from unnest({{ values }}) as t where t >= {{ bound }})
{%- endmacro %}

{#-
  The number of distinct non-null values of `expr` in each group, over the rows where `condition`
  holds if one is given. DuckDB collects and counts a list, which is several times cheaper than
  its count(distinct) inside a grouped aggregate (bench/build); a list with the same expression and
  condition elsewhere in the query is collected once.
-#}
{% macro duckdb__distinct_count(expr, condition=none) -%}
{%- if not condition -%}
list_unique(list({{ expr }}))
{%- else -%}
coalesce(list_unique(list({{ expr }}) filter (where {{ condition }})), 0)
{%- endif -%}
{%- endmacro %}
{% macro bigquery__distinct_count(expr, condition=none) -%}
{%- if not condition -%}
count(distinct {{ expr }})
{%- else -%}
count(distinct case when {{ condition }} then {{ expr }} end)
{%- endif -%}
{%- endmacro %}

{#- The retained users of day n.day_n, from a row with one retained_day_N column per day of `days`. -#}
{% macro retained_on_day_n(alias, days) -%}
case n.day_n {%- for d in days %} when {{ d }} then {{ alias }}.retained_day_{{ d }}{% endfor %} end
{%- endmacro %}
