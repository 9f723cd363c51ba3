import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadDuckDb } from '../adapters/duckdb/load-duckdb.js';
import { PdbError } from '../errors/pdb-error.js';
import type { StateStore } from './state-store.js';
import type { BuiltRelation, FeedbackRecord, HookRunRecord, FeedbackVerdict, FindingRecord, FindingStatus, FindingWithHistory, HistoryEntry, HistoryQuery, RunRecord, RunStatus, RunSummary, StepRecord } from './state-types.js';

/** Bumped when a table changes; a store of another version is refused, never misread. */
export const STATE_SCHEMA_VERSION = 1;

/** Tables added since version 1 was written: created on open where missing, ignored by older pdbs. */
const ADDED_TABLES = `
create table if not exists hook_runs (
  target varchar, hook_id varchar, key varchar, status varchar, findings_json varchar, logs_json varchar,
  artifacts_json varchar, run_id varchar, primary key (target, hook_id));
create table if not exists built_relation_sources (target varchar, relation varchar, parts_json varchar, primary key (target, relation));
`;

const SCHEMA = `
create table if not exists pdb_state (schema_version integer);
create table if not exists runs (
  run_id varchar primary key, project varchar, run_hash varchar, command varchar, select_json varchar,
  exclude_json varchar, vars_json varchar, target varchar, started_at varchar, seconds double, status varchar, pdb_version varchar);
create table if not exists run_steps (
  run_id varchar, step_id varchar, kind varchar, name varchar, model varchar, status varchar, seconds double,
  rows bigint, failures bigint, relation varchar, fingerprint varchar, message varchar);
create table if not exists built_relations (
  target varchar, relation varchar, fingerprint varchar, rows bigint, run_id varchar, primary key (target, relation));
create table if not exists finding_runs (project varchar, run_id varchar, seq bigint);
create table if not exists findings (
  project varchar, run_id varchar, key varchar, finding_id varchar, kind varchar, metric varchar, segment varchar,
  date_from varchar, date_to varchar, significant boolean, summary varchar, status varchar, first_seen_run varchar);
create table if not exists feedback (project varchar, key varchar, verdict varchar, note varchar, given_at varchar, seq bigint);
${ADDED_TABLES}`;

type Row = Record<string, unknown>;

export interface DuckDbStateStoreOptions {
  /** How long to wait for another process that holds the file, before failing clearly. */
  readonly waitMs?: number;
}

/**
 * The embedded state store: one DuckDB file. DuckDB lets one process hold a file at a time, so
 * every call opens the file, does its work in one transaction and closes it again; a second
 * process waits its turn (up to `waitMs`) instead of corrupting anything or failing at once.
 * Between `hold()` and `release()` the file stays open across calls: a command that makes several
 * calls in a short time opens (and checkpoints) it once.
 */
export class DuckDbStateStore implements StateStore {
  private readonly waitMs: number;
  private holding = false;
  private held: { readonly instance: DuckDBInstance; readonly connection: DuckDBConnection } | undefined;
  /** Calls run one after another: a held connection has one transaction at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  /** `file` is where the store lives; `shownAs` is how errors name it (relative to the project). */
  constructor(private readonly file: string, private readonly shownAs: string, options: DuckDbStateStoreOptions = {}) {
    this.waitMs = options.waitMs ?? 30_000;
  }

