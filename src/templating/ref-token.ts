/**
 * `ref('x')` renders to a token that the compile stage replaces once every model's relation is
 * known, so each model is rendered once (no separate parse pass) and the rendered text can be
 * cached independently of other models' configuration.
 */
const MARK = '\u0001';
const TOKEN = new RegExp(`${MARK}ref:([^${MARK}]+)${MARK}`, 'g');

export const refToken = (name: string): string => `${MARK}ref:${name}${MARK}`;

export function replaceRefTokens(sql: string, resolve: (name: string) => string): string {
  return sql.replace(TOKEN, (_match, name: string) => resolve(name));
}
