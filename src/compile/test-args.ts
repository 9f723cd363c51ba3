/**
 * A data test's arguments may use var() (and env_var()), as dbt's do, so that a test follows the
 * vars its model reads: a string that is one `{{ ... }}` becomes that value, so a list stays a
 * list (`values: "{{ var('retention_days') }}"`); any other string with `{{` or `{%` is rendered
 * as text (`filter: "day_n in ({{ var('funnel_retention_days') | join(', ') }})"`).
 */

/** Renders a templated string in the models' template environment (var, env_var, macros). */
export type RenderText = (text: string) => string;

export function hasTemplatedArgs(args: unknown): boolean {
  if (typeof args === 'string') return isTemplated(args);
  if (Array.isArray(args)) return args.some(hasTemplatedArgs);
  if (typeof args === 'object' && args !== null) return Object.values(args).some(hasTemplatedArgs);
  return false;
}

/** The arguments with every templated string rendered; the others as they are. */
export function renderTestArgs(args: Readonly<Record<string, unknown>>, render: RenderText): Readonly<Record<string, unknown>> {
  const rendered = (value: unknown): unknown => {
    if (typeof value === 'string') return isTemplated(value) ? renderValue(value, render) : value;
    if (Array.isArray(value)) return value.map(rendered);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rendered(v)]));
    return value;
  };
  return rendered(args) as Readonly<Record<string, unknown>>;
}

const isTemplated = (text: string): boolean => text.includes('{{') || text.includes('{%');

function renderValue(text: string, render: RenderText): unknown {
  const single = /^\s*\{\{([\s\S]*?)\}\}\s*$/.exec(text);
  if (single === null || single[1]!.includes('}}')) return render(text);
  // One expression: its value, through JSON (Nunjucks' dump), not its text.
  const json = render(`{{ (${single[1]!}) | dump }}`);
  return json === '' ? null : JSON.parse(json);
}
