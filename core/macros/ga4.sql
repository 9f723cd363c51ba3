{#-
  A value of GA4's `event_params` (a list of {key, value: {string_value, int_value, float_value,
  double_value}}). `kind` is string, int, float, double, or number (the first numeric one set).
-#}
{% macro ga4_value_field(param, kind) -%}
{%- if kind == 'number' -%}coalesce({{ param }}.value.double_value, {{ param }}.value.float_value, cast({{ param }}.value.int_value as {{ type_float() }}))
{%- else -%}{{ param }}.value.{{ kind }}_value{%- endif -%}
{%- endmacro %}

{% macro duckdb__ga4_param(key, kind='string') -%}
list_transform(list_filter(event_params, p -> p.key = {{ string_literal(key) }}), p -> {{ ga4_value_field('p', kind) }})[1]
{%- endmacro %}
{% macro bigquery__ga4_param(key, kind='string') -%}
(select {{ ga4_value_field('p', kind) }} from unnest(event_params) as p where p.key = {{ string_literal(key) }} limit 1)
{%- endmacro %}
