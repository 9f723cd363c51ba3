import type { EngineError } from '../adapter.js';
import type { ApiFailure, ErrorProto } from './bigquery-rest.js';
import type { Redactor } from './redact-secrets.js';

/** BigQuery errors of a job or of an HTTP call, as data, with credentials removed. */

/**
 * BigQuery points at `[line:column]` of the statement it got; the statement wraps the model's
 * SQL in DDL, so the line is moved back by the lines before the model's SQL. A position inside
 * the wrapper itself has no line in the compiled file and is left out.
 */
export function engineError(message: string, lineOffset: number, redact: Redactor, interrupted = false): EngineError {
  const clean = redact(message.split('\n')[0] ?? message).trim();
  const at = /\bat \[(\d+):(\d+)\]/.exec(clean);
  const line = at === null ? undefined : Number(at[1]) - lineOffset;
  const position = line !== undefined && line >= 1 ? { line, column: Number(at![2]) } : {};
  return { message: clean, ...position, ...(interrupted ? { interrupted } : {}) };
}

export function apiFailure(error: unknown): ApiFailure {
  if (error !== null && typeof error === 'object' && 'message' in error) return error as ApiFailure;
  return { message: String(error) };
}

/**
 * BigQuery's own words for a failed HTTP call: the first message of its error list, else the
 * message of the reply's body. The client's message adds a "Multiple errors occurred" preamble
 * when the list and the top message differ, and may quote a non-JSON body whole.
 */
export function apiMessage(failure: ApiFailure): string {
  const listed = failure.errors?.find((e) => typeof e.message === 'string' && e.message !== '')?.message;
  if (listed !== undefined) return listed;
  const body = (failure as { response?: { body?: unknown } }).response?.body;
  try {
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { error?: { message?: unknown } } | undefined;
    if (typeof parsed?.error?.message === 'string') return parsed.error.message;
  } catch {
    // Not JSON: fall back to the client's message.
  }
  const numbered = /^\s*1\. (.*)$/m.exec(failure.message);
  return numbered?.[1] ?? failure.message;
}

/** The first reason BigQuery gives for a failed HTTP call. */
export const apiReason = (failure: ApiFailure): string | undefined => failure.errors?.find((e) => e.reason !== undefined)?.reason;

export function jobErrorMessage(error: ErrorProto): string {
  return error.message ?? error.reason ?? 'the job failed without a message';
}
