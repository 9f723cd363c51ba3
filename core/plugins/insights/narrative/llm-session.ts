/**
 * Calls to an OpenAI-compatible chat-completions endpoint through the `openai` package, with what
 * a build needs around them: a timeout, retries with backoff on 429, 5xx, timeouts and dropped
 * connections (honouring retry-after), a fallback from `json_schema` to `json_object` to a
 * prompt-only request when a server rejects the response format, and a record of each call
 * (latency, tokens, estimated cost). The API key is given to the client only; it is never
 * recorded.
 */
import OpenAI from 'openai';
import type { LlmConfig } from '../config.js';
import type { LlmCall } from '../insights-file.js';
import { ANSWER_SCHEMA } from './llm-prompt.js';

type Format = LlmCall['response_format'];
const NEXT_FORMAT: Readonly<Record<Format, Format | undefined>> = { json_schema: 'json_object', json_object: 'prompt_only', prompt_only: undefined };

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

export class LlmSession {
  readonly calls: LlmCall[] = [];
  /** Every request body sent, for prompt.json (the key is not part of a body). */
  readonly requests: object[] = [];
  private format: Format = 'json_schema';
  private readonly client: OpenAI;

  constructor(private readonly llm: LlmConfig, apiKey: string, private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))) {
    this.client = new OpenAI({ apiKey, ...(llm.base_url === undefined ? {} : { baseURL: llm.base_url }), timeout: llm.timeout_ms ?? DEFAULT_TIMEOUT_MS, maxRetries: 0 });
  }

  /** The answer's text, or why there is none. */
  async complete(messages: readonly ChatMessage[]): Promise<{ content: string } | { error: string }> {
    const maxRetries = this.llm.max_retries ?? DEFAULT_MAX_RETRIES;
    for (;;) {
      const format = this.format;
      const body = { model: this.llm.model, temperature: 0, messages: messages.map((m) => ({ ...m })), ...responseFormat(format) };
      this.requests.push(body);
      let retry = 0;
      for (;;) {
        const started = performance.now();
        try {
          const completion = await this.client.chat.completions.create(body as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
          this.record(format, 'ok', started, completion.usage);
          return { content: completion.choices[0]?.message?.content ?? '' };
        } catch (error) {
          const kind = classify(error);
          this.record(format, kind.outcome, started, undefined, kind.detail);
          if (kind.formatRejected && NEXT_FORMAT[format] !== undefined) {
            this.format = NEXT_FORMAT[format]!;
            break;
          }
          if (!kind.retryable || retry >= maxRetries) return { error: kind.detail };
          retry += 1;
          await this.sleep(backoff(error, retry));
        }
      }
    }
  }

  private record(format: Format, outcome: LlmCall['outcome'], started: number, usage?: { prompt_tokens?: number; completion_tokens?: number } | null, detail?: string): void {
    const prompt = usage?.prompt_tokens ?? null;
    const completion = usage?.completion_tokens ?? null;
    const priced = this.llm.price_per_million_input !== undefined && this.llm.price_per_million_output !== undefined && prompt !== null && completion !== null;
    this.calls.push({
      attempt: this.calls.length + 1,
      response_format: format,
      outcome,
      latency_ms: Math.round(performance.now() - started),
      prompt_tokens: prompt,
      completion_tokens: completion,
      estimated_cost_usd: priced ? Number(((prompt! * this.llm.price_per_million_input! + completion! * this.llm.price_per_million_output!) / 1e6).toFixed(6)) : null,
      ...(detail === undefined ? {} : { detail }),
    });
  }
}

function responseFormat(format: Format): object {
  switch (format) {
    case 'json_schema':
      return { response_format: { type: 'json_schema', json_schema: { name: 'pdb_insights', strict: true, schema: ANSWER_SCHEMA } } };
    case 'json_object':
      return { response_format: { type: 'json_object' } };
    case 'prompt_only':
      return {};
  }
}

interface ErrorKind {
  readonly outcome: LlmCall['outcome'];
  readonly retryable: boolean;
  readonly formatRejected: boolean;
  readonly detail: string;
}

function classify(error: unknown): ErrorKind {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { outcome: 'timeout', retryable: true, formatRejected: false, detail: 'the request timed out' };
  if (error instanceof OpenAI.APIConnectionError) return { outcome: 'error', retryable: true, formatRejected: false, detail: `no connection to the endpoint (${firstLine(error.message)})` };
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    const detail = `HTTP ${status}${error.message ? `: ${firstLine(error.message)}` : ''}`;
    return { outcome: 'http_error', retryable: status === 429 || status >= 500, formatRejected: status === 400 || status === 422, detail };
  }
  return { outcome: 'error', retryable: false, formatRejected: false, detail: firstLine(error instanceof Error ? error.message : String(error)) };
}

/** retry-after-ms or retry-after when the server sends one (at most 30 s), else 0.5 s doubling. */
function backoff(error: unknown, retry: number): number {
  const headers = error instanceof OpenAI.APIError ? error.headers : undefined;
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && headers?.get('retry-after-ms') !== null) return Math.min(ms, 30_000);
  const seconds = Number(headers?.get('retry-after'));
  if (Number.isFinite(seconds) && seconds >= 0 && headers?.get('retry-after') !== null) return Math.min(seconds * 1000, 30_000);
  return Math.min(500 * 2 ** (retry - 1), 8_000);
}

const firstLine = (text: string): string => text.split('\n')[0]!.slice(0, 200);
