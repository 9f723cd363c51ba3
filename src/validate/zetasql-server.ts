/**
 * The bundled ZetaSQL server (`@fivetrandevelopers/zetasql`, an optional dependency), started on
 * demand on a free local port and always stopped: by `stop()` (callers use `withZetaSqlServer`,
 * which stops in `finally`), and if the process exits or is interrupted first, by handlers that
 * live only as long as the server. The server outlives its parent otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { connectGrpc, type GrpcConnection } from './grpc-unary.js';
import { METHODS, SERVICE_PATH, ZETASQL_PROTOCOL, type MethodName } from './zetasql-protocol.js';

export const ZETASQL_PACKAGE = '@fivetrandevelopers/zetasql';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;

export interface ZetaSqlServer {
  readonly pid: number;
  readonly port: number;
  /** One call of the local service; rejects with GrpcStatusError when ZetaSQL refuses it. */
  call(method: MethodName, request: object): Promise<Record<string, unknown>>;
  /** Kills the server and waits until it is gone. Safe to call twice. */
  stop(): Promise<void>;
}

export type ZetaSqlStart = { readonly status: 'started'; readonly server: ZetaSqlServer } | { readonly status: 'unavailable'; readonly reason: string };

export interface ZetaSqlServerOptions {
  /** The npm package to load the server from (tests name a missing one). */
  readonly packageName?: string;
  /** Called with the server's process id once it listens (tests check that it is gone after). */
  readonly onStart?: (pid: number) => void;
}

/** The parts of protobufjs (loaded through the ZetaSQL package's own dependencies) pdb uses. */
interface PbType {
  fromObject(object: object): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: object): Record<string, unknown>;
}
interface PbRoot {
  lookupType(name: string): PbType;
}

interface LoadedPackage {
  readonly binary: string;
  readonly root: PbRoot;
}

/** The installed package's version (part of the validation cache's key), or why there is none. */
export function zetaSqlVersion(packageName: string): string | { readonly unavailable: string } {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(packageName));
  } catch {
    return { unavailable: `the optional package ${packageName} is not installed` };
  }
  for (; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === packageName) return manifest.version ?? 'unknown';
    } catch {
      // Not the package's folder yet: look one up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

/** Finds the package and its server binary; undefined with the reason when it is not installed. */
function loadPackage(packageName: string): LoadedPackage | string {
  const require = createRequire(import.meta.url);
  let main: string;
  try {
    main = require.resolve(packageName);
  } catch {
    return `the optional package ${packageName} is not installed`;
  }
  const suffix = (process.arch.startsWith('arm') ? '_arm' : '') + (process.platform === 'darwin' ? '' : '.so');
  if (process.platform !== 'linux' && process.platform !== 'darwin') return `${packageName} has no server for ${process.platform}`;
  // protobufjs is a dependency of the package's @grpc/proto-loader: resolve it along that chain.
  const loaderRequire = createRequire(createRequire(main).resolve('@grpc/proto-loader'));
  const protobuf = loaderRequire('protobufjs/light') as { Root: { fromJSON(json: unknown): PbRoot } };
  return { binary: join(dirname(main), 'zetasql', `remote_server${suffix}`), root: protobuf.Root.fromJSON(ZETASQL_PROTOCOL) };
}

/** Starts a server and waits until it listens. Unavailable when the optional package is missing. */
export async function startZetaSqlServer(options: ZetaSqlServerOptions = {}): Promise<ZetaSqlStart> {
  const loaded = loadPackage(options.packageName ?? ZETASQL_PACKAGE);
  if (typeof loaded === 'string') return { status: 'unavailable', reason: loaded };
  // Another process may take the free port before the server binds it: try a few.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(loaded.binary, [HOST, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const guard = exitGuard(child);
    try {
      await listening(child);
      const server = serverHandle(child, port, loaded.root, guard);
      options.onStart?.(server.pid);
      return { status: 'started', server };
    } catch (error) {
      guard.release();
      await kill(child);
      lastError = error as Error;
    }
  }
  throw new Error(`the ZetaSQL server did not start: ${lastError?.message ?? 'unknown error'}`);
}

/** Runs `use` with a started server and stops it afterwards, whatever happens. */
export async function withZetaSqlServer<T>(
  use: (server: ZetaSqlServer) => Promise<T>,
  options: ZetaSqlServerOptions = {},
): Promise<{ readonly status: 'ran'; readonly value: T } | { readonly status: 'unavailable'; readonly reason: string }> {
  const start = await startZetaSqlServer(options);
  if (start.status === 'unavailable') return start;
  try {
    return { status: 'ran', value: await use(start.server) };
  } finally {
    await start.server.stop();
  }
}

function serverHandle(child: ChildProcess, port: number, root: PbRoot, guard: { release(): void }): ZetaSqlServer {
  const connection: GrpcConnection = connectGrpc(HOST, port);
  const types = new Map<string, PbType>();
  const type = (name: string): PbType => {
    let found = types.get(name);
    if (found === undefined) {
      found = root.lookupType(name);
      types.set(name, found);
    }
    return found;
  };
  let stopped: Promise<void> | undefined;
  return {
    pid: child.pid ?? -1,
    port,
    async call(method, request) {
      const [requestType, responseType] = METHODS[method];
      const input = type(requestType);
      const bytes = input.encode(input.fromObject(request)).finish();
      const answer = await connection.call(`${SERVICE_PATH}/${method}`, bytes);
      const output = type(responseType);
      return output.toObject(output.decode(answer), { longs: String, arrays: true });
    },
    stop() {
      stopped ??= (async () => {
        connection.close();
        guard.release();
        await kill(child);
      })();
      return stopped;
    },
  };
}

/** Kills the server if this process exits or is interrupted while it runs; `release()` removes the handlers. */
function exitGuard(child: ChildProcess): { release(): void } {
  const killNow = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    killNow();
    release();
    // Our listener replaced the default action; restore it when no one else handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const release = (): void => {
    process.removeListener('exit', killNow);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.on('exit', killNow);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { release };
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Resolves once the server prints that it listens; rejects if it exits or stays silent. */
function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => finish(new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (/Server listening on /.test(output)) finish(undefined);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(new Error(`it exited (${signal ?? `code ${code}`}): ${output.trim().slice(0, 500)}`));
    const onError = (error: Error): void => finish(error);
    const finish = (error: Error | undefined): void => {
      clearTimeout(timer);
      child.stdout?.removeListener('data', onData);
      child.stderr?.removeListener('data', onData);
      child.removeListener('exit', onExit);
      child.removeListener('error', onError);
      // Keep draining its output so a chatty server never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error === undefined) resolve();
      else reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
