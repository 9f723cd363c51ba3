import type { BigQuery } from '@google-cloud/bigquery';

/**
 * The subset of the BigQuery v2 REST API pdb uses, as typed calls. The client library provides
 * authentication, the endpoint and error parsing; pdb does its own retries (see job-runner.ts).
 */
export interface ErrorProto {
  readonly reason?: string;
  readonly message?: string;
  readonly location?: string;
}

export interface JobResource {
  readonly jobReference?: { readonly projectId?: string; readonly jobId?: string; readonly location?: string };
  readonly status?: { readonly state?: string; readonly errorResult?: ErrorProto; readonly errors?: readonly ErrorProto[] };
  readonly statistics?: {
    readonly totalBytesProcessed?: string;
    readonly query?: { readonly totalBytesProcessed?: string; readonly statementType?: string };
  };
}

export interface FieldSchema {
  readonly name: string;
  readonly type: string;
  readonly mode?: string;
  readonly fields?: readonly FieldSchema[];
}

export interface QueryResultsPage {
  readonly jobComplete?: boolean;
  readonly schema?: { readonly fields?: readonly FieldSchema[] };
  readonly rows?: readonly { readonly f: readonly { readonly v: unknown }[] }[];
  readonly pageToken?: string;
}

export interface TableResource {
  readonly type?: string;
  readonly numRows?: string;
  readonly numBytes?: string;
  /** Milliseconds since the epoch, as a string: when the table's data or schema last changed. */
  readonly lastModifiedTime?: string;
  readonly description?: string;
  readonly timePartitioning?: { readonly type?: string; readonly field?: string };
  readonly rangePartitioning?: unknown;
  readonly schema?: { readonly fields?: readonly FieldSchema[] };
}

export interface TableDataPage {
  readonly totalRows?: string;
  readonly rows?: readonly { readonly f: readonly { readonly v: unknown }[] }[];
}

export interface TableListPage {
  readonly tables?: readonly { readonly tableReference?: { readonly tableId?: string } }[];
  readonly nextPageToken?: string;
}

export interface TableRef {
  readonly projectId: string;
  readonly datasetId: string;
  readonly tableId: string;
}

/** An error as the client library gives it: the HTTP status and BigQuery's error list. */
export interface ApiFailure {
  readonly code?: number;
  readonly errors?: readonly ErrorProto[];
  readonly message: string;
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly uri: string;
  readonly json?: unknown;
  readonly qs?: Readonly<Record<string, string | number | boolean>>;
  readonly projectId?: string;
}

type RequestFn = (options: RequestOptions, callback: (error: Error | null, body?: unknown) => void) => void;

export class BigQueryRest {
  private readonly send: RequestFn;

  constructor(client: BigQuery) {
    // `request` is the library's authenticated call under the /projects/{projectId} prefix.
    const request = (client as unknown as { request: RequestFn }).request.bind(client);
    this.send = request;
  }

  insertJob(body: unknown): Promise<JobResource> {
    return this.call({ method: 'POST', uri: '/jobs', json: body });
  }

  getJob(jobId: string, location: string | undefined): Promise<JobResource> {
    return this.call({ uri: `/jobs/${encodeURIComponent(jobId)}`, ...withLocation(location) });
  }

  cancelJob(jobId: string, location: string | undefined): Promise<unknown> {
    return this.call({ method: 'POST', uri: `/jobs/${encodeURIComponent(jobId)}/cancel`, ...withLocation(location) });
  }

  getQueryResults(jobId: string, location: string | undefined, pageToken: string | undefined): Promise<QueryResultsPage> {
    const qs: Record<string, string | number | boolean> = { 'formatOptions.useInt64Timestamp': true, timeoutMs: 10_000 };
    if (location !== undefined) qs['location'] = location;
    if (pageToken !== undefined) qs['pageToken'] = pageToken;
    return this.call({ uri: `/queries/${encodeURIComponent(jobId)}`, qs });
  }

  /** The table or view, or undefined when it does not exist. */
  async getTable(ref: TableRef): Promise<TableResource | undefined> {
    try {
      return await this.call<TableResource>({
        uri: `/datasets/${encodeURIComponent(ref.datasetId)}/tables/${encodeURIComponent(ref.tableId)}`,
        projectId: ref.projectId,
      });
    } catch (error) {
      if ((error as ApiFailure).code === 404) return undefined;
      throw error;
    }
  }

  /** A page of a table's rows (tabledata.list): free, no query job, nothing billed. */
  listTableData(ref: TableRef, maxResults: number): Promise<TableDataPage> {
    return this.call<TableDataPage>({
      uri: `/datasets/${encodeURIComponent(ref.datasetId)}/tables/${encodeURIComponent(ref.tableId)}/data`,
      projectId: ref.projectId,
      qs: { maxResults, 'formatOptions.useInt64Timestamp': true },
    });
  }

  /** The ids of a dataset's tables (tables.list), one page. */
  listTables(projectId: string, datasetId: string, pageToken: string | undefined): Promise<TableListPage> {
    return this.call<TableListPage>({
      uri: `/datasets/${encodeURIComponent(datasetId)}/tables`,
      projectId,
      qs: { maxResults: 1000, ...(pageToken === undefined ? {} : { pageToken }) },
    });
  }

  private call<T>(options: RequestOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.send(options, (error, body) => (error === null || error === undefined ? resolve(body as T) : reject(error)));
    });
  }
}

const withLocation = (location: string | undefined): { qs?: Record<string, string> } => (location === undefined ? {} : { qs: { location } });
