import type { CliIo } from './io.js';

export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export function warnUnmatched(unmatched: readonly string[], io: CliIo): void {
  for (const item of unmatched) io.stderr(`warning: the selector '${item}' matched no model.\n`);
}
