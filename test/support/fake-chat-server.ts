/**
 * A small local HTTP server speaking the OpenAI chat-completions protocol (what the `openai`
 * package sends and expects), scripted answer by answer, recording every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatReply =
  /** A completion whose message content is this text. */
  | { readonly content: string; readonly delayMs?: number }
  /** An HTTP error with a JSON error body. */
  | { readonly status: number; readonly message: string; readonly headers?: Readonly<Record<string, string>> }
  /** No answer before this many milliseconds (then a completion with `content`). */
  | { readonly hangMs: number; readonly content: string };

export interface ChatRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: { model: string; messages: { role: string; content: string }[]; response_format?: { type: string } } & Record<string, unknown>;
}

export class FakeChatServer {
  readonly requests: ChatRequest[] = [];
  private server: Server | undefined;
  private readonly script: ChatReply[];

  constructor(script: readonly ChatReply[]) {
    this.script = [...script];
  }

  /** Starts on a free port of 127.0.0.1; returns the base URL (`http://127.0.0.1:PORT/v1`). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const body = JSON.parse(text || '{}') as ChatRequest['body'];
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const reply = this.script.shift() ?? { status: 500, message: 'the test script has no more answers' };
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) }).end(JSON.stringify({ error: { message: reply.message, type: 'test', code: null } }));
      return;
    }
    const delay = 'hangMs' in reply ? reply.hangMs : (reply.delayMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: 1_790_000_000,
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
    }));
  }
}
