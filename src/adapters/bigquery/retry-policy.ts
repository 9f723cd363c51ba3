/** How often and how patiently a failed BigQuery call is retried. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 1000, maxDelayMs: 30_000 };

/** Exponential backoff: the delay before try `attempt + 1`, doubling from the first and capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
}

/** Error reasons BigQuery documents as transient: the same request may succeed later. */
const RETRIABLE_REASONS = new Set(['rateLimitExceeded', 'backendError', 'internalError', 'jobBackendError', 'jobInternalError']);
const RETRIABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export function isRetriableReason(reason: string | undefined): boolean {
  return reason !== undefined && RETRIABLE_REASONS.has(reason);
}

export function isRetriableStatus(status: number | undefined): boolean {
  return status !== undefined && RETRIABLE_STATUS.has(status);
}
