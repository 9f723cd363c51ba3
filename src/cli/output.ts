import type { CliIo } from './io.js';

export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export function warnUnmatched(unmatched: readonly string[], io: CliIo): void {
  for (const item of unmatched) io.stderr(`warning: the selector '${item}' matched no model.\n`);
}

/** Models left out because the data cannot support them: said, never silent. */
export function noteDisabled(disabled: readonly { readonly name: string; readonly reason: string }[], io: CliIo): void {
  if (disabled.length === 0) return;
  io.stderr(`note: ${disabled.length} model${disabled.length === 1 ? ' is' : 's are'} disabled because the data cannot support ${disabled.length === 1 ? 'it' : 'them'}:\n`);
  for (const d of disabled) io.stderr(`  ${d.name}: ${d.reason}\n`);
}
