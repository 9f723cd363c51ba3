import type { Outcome } from '../adapter.js';
import { apiFailure, apiMessage, apiReason, engineError, jobErrorMessage } from './bigquery-errors.js';
import type { BigQueryRest, JobResource } from './bigquery-rest.js';
import { jobIdFor, labelValue } from './job-labels.js';
import type { Redactor } from './redact-secrets.js';
import { backoffDelay, isRetriableReason, isRetriableStatus, type RetryPolicy } from './retry-policy.js';
import type { Statement } from './bigquery-statements.js';

export interface JobRunnerSettings {
  readonly rest: BigQueryRest;
  readonly projectId: string;
  readonly location: string | undefined;
  readonly maximumBytesBilled: number | undefined;
  readonly runId: string;
  readonly retry: RetryPolicy;
  readonly pollIntervalMs: number;
  /** How long to wait for BigQuery to confirm a cancellation before giving up on the job. */
  readonly cancelWaitMs: number;
  readonly log: (line: string) => void;
  readonly redact: Redactor;
}

export interface JobRequest {
  readonly statement: Statement;
  readonly dryRun: boolean;
  /** The model it is for, if any: labels, job id and log lines name it. */
  readonly model?: string;
}

/** One `run()` in flight: what `cancelAll()` needs to stop it, at whichever stage it is. */
interface Running {
  jobId: string;
  inserted: boolean;
  cancelled: boolean;
  wake: (() => void) | undefined;
}

/**
 * Runs query jobs to completion: insert, poll until DONE, retry transient failures with
 * exponential backoff, and cancel on request. Failures come back as data, never thrown.
 */
export class JobRunner {
  private readonly running = new Set<Running>();
  private readonly cancels: Promise<void>[] = [];
  private sequence = 0;

  constructor(private readonly settings: JobRunnerSettings) {}

  async run(request: JobRequest): Promise<Outcome<JobResource>> {
    const { retry, log, redact } = this.settings;
    const purpose = request.model ?? 'query';
    const what = `${request.dryRun ? 'dry run of ' : ''}${purpose}`;
    const state: Running = { jobId: this.nextJobId(purpose), inserted: false, cancelled: false, wake: undefined };
    const interrupted = (): Outcome<JobResource> => ({ ok: false, error: { message: `${what} was cancelled`, interrupted: true } });
    this.running.add(state);
    try {
      for (let attempt = 1; ; attempt += 1) {
        let retryReason: string;
        let sameJob = false;
        try {
          const job = await this.insert(state, request, attempt > 1);
          if (request.dryRun) {
            log(`${what}: ${job.statistics?.totalBytesProcessed ?? 'unknown'} bytes`);
            return { ok: true, value: job };
          }
          log(`job ${state.jobId} started: ${what}`);
          if (state.cancelled) await this.cancelJob(state);
          const done = await this.waitUntilDone(state, job);
          if (done === undefined || state.cancelled) return interrupted();
          const failure = done.status?.errorResult;
          if (failure === undefined) {
            log(`job ${state.jobId} done: ${done.statistics?.totalBytesProcessed ?? 'unknown'} bytes processed`);
            return { ok: true, value: done };
          }
          if (failure.reason === 'stopped') return interrupted();
          if (!isRetriableReason(failure.reason) || attempt >= retry.attempts) {
            const error = engineError(jobErrorMessage(failure), request.statement.lineOffset, redact);
            log(`job ${state.jobId} failed: ${error.message}`);
            return { ok: false, error };
          }
          retryReason = failure.reason ?? 'a transient error';
        } catch (thrown) {
          if (state.cancelled) return interrupted();
          const failure = apiFailure(thrown);
          const reason = apiReason(failure);
          if (!(isRetriableStatus(failure.code) || isRetriableReason(reason)) || attempt >= retry.attempts) {
            const error = engineError(apiMessage(failure), request.statement.lineOffset, redact);
            log(`${what} failed: ${error.message}`);
            return { ok: false, error };
          }
          retryReason = reason ?? `HTTP ${failure.code ?? 'error'}`;
          // The insert may have reached BigQuery before the reply was lost: try the same job id
          // again, so BigQuery answers "already exists" instead of running the statement twice.
          sameJob = !state.inserted;
        }
        const delay = backoffDelay(retry, attempt);
        log(`${what}: ${retryReason}, retrying in ${delay} ms (attempt ${attempt + 1} of ${retry.attempts})`);
        await this.sleep(state, delay);
        if (state.cancelled) return interrupted();
        if (!sameJob) {
          state.jobId = this.nextJobId(purpose);
          state.inserted = false;
        }
      }
    } finally {
      this.running.delete(state);
    }
  }

