import type { EngineError } from '../adapter.js';

/** DuckDB's error text as data: "Binder Error: ... LINE 4: ..." gives the compiled SQL's line. */
export function duckdbError(error: unknown): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  const interrupted = /INTERRUPT/i.test(message);
  const line = /LINE (\d+):/.exec(message);
  const firstLines = message.split('\n').filter((l) => l.trim() !== '');
  const first = (firstLines[0] ?? message).trim();
  // Ordered and list aggregates (the one pass over the raw events has both) cannot spill to disk.
  const text = /Out of Memory Error/i.test(first)
    ? `${first}. Raise the target's memory_limit in profiles.yml (a build of 100M events completes with 4GB, spilling to disk, and is three times faster with 18GB), or build a shorter window (vars start_date / end_date).`
    : first;
  return { message: text, ...(line?.[1] === undefined ? {} : { line: Number(line[1]) }), ...(interrupted ? { interrupted } : {}) };
}
