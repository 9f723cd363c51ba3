/**
 * What pdb remembers across runs, as plain data: the runs themselves, what each step did and the
 * fingerprint of what it built, and what people said about findings. The store behind it is an
 * interface (state-store.ts), so a server database could stand in for the embedded one.
 */

export type RunStatus = 'success' | 'failed' | 'cancelled';

/** One step of a run as kept in the store: the facts of run_results.json plus the fingerprint. */
export interface StepRecord {
  readonly stepId: string;
  readonly kind: string;
  readonly name: string;
  /** Tests: the model the test is declared on. */
  readonly model?: string;
  readonly status: string;
  readonly seconds: number;
  readonly rows?: number | null;
  readonly failures?: number;
  readonly relation?: string;
  /** Models: the fingerprint of what the built table holds (see model-fingerprint.ts). */
  readonly fingerprint?: string;
  readonly message?: string;
}

export interface RunRecord {
  readonly runId: string;
  readonly runHash: string;
  readonly project: string;
  readonly command: string;
  /** `--select` / `--exclude` as typed, for `pdb runs` and `pdb retry`. */
  readonly select: readonly string[];
  readonly exclude: readonly string[];
  /** `--vars` as given (not the project defaults), so `pdb retry` runs with the same. */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly target: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly status: RunStatus;
  readonly pdbVersion: string;
  readonly steps: readonly StepRecord[];
  /** The files or shards of each source the run read, by `source.table` (see BuiltRelation.sourceParts). */
  readonly sourceParts?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type RunSummary = Omit<RunRecord, 'steps'> & { readonly models: number; readonly failures: number };

/** A source's content as pdb fingerprints it (see Adapter.fingerprintSource). */
export interface SourceFingerprint {
  /** The same on any machine for the same data. */
  readonly digest: string;
  /** For a source of several files or shards (a glob, a wildcard table): each one's own digest, by name. */
  readonly parts?: ReadonlyMap<string, string>;
}

/** What a built relation holds, per target: lets a build skip a model whose inputs have not changed. */
export interface BuiltRelation {
  readonly target: string;
  readonly relation: string;
  readonly fingerprint: string;
  readonly rows: number | null;
  readonly runId: string;
  /** The files or shards of each source the run that built it read (SourceFingerprint.parts), by `source.table`. */
  readonly sourceParts?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * A plugin hook's last run that did not fail: the key of everything it read, its outcome, the
 * lines it logged and the artifacts it wrote (path relative to the project -> sha256), so that a
 * run in which nothing it reads changed can stand on it (see plugins/hook-reuse.ts).
 */
export interface HookRunRecord {
  readonly target: string;
  readonly hookId: string;
  readonly key: string;
  readonly status: string;
  readonly findings: readonly { readonly severity: 'info' | 'warn' | 'error'; readonly message: string }[];
  readonly logs: readonly string[];
  readonly artifacts: Readonly<Record<string, string>>;
  readonly runId: string;
}

export type FindingStatus = 'new' | 'persisting' | 'resolved';

/**
 * A finding of the insights engine as the knowledge base keeps it. `key` names what the finding is
 * about (kind, metric, segment, dates) and is the same in every run that finds the same thing.
 */
export interface FindingRecord {
  readonly key: string;
  readonly findingId: string;
  readonly kind: string;
  readonly metric: string;
  readonly segment: string;
  readonly dateFrom: string | null;
  readonly dateTo: string | null;
  readonly significant: boolean;
  readonly summary: string;
}

export type FeedbackVerdict = 'confirmed' | 'dismissed';

export interface FeedbackRecord {
  readonly key: string;
  readonly verdict: FeedbackVerdict;
  readonly note: string | null;
  readonly at: string;
}

/** A finding of a run with what the store knew of it before. */
export interface FindingWithHistory extends FindingRecord {
  readonly status: FindingStatus;
  readonly firstSeenRun: string;
  readonly feedback?: FeedbackRecord;
}

export interface HistoryQuery {
  readonly project: string;
  readonly metric?: string;
  readonly segment?: string;
  readonly kind?: string;
  /** Free text matched against summaries and notes (case-insensitive). */
  readonly text?: string;
  readonly limit?: number;
}

export interface HistoryEntry extends FindingRecord {
  readonly runId: string;
  readonly startedAt: string;
  readonly feedback?: FeedbackRecord;
}
