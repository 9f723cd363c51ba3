/**
 * Selector globs: `*` is any run of characters and `?` one character. In paths they stay within
 * one folder, and `**` crosses folders.
 */
export function globToRegExp(pattern: string, kind: 'name' | 'path'): RegExp {
  return new RegExp(`^${globSource(pattern, kind)}$`);
}

/** The pattern as regular-expression source, without anchors. */
export function globSource(pattern: string, kind: 'name' | 'path'): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && kind === 'path' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += kind === 'path' ? '[^/]*' : '.*';
    } else if (c === '?') {
      source += kind === 'path' ? '[^/]' : '.';
    } else {
      source += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    }
  }
  return source;
}
