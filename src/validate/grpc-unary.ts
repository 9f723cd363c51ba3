/**
 * Unary gRPC calls over Node's own HTTP/2 client: all pdb needs to talk to the local ZetaSQL
 * server. `@grpc/grpc-js` would do the same but takes a few hundred milliseconds to load, which
 * is a large part of the 1 s that validation may add to `pdb compile`.
 */
import { connect, constants, type ClientHttp2Session } from 'node:http2';

const CALL_TIMEOUT_MS = 120_000;

/** A call that the server answered with a non-OK gRPC status (3: INVALID_ARGUMENT, ...). */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`gRPC status ${code}: ${details}`);
    this.name = 'GrpcStatusError';
  }
}

export interface GrpcConnection {
  /** Sends one serialized request to `path` (`/package.Service/Method`) and resolves with the serialized response. */
  call(path: string, request: Uint8Array): Promise<Uint8Array>;
  close(): void;
}

export function connectGrpc(host: string, port: number): GrpcConnection {
  let session: ClientHttp2Session | undefined;
  const open = (): ClientHttp2Session => {
    if (session === undefined || session.closed || session.destroyed) {
      const opened = connect(`http://${host}:${port}`);
      // A connection error also fails the call under way; this keeps it from being an uncaught 'error'.
      opened.on('error', () => undefined);
      opened.unref();
      session = opened;
    }
    return session;
  };
  return {
    call: (path, request) => unaryCall(open(), path, request),
    close: () => {
      session?.close();
      session = undefined;
    },
  };
}

function unaryCall(session: ClientHttp2Session, path: string, request: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: path,
      [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      te: 'trailers',
    });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let message = '';
    const readStatus = (headers: Record<string, unknown>): void => {
      if (headers['grpc-status'] !== undefined) status = String(headers['grpc-status']);
      if (headers['grpc-message'] !== undefined) message = decodeURIComponent(String(headers['grpc-message']));
    };
    // A trailers-only answer (every error) carries the status in the headers.
    stream.on('response', readStatus);
    stream.on('trailers', readStatus);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    // A server that stopped answering must not hang the compile.
    stream.setTimeout(CALL_TIMEOUT_MS, () => stream.close(constants.NGHTTP2_CANCEL));
    stream.on('close', () => {
      if (status === undefined) {
        reject(new GrpcStatusError(14, `the connection closed without an answer (${stream.rstCode ?? 'no code'})`));
        return;
      }
      if (status !== '0') {
        reject(new GrpcStatusError(Number(status), message));
        return;
      }
      const body = Buffer.concat(chunks);
      // One length-prefixed message: a compression flag byte, a 4-byte big-endian length, the bytes.
      if (body.length < 5) {
        resolve(new Uint8Array(0));
        return;
      }
      const length = body.readUInt32BE(1);
      resolve(body.subarray(5, 5 + length));
    });
    const frame = Buffer.alloc(5 + request.length);
    frame.writeUInt8(0, 0);
    frame.writeUInt32BE(request.length, 1);
    frame.set(request, 5);
    stream.end(frame);
  });
}
