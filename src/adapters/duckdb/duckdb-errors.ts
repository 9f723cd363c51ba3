import type { EngineError } from '../adapter.js';

/** DuckDB's error text as data: "Binder Error: ... LINE 4: ..." gives the compiled SQL's line. */
export function duckdbError(error: unknown): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  const interrupted = /INTERRUPT/i.test(message);
  const line = /LINE (\d+):/.exec(message);
  const firstLines = message.split('\n').filter((l) => l.trim() !== '');
  const text = (firstLines[0] ?? message).trim();
  return { message: text, ...(line?.[1] === undefined ? {} : { line: Number(line[1]) }), ...(interrupted ? { interrupted } : {}) };
}
