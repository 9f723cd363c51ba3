import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that speaks the subset of the BigQuery v2 REST API pdb uses: job insert
 * (with and without dryRun), job get, query results, job cancel, table get, table list and
 * tabledata.list. It records every
 * request and keeps a small catalog of tables, so a dry run of a query reading a missing table
 * fails the way BigQuery does. Replies can be scripted for one request at a time.
 */

export interface RecordedRequest {
  readonly method: string;
  /** Without the query string, e.g. `/bigquery/v2/projects/p/jobs`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export interface FakeField {
  readonly name: string;
  readonly type: string;
  readonly mode?: string;
  readonly fields?: readonly FakeField[];
}

export interface FakeTable {
  readonly type: 'TABLE' | 'VIEW';
  readonly numRows: number;
  readonly fields: readonly FakeField[];
  /** Milliseconds since the epoch, as BigQuery's `lastModifiedTime` (a string in the API); addTable sets them. */
  readonly lastModifiedTime?: number;
  readonly creationTime?: number;
  readonly numBytes?: number;
  /** The table's description (pdb marks an incremental table with the SQL that built it). */
  readonly description?: string;
  /** tables.get's partitioning spec, e.g. { type: 'DAY', field: 'event_date' }. */
  readonly timePartitioning?: { readonly type: string; readonly field: string };
  /** Rows tabledata.list returns, as BigQuery's cell values (records as `{f: [{v}]}`). */
  readonly rows?: readonly (readonly unknown[])[];
}

