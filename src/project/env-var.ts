/**
 * `{{ env_var('NAME') }}` and `{{ env_var('NAME', 'default') }}` in profiles.yml strings.
 * Only this one form is understood (no template engine): profiles hold connection settings,
 * and anything else between braces is more likely a mistake than intent.
 */
export type EnvLookup = Readonly<Record<string, string | undefined>>;

export type Interpolation =
  | { readonly kind: 'ok'; readonly value: string }
  | { readonly kind: 'missing'; readonly name: string }
  | { readonly kind: 'malformed'; readonly expression: string };

const CALL = /^\s*env_var\(\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*(?:,\s*(['"])(.*?)\3\s*)?\)\s*$/s;

export function interpolateEnv(text: string, env: EnvLookup): Interpolation {
  let out = '';
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{{');
    if (open < 0) return { kind: 'ok', value: out + rest };
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) return { kind: 'malformed', expression: rest.slice(open) };
    const expression = rest.slice(open, close + 2);
    const call = CALL.exec(rest.slice(open + 2, close));
    if (call === null) return { kind: 'malformed', expression };
    const name = call[2] as string;
    const value = env[name] ?? call[4];
    if (value === undefined) return { kind: 'missing', name };
    out += rest.slice(0, open) + value;
    rest = rest.slice(close + 2);
  }
}

/** The variables whose values `text` takes from `env` (an env_var() whose variable is set, not its default). */
export function variablesUsed(text: string, env: EnvLookup): string[] {
  const names: string[] = [];
  for (const [, inner] of text.matchAll(/\{\{(.*?)\}\}/gs)) {
    const name = CALL.exec(inner ?? '')?.[2];
    if (name !== undefined && env[name] !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}
