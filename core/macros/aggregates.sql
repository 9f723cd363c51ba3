{#- The value of `expr` on the first row in `order_by` order where it is not null (null if none). -#}
{% macro duckdb__first_non_null(expr, order_by) -%}
first({{ expr }} order by {{ order_by }}) filter (where {{ expr }} is not null)
{%- endmacro %}
{% macro bigquery__first_non_null(expr, order_by) -%}
array_agg({{ expr }} ignore nulls order by {{ order_by }} limit 1)[safe_offset(0)]
{%- endmacro %}