/** What a query job returns: rows as BigQuery's `{f: [{v}]}` values (strings, nested for records). */
export interface FakeResult {
  readonly fields: readonly FakeField[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface ScriptedReply {
  readonly status: number;
  readonly body: unknown;
}

interface FakeJob {
  readonly id: string;
  readonly projectId: string;
  readonly location: string | undefined;
  readonly configuration: Record<string, unknown>;
  state: 'RUNNING' | 'DONE';
  errorResult: { reason: string; message: string } | undefined;
  readonly bytes: number;
  readonly result: FakeResult;
  /** Applied to the catalog when the job succeeds. */
  readonly effect: (() => void) | undefined;
}

const PREFIX = '/bigquery/v2/projects/';

export class FakeBigQueryServer {
  readonly requests: RecordedRequest[] = [];
  /** Tables by `project.dataset.table`. */
  readonly tables = new Map<string, FakeTable>();
  /** Bytes a query would process; 1 MiB per table it reads unless set. */
  bytesFor: (query: string) => number = (query) => tablesRead(query).length * 1_048_576;
  /** Rows of a query job. */
  resultFor: (query: string) => FakeResult = () => ({ fields: [], rows: [] });
  /** Rows a created table holds. */
  rowsFor: (query: string) => number = () => 0;
  /** Jobs whose query matches stay RUNNING until cancelled. */
  hold: (query: string) => boolean = () => false;
  /** A job that finishes with this error instead (by query). */
  failJob: (query: string) => { reason: string; message: string } | undefined = () => undefined;
  private readonly scripted: { readonly match: (r: RecordedRequest) => boolean; readonly reply: ScriptedReply; readonly handled: boolean }[] = [];
  private readonly jobs = new Map<string, FakeJob>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FakeBigQueryServer> {
    let fake: FakeBigQueryServer | undefined;
    const server = createServer((req, res) => {
      // A bug in a test's script answers 500 instead of crashing the test process.
      fake!.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 500, message: `fake server: ${String(error)}`, errors: [{ reason: 'fakeServerError', message: String(error) }] } }));
      });
    });
    // Google's front ends keep a connection open far longer than Node's 5 s default; with that
    // default, a client reusing a connection as it times out (a slow step between two calls on
    // a busy machine) gets ECONNRESET, which BigQuery would not do.
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // A test that fails before close() must not keep the test process alive.
    server.unref();
    const { port } = server.address() as AddressInfo;
    fake = new FakeBigQueryServer(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** The next request that matches gets this reply instead of the normal one. */
  replyOnce(match: (request: RecordedRequest) => boolean, reply: ScriptedReply): void {
    this.scripted.push({ match, reply, handled: false });
  }

  /** The next request that matches is carried out, but its reply is replaced (a reply lost on the way). */
  loseReplyOnce(match: (request: RecordedRequest) => boolean, reply: ScriptedReply): void {
    this.scripted.push({ match, reply, handled: true });
  }

  addTable(ref: string, table: Partial<FakeTable> = {}): void {
    const now = Date.now();
    this.tables.set(ref, {
      type: table.type ?? 'TABLE',
      numRows: table.numRows ?? table.rows?.length ?? 0,
      fields: table.fields ?? [],
      lastModifiedTime: table.lastModifiedTime ?? now,
      creationTime: table.creationTime ?? table.lastModifiedTime ?? now,
      numBytes: table.numBytes ?? 0,
      ...(table.description === undefined ? {} : { description: table.description }),
      ...(table.timePartitioning === undefined ? {} : { timePartitioning: table.timePartitioning }),
      ...(table.rows === undefined ? {} : { rows: table.rows }),
    });
  }

  /** Changes a table's metadata as a load or DML job on it would (new rows, a new modification time). */
  touchTable(ref: string, change: Partial<Pick<FakeTable, 'numRows' | 'numBytes' | 'lastModifiedTime' | 'fields'>>): void {
    const table = this.tables.get(ref);
    if (table === undefined) throw new Error(`fake server: no table ${ref}`);
    this.tables.set(ref, { ...table, lastModifiedTime: Date.now(), ...change });
  }

  /** Recorded job inserts, with their bodies. */
  inserts(): { readonly body: JobInsertBody; readonly request: RecordedRequest }[] {
    return this.requests.filter((r) => r.method === 'POST' && /\/jobs$/.test(r.path)).map((request) => ({ body: request.body as JobInsertBody, request }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[key] = value;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text === '' ? undefined : JSON.parse(text),
      headers,
    };
    this.requests.push(request);
    const index = this.scripted.findIndex((s) => s.match(request));
    const scripted = index >= 0 ? this.scripted.splice(index, 1)[0] : undefined;
    const routed = scripted === undefined || scripted.handled ? this.route(request) : undefined;
    const reply = scripted?.reply ?? routed!;
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(reply.body));
  }

  private route(request: RecordedRequest): ScriptedReply {
    if (!request.path.startsWith(PREFIX)) return notFound(`no route ${request.path}`);
    const [projectId = '', ...rest] = request.path.slice(PREFIX.length).split('/').map(decodeURIComponent);
    const key = `${request.method} ${rest.map((part, i) => (i % 2 === 0 ? part : ':')).join('/')}`;
    switch (key) {
      case 'POST jobs':
        return this.insert(projectId, request.body as JobInsertBody);
      case 'GET jobs/:':
        return this.withJob(rest[1]!, (job) => ({ status: 200, body: this.resource(job) }));
      case 'POST jobs/:/cancel':
        return this.withJob(rest[1]!, (job) => {
          if (job.state === 'RUNNING') {
            job.state = 'DONE';
            job.errorResult = { reason: 'stopped', message: 'Job execution was cancelled: User requested cancellation' };
          }
          return { status: 200, body: { kind: 'bigquery#jobCancelResponse', job: this.resource(job) } };
        });
      case 'GET queries/:':
        return this.withJob(rest[1]!, (job) => ({ status: 200, body: this.results(job) }));
      case 'GET datasets/:/tables/:': {
        const ref = `${projectId}.${rest[1]}.${rest[3]}`;
        const table = this.tables.get(ref);
        if (table === undefined) return notFound(`Not found: Table ${projectId}:${rest[1]}.${rest[3]}`);
        return {
          status: 200,
          body: {
            kind: 'bigquery#table',
            tableReference: { projectId, datasetId: rest[1], tableId: rest[3] },
            type: table.type,
            numRows: String(table.numRows),
            numBytes: String(table.numBytes ?? 0),
            creationTime: String(table.creationTime ?? 0),
            lastModifiedTime: String(table.lastModifiedTime ?? 0),
            ...(table.description === undefined ? {} : { description: table.description }),
            ...(table.timePartitioning === undefined ? {} : { timePartitioning: table.timePartitioning }),
            schema: { fields: table.fields },
          },
        };
      }
      case 'GET datasets/:/tables': {
        // tables.list: ids, type and creation time (no row counts or modification times), a page at a time.
        const prefix = `${projectId}.${rest[1]}.`;
        const ids = [...this.tables.keys()].filter((ref) => ref.startsWith(prefix)).map((ref) => ref.slice(prefix.length)).sort();
        const start = Number(request.query['pageToken'] ?? 0);
        const end = start + Number(request.query['maxResults'] ?? 1000);
        const tables = ids.slice(start, end).map((tableId) => {
          const table = this.tables.get(`${prefix}${tableId}`)!;
          return { kind: 'bigquery#table', id: `${projectId}:${rest[1]}.${tableId}`, tableReference: { projectId, datasetId: rest[1], tableId }, type: table.type, creationTime: String(table.creationTime ?? 0) };
        });
        return { status: 200, body: { kind: 'bigquery#tableList', tables, totalItems: ids.length, ...(end < ids.length ? { nextPageToken: String(end) } : {}) } };
      }
      case 'GET datasets/:/tables/:/data': {
        // tabledata.list: a page of stored rows, no job (and nothing billed).
        const table = this.tables.get(`${projectId}.${rest[1]}.${rest[3]}`);
        if (table === undefined) return notFound(`Not found: Table ${projectId}:${rest[1]}.${rest[3]}`);
        const max = Number(request.query['maxResults'] ?? 100_000);
        const cell = (value: unknown): unknown => (Array.isArray(value) ? value.map((v) => ({ v: cell(v) })) : value);
        const rows = (table.rows ?? []).slice(0, max).map((row) => ({ f: row.map((v) => ({ v: cell(v) })) }));
        return { status: 200, body: { kind: 'bigquery#tableDataList', totalRows: String(table.numRows), rows } };
      }
      default:
        return notFound(`no route ${request.method} ${request.path}`);
    }
  }

  private insert(projectId: string, body: JobInsertBody): ScriptedReply {
    const query = body.configuration?.query?.query ?? '';
    const location = body.jobReference?.location;
    const created = createdRelation(query);
    const missing = tablesRead(query).find((ref) => !this.exists(ref));
    const notFoundError = missing === undefined ? undefined : tableNotFound(missing, location);
    if (body.configuration?.dryRun === true) {
      // A dry run is answered at once: its statistics, or the error, as an HTTP error.
      if (notFoundError !== undefined) return { status: 404, body: errorBody(404, notFoundError.message, 'notFound') };
      const bytes = String(this.bytesFor(query));
      return {
        status: 200,
        body: {
          kind: 'bigquery#job',
          jobReference: { projectId, location: location ?? 'US' },
          configuration: body.configuration,
          status: { state: 'DONE' },
          statistics: { totalBytesProcessed: bytes, query: { totalBytesProcessed: bytes, schema: { fields: [] }, statementType: statementType(query) } },
        },
      };
    }
    const id = body.jobReference?.jobId ?? `job_${this.jobs.size + 1}`;
    if (this.jobs.has(id)) return { status: 409, body: errorBody(409, `Already Exists: Job ${projectId}:${location ?? 'US'}.${id}`, 'duplicate') };
    const effect = created === undefined ? undefined : () => {
      const now = Date.now();
      const before = this.tables.get(created.ref);
      const numRows = created.type === 'VIEW' ? 0 : this.rowsFor(query);
      this.tables.set(created.ref, { type: created.type, numRows, fields: before?.fields ?? [], lastModifiedTime: now, creationTime: now, numBytes: numRows * 100 });
    };
    const job: FakeJob = {
      id,
      projectId,
      location,
      configuration: body.configuration as Record<string, unknown>,
      state: 'RUNNING',
      errorResult: notFoundError ?? this.failJob(query),
      bytes: this.bytesFor(query),
      result: this.resultFor(query),
      effect,
    };
    this.jobs.set(id, job);
    if (job.errorResult !== undefined || !this.hold(query)) this.finish(job);
    return { status: 200, body: this.resource(job) };
  }

  /** A table, or for a wildcard (`events_*`) any table its prefix matches, as BigQuery resolves them. */
  private exists(ref: string): boolean {
    if (this.tables.has(ref)) return true;
    return ref.endsWith('*') && [...this.tables.keys()].some((name) => name.startsWith(ref.slice(0, -1)));
  }

  private finish(job: FakeJob): void {
    job.state = 'DONE';
    if (job.errorResult === undefined) job.effect?.();
  }

  private withJob(id: string, reply: (job: FakeJob) => ScriptedReply): ScriptedReply {
    const job = this.jobs.get(id);
    return job === undefined ? notFound(`Not found: Job ${id}`) : reply(job);
  }

  private resource(job: FakeJob): unknown {
    const done = job.state === 'DONE';
    return {
      kind: 'bigquery#job',
      id: `${job.projectId}:${job.location ?? 'US'}.${job.id}`,
      jobReference: { projectId: job.projectId, jobId: job.id, location: job.location ?? 'US' },
      configuration: job.configuration,
      status: { state: job.state, ...(done && job.errorResult !== undefined ? { errorResult: job.errorResult, errors: [job.errorResult] } : {}) },
      statistics: done ? { totalBytesProcessed: String(job.bytes), query: { totalBytesProcessed: String(job.bytes) } } : {},
    };
  }

  private results(job: FakeJob): unknown {
    const reference = { projectId: job.projectId, jobId: job.id, location: job.location ?? 'US' };
    if (job.state !== 'DONE') return { kind: 'bigquery#getQueryResultsResponse', jobReference: reference, jobComplete: false };
    const cell = (value: unknown): unknown => (Array.isArray(value) ? value.map((v) => ({ v: cell(v) })) : value);
    return {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: reference,
      jobComplete: true,
      schema: { fields: job.result.fields },
      rows: job.result.rows.map((row) => ({ f: row.map((v) => ({ v: cell(v) })) })),
      totalRows: String(job.result.rows.length),
    };
  }
}