  async recordRun(run: RunRecord): Promise<void> {
    await this.transaction(async (c) => {
      await exec(c, 'delete from runs where run_id = ?', [run.runId]);
      await exec(c, 'delete from run_steps where run_id = ?', [run.runId]);
      await exec(c, 'insert into runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        run.runId, run.project, run.runHash, run.command, JSON.stringify(run.select), JSON.stringify(run.exclude), JSON.stringify(run.vars), run.target, run.startedAt, run.seconds, run.status, run.pdbVersion,
      ]);
      await insertRows(c, 'run_steps', run.steps.map((step) => [
        run.runId, step.stepId, step.kind, step.name, step.model ?? null, step.status, step.seconds, step.rows ?? null, step.failures ?? null, step.relation ?? null, step.fingerprint ?? null, step.message ?? null,
      ]));
      const models = run.steps.filter((step) => step.kind === 'model' && step.relation !== undefined);
      // A failed build leaves the previous table, but the store no longer vouches for it.
      const failed = models.filter((m) => m.status === 'error');
      const built = models.filter((m) => m.status === 'success' && m.fingerprint !== undefined);
      const replaced = [...failed, ...built].map((step) => step.relation!);
      if (replaced.length > 0) await exec(c, 'delete from built_relations where target = ? and relation in (select unnest(?::varchar[]))', [run.target, (await loadDuckDb()).listValue(replaced)]);
      await insertRows(c, 'built_relations', built.map((step) => [run.target, step.relation!, step.fingerprint!, step.rows ?? null, run.runId]));
      if (replaced.length > 0) await exec(c, 'delete from built_relation_sources where target = ? and relation in (select unnest(?::varchar[]))', [run.target, (await loadDuckDb()).listValue(replaced)]);
      const parts = run.sourceParts === undefined ? undefined : JSON.stringify(run.sourceParts);
      if (parts !== undefined) await insertRows(c, 'built_relation_sources', built.map((step) => [run.target, step.relation!, parts]));
    });
  }

  async runs(project: string, limit: number): Promise<RunSummary[]> {
    return this.transaction(async (c) => {
      const rows = await read(
        c,
        `select r.*, (select count(*) from run_steps s where s.run_id = r.run_id and s.kind = 'model') as models,
                (select count(*) from run_steps s where s.run_id = r.run_id and s.status in ('error', 'fail')) as failures
         from runs r where r.project = ? order by r.started_at desc, r.run_id desc limit ?`,
        [project, limit],
      );
      return rows.map((r) => ({ ...runOf(r), models: Number(r.models), failures: Number(r.failures) }));
    });
  }

  async run(project: string, runId?: string): Promise<RunRecord | undefined> {
    return this.transaction(async (c) => {
      const [row] = runId === undefined
        ? await read(c, 'select * from runs where project = ? order by started_at desc, run_id desc limit 1', [project])
        : await read(c, 'select * from runs where project = ? and (run_id = ? or run_id like ?) order by started_at desc limit 1', [project, runId, `${runId}%`]);
      if (row === undefined) return undefined;
      const steps = await read(c, 'select * from run_steps where run_id = ? order by rowid', [String(row.run_id)]);
      return { ...runOf(row), steps: steps.map(stepOf) };
    });
  }

  async builtRelations(target: string): Promise<Map<string, BuiltRelation>> {
    return this.transaction(async (c) => {
      const rows = await read(c, 'select b.*, s.parts_json from built_relations b left join built_relation_sources s using (target, relation) where b.target = ?', [target]);
      return new Map(rows.map((r) => [String(r.relation), {
        target, relation: String(r.relation), fingerprint: String(r.fingerprint), rows: r.rows === null ? null : Number(r.rows), runId: String(r.run_id),
        ...(r.parts_json === null ? {} : { sourceParts: JSON.parse(String(r.parts_json)) as BuiltRelation['sourceParts'] }),
      }]));
    });
  }

  async stepsByFingerprint(target: string, fingerprints: readonly string[]): Promise<Map<string, StepRecord>> {
    if (fingerprints.length === 0) return new Map();
    return this.transaction(async (c) => {
      const rows = await read(
        c,
        `select s.* from run_steps s join runs r on r.run_id = s.run_id
         where r.target = ? and s.fingerprint in (select unnest(?::varchar[]))
         qualify row_number() over (partition by s.fingerprint order by r.started_at desc) = 1`,
        [target, (await loadDuckDb()).listValue(fingerprints)],
      );
      return new Map(rows.map((r) => [String(r.fingerprint), stepOf(r)]));
    });
  }

  async forgetRelations(target: string, relations: readonly string[]): Promise<void> {
    if (relations.length === 0) return;
    await this.transaction(async (c) => {
      for (const relation of relations) {
        await exec(c, 'delete from built_relations where target = ? and relation = ?', [target, relation]);
        await exec(c, 'delete from built_relation_sources where target = ? and relation = ?', [target, relation]);
      }
    });
  }

  async hookRun(target: string, hookId: string): Promise<HookRunRecord | undefined> {
    return this.transaction(async (c) => {
      const [row] = await read(c, 'select * from hook_runs where target = ? and hook_id = ?', [target, hookId]);
      if (row === undefined) return undefined;
      return {
        target, hookId, key: String(row.key), status: String(row.status), runId: String(row.run_id),
        findings: JSON.parse(String(row.findings_json)) as HookRunRecord['findings'],
        logs: JSON.parse(String(row.logs_json)) as string[],
        artifacts: JSON.parse(String(row.artifacts_json)) as Record<string, string>,
      };
    });
  }

  async recordHookRun(record: HookRunRecord): Promise<void> {
    await this.transaction(async (c) => {
      await exec(c, 'delete from hook_runs where target = ? and hook_id = ?', [record.target, record.hookId]);
      await exec(c, 'insert into hook_runs values (?, ?, ?, ?, ?, ?, ?, ?)', [
        record.target, record.hookId, record.key, record.status, JSON.stringify(record.findings), JSON.stringify(record.logs), JSON.stringify(record.artifacts), record.runId,
      ]);
    });
  }

  async forgetHookRun(target: string, hookId: string): Promise<void> {
    await this.transaction(async (c) => {
      await exec(c, 'delete from hook_runs where target = ? and hook_id = ?', [target, hookId]);
    });
  }

  async recordFindings(project: string, runId: string, findings: readonly FindingRecord[]): Promise<{ current: FindingWithHistory[]; resolved: FindingRecord[] }> {
    return this.transaction(async (c) => {
      const [previousRun] = await read(c, 'select run_id from finding_runs where project = ? and run_id <> ? order by seq desc limit 1', [project, runId]);
      const previous = previousRun === undefined ? [] : (await read(c, 'select * from findings where project = ? and run_id = ?', [project, String(previousRun.run_id)])).map((r) => ({ ...findingOf(r), firstSeenRun: String(r.first_seen_run) }));
      const previousByKey = new Map(previous.map((f) => [f.key, f]));
      const feedback = await latestFeedback(c, project);
      await exec(c, 'delete from findings where project = ? and run_id = ?', [project, runId]);
      await exec(c, 'delete from finding_runs where project = ? and run_id = ?', [project, runId]);
      await exec(c, 'insert into finding_runs select ?, ?, coalesce(max(seq), 0) + 1 from finding_runs', [project, runId]);
      const current: FindingWithHistory[] = [];
      const rows: DuckDBValue[][] = [];
      for (const finding of findings) {
        const before = previousByKey.get(finding.key);
        const status: FindingStatus = before === undefined ? 'new' : 'persisting';
        const firstSeenRun = before?.firstSeenRun ?? runId;
        rows.push([project, runId, finding.key, finding.findingId, finding.kind, finding.metric, finding.segment, finding.dateFrom, finding.dateTo, finding.significant, finding.summary, status, firstSeenRun]);
        const given = feedback.get(finding.key);
        current.push({ ...finding, status, firstSeenRun, ...(given === undefined ? {} : { feedback: given }) });
      }
      await insertRows(c, 'findings', rows);
      const found = new Set(findings.map((f) => f.key));
      const resolved = previous.filter((f) => !found.has(f.key)).map(({ firstSeenRun: _, ...f }) => f);
      return { current, resolved };
    });
  }

  async addFeedback(project: string, feedback: FeedbackRecord): Promise<void> {
    await this.transaction(async (c) => {
      await exec(c, 'insert into feedback select ?, ?, ?, ?, ?, coalesce(max(seq), 0) + 1 from feedback', [project, feedback.key, feedback.verdict, feedback.note, feedback.at]);
    });
  }

  async feedback(project: string, keys?: readonly string[]): Promise<Map<string, FeedbackRecord>> {
    return this.transaction(async (c) => {
      const all = await latestFeedback(c, project);
      if (keys === undefined) return all;
      return new Map([...all].filter(([key]) => keys.includes(key)));
    });
  }

  /** Newest run first; within a run in the findings' own order (F2 before F10: ids rank by importance). */
  async history(query: HistoryQuery): Promise<HistoryEntry[]> {
    return this.transaction(async (c) => {
      const where = ['f.project = ?'];
      const values: DuckDBValue[] = [query.project];
      if (query.metric !== undefined) { where.push('f.metric = ?'); values.push(query.metric); }
      if (query.segment !== undefined) { where.push('(f.segment = ? or f.segment like ?)'); values.push(query.segment, `%${query.segment}%`); }
      if (query.kind !== undefined) { where.push('f.kind = ?'); values.push(query.kind); }
      if (query.text !== undefined) {
        where.push('(f.summary ilike ? or exists (select 1 from feedback b where b.project = f.project and b.key = f.key and b.note ilike ?))');
        values.push(`%${query.text}%`, `%${query.text}%`);
      }
      values.push(query.limit ?? 50);
      const rows = await read(
        c,
        `select f.*, coalesce(r.started_at, '') as started_at from findings f left join runs r on r.run_id = f.run_id
         join finding_runs fr on fr.project = f.project and fr.run_id = f.run_id
         where ${where.join(' and ')} order by fr.seq desc, length(f.finding_id), f.finding_id limit ?`,
        values,
      );
      const feedback = await latestFeedback(c, query.project);
      return rows.map((r) => withFeedback({ ...findingOf(r), runId: String(r.run_id), startedAt: String(r.started_at) }, feedback));
    });
  }

  async findFinding(project: string, idOrKey: string): Promise<HistoryEntry | undefined> {
    const [entry] = await this.transaction(async (c) => {
      const rows = await read(
        c,
        `select f.*, coalesce(r.started_at, '') as started_at from findings f left join runs r on r.run_id = f.run_id
         join finding_runs fr on fr.project = f.project and fr.run_id = f.run_id
         where f.project = ? and (f.finding_id = ? or f.key = ?) order by fr.seq desc limit 1`,
        [project, idOrKey, idOrKey],
      );
      const feedback = await latestFeedback(c, project);
      return rows.map((r) => withFeedback({ ...findingOf(r), runId: String(r.run_id), startedAt: String(r.started_at) }, feedback));
    });
    return entry;
  }

  hold(): void {
    this.holding = true;
  }

  async release(): Promise<void> {
    this.holding = false;
    await this.queue;
    const held = this.held;
    this.held = undefined;
    if (held === undefined) return;
    held.connection.closeSync();
    held.instance.closeSync();
  }

  /**
   * Opens the file (waiting while another process holds it) unless it is held open, runs `work`
   * in one transaction, and closes the file again unless it is held.
   */
  private transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.transactionNow(work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async transactionNow<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const opened = this.held ?? (await this.connect());
    if (this.holding) this.held = opened;
    const { connection } = opened;
    try {
      await connection.run('begin');
      const value = await work(connection);
      await connection.run('commit');
      return value;
    } catch (error) {
      await connection.run('rollback').catch(() => undefined);
      throw error;
    } finally {
      if (this.held !== opened) {
        connection.closeSync();
        opened.instance.closeSync();
      }
    }
  }

  /** Opens the file and checks (or creates) its schema. */
  private async connect(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
    const instance = await this.open();
    const connection = await instance.connect();
    try {
      await connection.run('begin');
      await this.checkVersion(connection);
      await connection.run('commit');
      return { instance, connection };
    } catch (error) {
      await connection.run('rollback').catch(() => undefined);
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  /** Creates the tables in a new store; refuses a store written by another version of pdb's schema. */
  private async checkVersion(connection: DuckDBConnection): Promise<void> {
    // duckdb_tables(), not information_schema: the same answer for a fraction of the work.
    const tables = (await read(connection, "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main'", [])).map((r) => String(r.table_name));
    if (tables.length === 0) {
      await connection.run(SCHEMA);
      await exec(connection, 'insert into pdb_state values (?)', [STATE_SCHEMA_VERSION]);
      return;
    }
    const [row] = tables.includes('pdb_state') ? await read(connection, 'select max(schema_version) as v from pdb_state', []) : [];
    const found = row === undefined || row.v === null ? 'unknown' : Number(row.v);
    if (found !== STATE_SCHEMA_VERSION) {
      throw new PdbError({
        code: 'E_STATE_VERSION',
        message: `the run-state store ${this.shownAs} has schema version ${found}; this pdb reads version ${STATE_SCHEMA_VERSION}.`,
        hint: `Move the file away to start a new store (its runs and findings stay in the old file), or point state-path in project.yml elsewhere.`,
        location: { file: 'project.yml' },
      });
    }
    if (!tables.includes('built_relation_sources')) await connection.run(ADDED_TABLES);
  }

  private async open(): Promise<DuckDBInstance> {
    await mkdir(dirname(this.file), { recursive: true });
    const deadline = Date.now() + this.waitMs;
    for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
      try {
        // Imported here: DuckDB's native binding is loaded by the commands that use a store only.
        const { DuckDBInstance } = await loadDuckDb();
        return await DuckDBInstance.create(this.file, { threads: '1' });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const lock = /Conflicting lock is held in .*? \(PID (\d+)\)/.exec(message);
        if (lock === null) {
          throw new PdbError({ code: 'E_STATE_OPEN', message: `cannot open the run-state store ${this.shownAs}: ${message.split('\n')[0]}`, hint: 'Check `state.path` in project.yml and that its folder is writable; a file that is not a pdb state store cannot be used.', location: { file: 'project.yml' } });
        }
        if (Date.now() >= deadline) {
          throw new PdbError({
            code: 'E_STATE_LOCKED',
            message: `the run-state store ${this.shownAs} stayed in use by another process (PID ${lock[1]}) for ${Math.round(this.waitMs / 1000)} s.`,
            hint: `Another pdb run is writing to it. Wait for it to finish, or stop it (kill ${lock[1]}); nothing was written.`,
            location: { file: 'project.yml' },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}

async function exec(c: DuckDBConnection, sql: string, values: DuckDBValue[]): Promise<void> {
  await c.run(sql, values);
}

/** Inserts rows in a few multi-row statements: one statement per row costs a round trip each. */
async function insertRows(c: DuckDBConnection, table: string, rows: readonly DuckDBValue[][]): Promise<void> {
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const placeholders = chunk.map((row) => `(${row.map(() => '?').join(', ')})`).join(', ');
    await c.run(`insert into ${table} values ${placeholders}`, chunk.flat());
  }
}

async function read(c: DuckDBConnection, sql: string, values: DuckDBValue[]): Promise<Row[]> {
  const reader = await c.runAndReadAll(sql, values);
  return reader.getRowObjectsJson() as Row[];
}

async function latestFeedback(c: DuckDBConnection, project: string): Promise<Map<string, FeedbackRecord>> {
  const rows = await read(c, 'select * from feedback where project = ? order by seq', [project]);
  return new Map(rows.map((r) => [String(r.key), { key: String(r.key), verdict: String(r.verdict) as FeedbackVerdict, note: r.note === null ? null : String(r.note), at: String(r.given_at) }]));
}

function withFeedback(entry: HistoryEntry, feedback: ReadonlyMap<string, FeedbackRecord>): HistoryEntry {
  const given = feedback.get(entry.key);
  return given === undefined ? entry : { ...entry, feedback: given };
}

function runOf(r: Row): Omit<RunRecord, 'steps'> {
  return {
    runId: String(r.run_id),
    runHash: String(r.run_hash),
    project: String(r.project),
    command: String(r.command),
    select: JSON.parse(String(r.select_json)) as string[],
    exclude: JSON.parse(String(r.exclude_json)) as string[],
    vars: JSON.parse(String(r.vars_json)) as Record<string, unknown>,
    target: String(r.target),
    startedAt: String(r.started_at),
    seconds: Number(r.seconds),
    status: String(r.status) as RunStatus,
    pdbVersion: String(r.pdb_version),
  };
}

function stepOf(r: Row): StepRecord {
  const optional = <K extends string>(key: K, value: unknown, as: (v: unknown) => unknown) => (value === null || value === undefined ? {} : { [key]: as(value) });
  return {
    stepId: String(r.step_id),
    kind: String(r.kind),
    name: String(r.name),
    ...optional('model', r.model, String),
    status: String(r.status),
    seconds: Number(r.seconds),
    ...optional('rows', r.rows, Number),
    ...optional('failures', r.failures, Number),
    ...optional('relation', r.relation, String),
    ...optional('fingerprint', r.fingerprint, String),
    ...optional('message', r.message, String),
  };
}

function findingOf(r: Row): FindingRecord {
  return {
    key: String(r.key),
    findingId: String(r.finding_id),
    kind: String(r.kind),
    metric: String(r.metric),
    segment: String(r.segment),
    dateFrom: r.date_from === null ? null : String(r.date_from),
    dateTo: r.date_to === null ? null : String(r.date_to),
    significant: r.significant === true,
    summary: String(r.summary),
  };
}
