{#- Engine type names, so models never spell an engine's type. -#}
{% macro duckdb__type_string() %}varchar{% endmacro %}
{% macro bigquery__type_string() %}string{% endmacro %}
{% macro duckdb__type_float() %}double{% endmacro %}
{% macro bigquery__type_float() %}float64{% endmacro %}
{% macro duckdb__type_int() %}bigint{% endmacro %}
{% macro bigquery__type_int() %}int64{% endmacro %}

{#- A string literal, escaped the engine's way. -#}
{% macro duckdb__string_literal(value) %}'{{ value | replace("'", "''") }}'{% endmacro %}
{% macro bigquery__string_literal(value) %}'{{ value | replace("\\", "\\\\") | replace("'", "\\'") }}'{% endmacro %}

{#- `expr in ('a', 'b')`; an empty list matches nothing (SQL has no empty IN list). -#}
{% macro in_list(expr, values) -%}
{%- if values | length == 0 -%}false{%- else -%}{{ expr }} in ({% for v in values %}{{ string_literal(v) }}{{ ", " if not loop.last }}{% endfor %}){%- endif -%}
{%- endmacro %}

{#- `a / b` as a float, null when b is 0 or null. -#}
{% macro duckdb__safe_divide(numerator, denominator) %}(cast({{ numerator }} as double) / nullif({{ denominator }}, 0)){% endmacro %}
{% macro bigquery__safe_divide(numerator, denominator) %}safe_divide({{ numerator }}, {{ denominator }}){% endmacro %}

{#-
  How the staging model is materialized. On BigQuery a table, so the raw events are billed once
  per build; on DuckDB a view, since reading local Parquet columns again is cheaper than writing
  the whole event stream to the database (bench/build).
-#}
{% macro duckdb__staging_materialization() %}view{% endmacro %}
{% macro bigquery__staging_materialization() %}table{% endmacro %}

{#- A 64-bit fingerprint of a row's values, for counting distinct rows cheaply (duplicate checks). -#}
{% macro duckdb__row_fingerprint(exprs) %}hash({{ exprs | join(', ') }}){% endmacro %}
{% macro bigquery__row_fingerprint(exprs) %}farm_fingerprint(format('%T', ({{ exprs | join(', ') }}))){% endmacro %}