export interface JobInsertBody {
  readonly jobReference?: { readonly projectId?: string; readonly jobId?: string; readonly location?: string };
  readonly configuration?: {
    readonly dryRun?: boolean;
    readonly labels?: Readonly<Record<string, string>>;
    readonly query?: { readonly query?: string; readonly useLegacySql?: boolean; readonly maximumBytesBilled?: string; readonly useQueryCache?: boolean };
  };
}

/** Every backquoted `project.dataset.table` a query names. */
export function referencedTables(query: string): string[] {
  return [...new Set([...query.matchAll(/`([^`.]+\.[^`.]+\.[^`.]+)`/g)].map((m) => m[1]!))];
}

/** The tables a query reads: those it names, less the one it creates. */
export function tablesRead(query: string): string[] {
  const created = createdRelation(query)?.ref;
  return referencedTables(query).filter((ref) => ref !== created);
}

function createdRelation(query: string): { ref: string; type: 'TABLE' | 'VIEW' } | undefined {
  const match = /create\s+or\s+replace\s+(table|view)\s+`([^`]+)`/i.exec(query);
  return match === null ? undefined : { ref: match[2]!, type: match[1]!.toLowerCase() === 'view' ? 'VIEW' : 'TABLE' };
}

function statementType(query: string): string {
  if (/^\s*declare\b/i.test(query)) return 'SCRIPT';
  const created = createdRelation(query);
  return created === undefined ? 'SELECT' : created.type === 'VIEW' ? 'CREATE_VIEW' : 'CREATE_TABLE_AS_SELECT';
}

function tableNotFound(ref: string, location: string | undefined): { reason: string; message: string } {
  const [project, dataset, table] = ref.split('.');
  return { reason: 'notFound', message: `Not found: Table ${project}:${dataset}.${table} was not found in location ${location ?? 'US'}` };
}

function errorBody(code: number, message: string, reason: string): unknown {
  return { error: { code, message, errors: [{ message, domain: 'global', reason }], status: code === 404 ? 'NOT_FOUND' : code === 429 ? 'RESOURCE_EXHAUSTED' : 'FAILED' } };
}

function notFound(message: string): ScriptedReply {
  return { status: 404, body: errorBody(404, message, 'notFound') };
}

/** A reply of BigQuery's error shape, for `replyOnce`. */
export function errorReply(status: number, reason: string, message: string): ScriptedReply {
  return { status, body: errorBody(status, message, reason) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