  /** Asks BigQuery to stop every running job; jobs not inserted yet stop before they start. */
  cancelAll(): void {
    for (const state of this.running) {
      state.cancelled = true;
      state.wake?.();
      if (state.inserted) this.cancels.push(this.cancelJob(state));
    }
  }

  /** Waits for the cancel requests sent so far. */
  async settle(): Promise<void> {
    await Promise.all(this.cancels.splice(0));
  }

  private labels(model: string | undefined): Record<string, string> {
    return { pdb_run_id: labelValue(this.settings.runId), ...(model === undefined ? {} : { pdb_model: labelValue(model) }) };
  }

  private async insert(state: Running, request: JobRequest, isRetry: boolean): Promise<JobResource> {
    const { projectId, location, maximumBytesBilled, rest } = this.settings;
    const query: Record<string, unknown> = { query: request.statement.sql, useLegacySql: false };
    if (maximumBytesBilled !== undefined) query['maximumBytesBilled'] = String(maximumBytesBilled);
    // A cached answer would make the estimate zero: a dry run asks what the statement costs.
    if (request.dryRun) query['useQueryCache'] = false;
    const body = {
      jobReference: { projectId, jobId: state.jobId, ...(location === undefined ? {} : { location }) },
      configuration: { ...(request.dryRun ? { dryRun: true } : {}), labels: this.labels(request.model), query },
    };
    try {
      const job = await rest.insertJob(body);
      state.inserted = !request.dryRun;
      return job;
    } catch (error) {
      if (isRetry && apiFailure(error).code === 409 && !request.dryRun) {
        state.inserted = true;
        return rest.getJob(state.jobId, location);
      }
      throw error;
    }
  }

  /** Polls until the job is DONE; undefined when a cancelled job does not confirm in time. */
  private async waitUntilDone(state: Running, job: JobResource): Promise<JobResource | undefined> {
    const { pollIntervalMs, cancelWaitMs, location } = this.settings;
    let current = job;
    let cancelledAt: number | undefined;
    while (current.status?.state !== 'DONE') {
      if (state.cancelled) {
        cancelledAt ??= Date.now();
        if (Date.now() - cancelledAt > cancelWaitMs) return undefined;
      }
      await this.sleep(state, pollIntervalMs);
      current = await this.withRetry(() => this.settings.rest.getJob(state.jobId, location));
    }
    return current;
  }

  /** Retries an idempotent read on transient HTTP errors. */
  async withRetry<T>(call: () => Promise<T>): Promise<T> {
    const { retry } = this.settings;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const failure = apiFailure(error);
        if (attempt >= retry.attempts || !(isRetriableStatus(failure.code) || isRetriableReason(apiReason(failure)))) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(retry, attempt)));
      }
    }
  }

  private async cancelJob(state: Running): Promise<void> {
    this.settings.log(`job ${state.jobId}: cancel requested`);
    await this.settings.rest.cancelJob(state.jobId, this.settings.location).catch((error: unknown) => {
      this.settings.log(`job ${state.jobId}: cancel failed: ${this.settings.redact(apiMessage(apiFailure(error)))}`);
    });
  }

  /** A pause that `cancelAll()` cuts short. */
  private sleep(state: Running, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        state.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      state.wake = done;
    });
  }

  private nextJobId(purpose: string): string {
    this.sequence += 1;
    return jobIdFor(this.settings.runId, purpose, this.sequence);
  }
}
