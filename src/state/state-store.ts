import type { BuiltRelation, FeedbackRecord, HookRunRecord, FindingRecord, FindingWithHistory, HistoryEntry, HistoryQuery, RunRecord, RunSummary, StepRecord } from './state-types.js';

/**
 * Run state behind a small interface: runs, fingerprints of built relations, findings and the
 * feedback people gave on them. The embedded implementation is a DuckDB file
 * (duckdb-state-store.ts); every method is one short transaction, so several projects or
 * concurrent runs can share one file.
 */
export interface StateStore {
  /**
   * Keeps the store open across the calls that follow, until `release()`: a command that makes
   * several calls opens it once. Release it before long work, so other runs can use the store.
   */
  hold(): void;
  /** Closes the store if it is held open (later calls open it again, one call at a time). */
  release(): Promise<void>;
  /** Records a finished run with its steps, and the fingerprints of the relations it built. */
  recordRun(run: RunRecord): Promise<void>;
  /** The most recent runs of a project, newest first. */
  runs(project: string, limit: number): Promise<RunSummary[]>;
  /** One run with its steps: by id, or the project's latest when no id is given. */
  run(project: string, runId?: string): Promise<RunRecord | undefined>;
  /** What each relation of a target holds now, by relation. */
  builtRelations(target: string): Promise<Map<string, BuiltRelation>>;
  /** The latest recorded step of the target with each of these fingerprints (tests whose inputs did not change). */
  stepsByFingerprint(target: string, fingerprints: readonly string[]): Promise<Map<string, StepRecord>>;
  /** Forgets what a relation holds (it was rebuilt outside the store's knowledge, or dropped). */
  forgetRelations(target: string, relations: readonly string[]): Promise<void>;
  /** The last run of a plugin hook that did not fail, with what it said and wrote (see hook-reuse.ts). */
  hookRun(target: string, hookId: string): Promise<HookRunRecord | undefined>;
  recordHookRun(record: HookRunRecord): Promise<void>;
  /** Forgets a hook's last run (it failed: its artifacts are not to be trusted). */
  forgetHookRun(target: string, hookId: string): Promise<void>;
  /**
   * Stores a run's findings and says of each whether it is new or persisting since the project's
   * previous run with findings; findings of that run not found again come back as resolved.
   */
  recordFindings(project: string, runId: string, findings: readonly FindingRecord[]): Promise<{ current: FindingWithHistory[]; resolved: FindingRecord[] }>;
  addFeedback(project: string, feedback: FeedbackRecord): Promise<void>;
  /** Feedback on findings by key, the latest per key. */
  feedback(project: string, keys?: readonly string[]): Promise<Map<string, FeedbackRecord>>;
  /** What was found before, newest first: structured keys first, then free text. */
  history(query: HistoryQuery): Promise<HistoryEntry[]>;
  /** A finding of some earlier run by its id (`F12`) or key, newest first. */
  findFinding(project: string, idOrKey: string): Promise<HistoryEntry | undefined>;
}
