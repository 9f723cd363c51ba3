{#- Timestamps from epoch numbers (UTC). -#}
{% macro duckdb__timestamp_from_micros(expr) %}make_timestamp({{ expr }}){% endmacro %}
{% macro bigquery__timestamp_from_micros(expr) %}timestamp_micros({{ expr }}){% endmacro %}
{% macro duckdb__timestamp_from_millis(expr) %}make_timestamp(({{ expr }}) * 1000){% endmacro %}
{% macro bigquery__timestamp_from_millis(expr) %}timestamp_millis({{ expr }}){% endmacro %}
{% macro duckdb__timestamp_from_seconds(expr) %}make_timestamp(cast(({{ expr }}) * 1000000 as bigint)){% endmacro %}
{% macro bigquery__timestamp_from_seconds(expr) %}timestamp_micros(cast(({{ expr }}) * 1000000 as int64)){% endmacro %}
{#- An ISO-8601 string (with or without a zone; none means UTC). -#}
{% macro duckdb__timestamp_from_iso(expr) %}cast(cast({{ expr }} as timestamptz) at time zone 'UTC' as timestamp){% endmacro %}
{% macro bigquery__timestamp_from_iso(expr) %}timestamp({{ expr }}){% endmacro %}

{#- The calendar date of a UTC timestamp in a time zone (IANA name). -#}
{% macro duckdb__local_date(ts, tz) -%}
{%- if tz == 'UTC' -%}cast({{ ts }} as date){%- else -%}cast(({{ ts }} at time zone 'UTC') at time zone {{ string_literal(tz) }} as date){%- endif -%}
{%- endmacro %}
{% macro bigquery__local_date(ts, tz) %}date({{ ts }}, {{ string_literal(tz) }}){% endmacro %}

{% macro duckdb__add_days(date_expr, days) %}cast({{ date_expr }} + {{ days }} as date){% endmacro %}
{% macro bigquery__add_days(date_expr, days) %}date_add({{ date_expr }}, interval {{ days }} day){% endmacro %}

{#- Whole days from `start` to `end` (end - start). -#}
{% macro duckdb__days_between(start, end) %}date_diff('day', {{ start }}, {{ end }}){% endmacro %}
{% macro bigquery__days_between(start, end) %}date_diff({{ end }}, {{ start }}, day){% endmacro %}

{% macro date_literal(value) %}date {{ string_literal(value) }}{% endmacro %}

{#- One row per date from `start` to `end` inclusive, in a column named `column`. -#}
{% macro duckdb__date_spine(start, end, column) -%}
select cast(d as date) as {{ column }} from generate_series(cast({{ start }} as timestamp), cast({{ end }} as timestamp), interval 1 day) as t(d)
{%- endmacro %}
{% macro bigquery__date_spine(start, end, column) -%}
select {{ column }} from unnest(generate_date_array({{ start }}, {{ end }})) as {{ column }}
{%- endmacro %}

{#- A one-column table of integers, e.g. the day numbers of retention. -#}
{% macro duckdb__integer_rows(values, column) -%}
select unnest([{{ values | join(', ') }}]) as {{ column }}
{%- endmacro %}
{% macro bigquery__integer_rows(values, column) -%}
select {{ column }} from unnest([{{ values | join(', ') }}]) as {{ column }}
{%- endmacro %}

{#-
  Prunes the daily shards of a source to the dates a build needs: one day before the start for
  time zones, and three days after the end for late events. A shard's day is GA4's _TABLE_SUFFIX
  on BigQuery, and on DuckDB the eight digits that end a file's name (events_YYYYMMDD.parquet);
  a file whose name holds no date is always read. Both engines skip the shards outside the range
  without reading them when the bounds are constants. `shard_filter` takes 'YYYY-MM-DD' strings
  (vars), `shard_filter_between` date expressions such as incremental_since(); give a model one
  of them, as one condition: DuckDB prunes files by one filter on `filename` only, and with two
  it reads every row of every file.

  GA4's streaming export writes a day's events to events_intraday_YYYYMMDD until that day's
  events_YYYYMMDD is complete, and both match `events_*` for a while: read together, the day
  counts twice. Intraday shards are left out unless the `include_intraday` var is true; then one
  is read only for a date after the newest daily shard of `relation` (the source), so a day is
  never read from both. That test is a subquery, which no engine prunes by: DuckDB then reads
  every file's rows, BigQuery every intraday shard.
-#}
{% macro shard_filter(start_date, end_date, relation=none) -%}
{{ shard_filter_between(date_literal(start_date) if start_date else none, date_literal(end_date) if end_date else none, relation) }}
{%- endmacro %}

{#- An intraday shard that include_intraday lets in: dated after the newest daily shard. -#}
{% macro intraday_shard_read(relation) -%}
{%- if var('include_intraday') and relation -%}
{{ shard_date() }} > (select coalesce(max({{ shard_date() }}), {{ date_literal('0001-01-01') }}) from {{ relation }} where not {{ shard_is_intraday() }})
{%- else -%}
false
{%- endif -%}
{%- endmacro %}

{#- BigQuery prunes shards by _TABLE_SUFFIX compared with constant strings ('intraday_...' sorts after every date). -#}
{% macro bigquery__shard_filter_between(start_expr, end_expr, relation=none) -%}
(
{%- if start_expr %}_TABLE_SUFFIX >= format_date('%Y%m%d', {{ add_days(start_expr, -1) }}){% endif %}
{%- if start_expr and end_expr %} and {% endif %}
{%- if end_expr %}_TABLE_SUFFIX <= format_date('%Y%m%d', {{ add_days(end_expr, 3) }}){% endif %}
{%- if var('include_intraday') and relation %} and (not {{ shard_is_intraday() }} or {{ intraday_shard_read(relation) }})
{%- else %} and not {{ shard_is_intraday() }}{% endif %})
{%- endmacro %}
{#-
  DuckDB prunes files by a filter on `filename` alone. A file's date is compared as a date, so
  eight digits that are no date (events-000000000000.parquet) make an undated file, always read.
-#}
{% macro duckdb__shard_filter_between(start_expr, end_expr, relation=none) -%}
{%- set bounds %}
{%- if start_expr %}{{ shard_date() }} >= {{ add_days(start_expr, -1) }}{% endif %}
{%- if start_expr and end_expr %} and {% endif %}
{%- if end_expr %}{{ shard_date() }} <= {{ add_days(end_expr, 3) }}{% endif %}
{%- endset -%}
case when {{ shard_is_intraday() }} then {{ intraday_shard_read(relation) }} and {{ bounds }} else {{ shard_date() }} is null or ({{ bounds }}) end
{%- endmacro %}

{#-
  Whether `shard_date` (a row's shard date, or a table's last_shard_date) is newer than every
  shard the model's table has read: incremental_since() counts lookback_days back from that
  newest shard. Such a shard's events are news whatever their dates, so an incremental model
  keeps them even before incremental_since() (an event later than the lookback).
-#}
{% macro from_newer_shard(shard_date) -%}
{{ shard_date }} > {{ add_days(incremental_since(var('lookback_days'), 'last_shard_date'), var('lookback_days')) }}
{%- endmacro %}

{% macro bigquery__shard_is_intraday() %}starts_with(_TABLE_SUFFIX, 'intraday_'){% endmacro %}
{% macro duckdb__shard_is_intraday() %}regexp_matches(filename, 'intraday_\d{8}[^/]*$'){% endmacro %}

{#- The date of the shard a row comes from (null for a file whose name holds no date). -#}
{% macro bigquery__shard_date() %}safe.parse_date('%Y%m%d', right(_TABLE_SUFFIX, 8)){% endmacro %}
{% macro duckdb__shard_date() %}cast(try_strptime(regexp_extract(filename, '(\d{8})[^/]*$', 1), '%Y%m%d') as date){% endmacro %}
