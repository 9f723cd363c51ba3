{#- A canonical column cast to its type, or a typed null when the mapping leaves it out. -#}
{% macro canonical_or_null(field, type) -%}
{%- if mapping.has(field) -%}cast({{ mapping[field] }} as {{ type }}){%- else -%}cast(null as {{ type }}){%- endif -%}
{%- endmacro %}

{#- Every event name of the funnel's steps. -#}
{% macro funnel_event_names() -%}
{%- set names = [] -%}
{%- for step in mapping.funnel -%}{%- for e in step.events -%}{%- set _ = names.push(e) -%}{%- endfor -%}{%- endfor -%}
{{- names | join(',') -}}
{%- endmacro %}

{#- `last_step` number -> its label; 0 is '(none)'. -#}
{% macro funnel_step_name(step_expr) -%}
{%- if mapping.funnel | length == 0 -%}'(none)'
{%- else -%}case {{ step_expr }}{% for step in mapping.funnel %} when {{ loop.index }} then {{ string_literal(step.name) }}{% endfor %} else '(none)' end
{%- endif -%}
{%- endmacro %}
