/**
 * The LLM's narrative: the findings go out, the answer comes back as JSON, ajv validates it
 * against the answer schema, and every insight is checked claim by claim (check-claims.ts). The
 * insights that fail are sent back once with their errors; those that fail again are dropped and
 * counted. An endpoint that fails, or an answer that is not valid JSON twice, leaves no insight:
 * the caller then uses the templates.
 */
import { Ajv } from 'ajv';
import type { LlmConfig } from '../config.js';
import type { Finding, Insight, LlmCall, Verification } from '../insights-file.js';
import { checkInsight, type ProposedInsight } from './check-claims.js';
import { ANSWER_SCHEMA, retryPrompt, SYSTEM_PROMPT, userPrompt } from './llm-prompt.js';
import { LlmSession, type ChatMessage } from './llm-session.js';
import { CHECKS, type NarrateOptions } from './narrate.js';

export interface LlmOutcome {
  readonly insights: readonly Insight[];
  readonly calls: readonly LlmCall[];
  readonly verification: Verification;
  readonly prompt: unknown;
  /** Why no insight came out (when none did). */
  readonly reason: string;
}

const validateAnswer = new Ajv({ allErrors: true, strict: false }).compile(ANSWER_SCHEMA);

export async function llmNarrative(findings: readonly Finding[], llm: LlmConfig, options: NarrateOptions, sleep?: (ms: number) => Promise<void>): Promise<LlmOutcome> {
  const session = new LlmSession(llm, options.env(llm.api_key_env) ?? '', sleep);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: userPrompt(options.project, findings, options.top) },
  ];
  const errors: string[] = [];
  const accepted: Insight[] = [];
  let proposed = 0;
  let retried = 0;
  let dropped = 0;
  const outcome = (reason: string): LlmOutcome => ({
    insights: accepted.slice(0, options.top),
    calls: session.calls,
    verification: { proposed, accepted: Math.min(accepted.length, options.top), retried, dropped, errors, checks: [...CHECKS] },
    prompt: { model: llm.model, base_url: llm.base_url ?? 'https://api.openai.com/v1', api_key_env: llm.api_key_env, requests: session.requests },
    reason: accepted.length > 0 ? '' : reason,
  });
  /** Checks each insight of an answer; accepted ones are kept, the errors of the others returned. */
  const review = (insights: readonly ProposedInsight[], label: string, limit = Number.POSITIVE_INFINITY): string[] => {
    const rejected: string[] = [];
    let taken = 0;
    insights.forEach((p, i) => {
      const result = checkInsight(p, byId);
      if (result.insight !== undefined && taken < limit && !accepted.some((a) => a.title === result.insight!.title)) {
        accepted.push(result.insight);
        taken += 1;
      } else if (result.insight === undefined) {
        errors.push(...result.errors.map((e) => `${label} ${i + 1}: ${e}`));
        rejected.push(`insight ${i + 1} ("${p.title.slice(0, 60)}"): ${result.errors.join('; ')}`);
      }
    });
    return rejected;
  };

  const first = await session.complete(messages);
  if ('error' in first) return outcome(`the LLM endpoint failed: ${first.error}`);
  const parsed = parseAnswer(first.content);
  let rejected: string[];
  if ('error' in parsed) {
    errors.push(`answer: ${parsed.error}`);
    rejected = [parsed.error];
  } else {
    proposed = parsed.insights.length;
    rejected = review(parsed.insights, 'insight');
    retried = rejected.length;
    if (retried === 0) return outcome('');
  }

  // Once more, with the errors: the whole answer when it was unreadable, else the rejected insights.
  const second = await session.complete([...messages, { role: 'assistant', content: first.content }, { role: 'user', content: retryPrompt(rejected) }]);
  dropped = retried;
  if ('error' in second) {
    errors.push(`retry: the LLM endpoint failed: ${second.error}`);
    return outcome(`the LLM endpoint failed on the retry: ${second.error}`);
  }
  const again = parseAnswer(second.content);
  if ('error' in again) {
    errors.push(`retry answer: ${again.error}`);
    return outcome(`the LLM's answer was not valid JSON matching the schema, twice: ${again.error}`);
  }
  if ('error' in parsed) {
    proposed = again.insights.length;
    dropped = review(again.insights, 'insight').length;
  } else {
    const before = accepted.length;
    review(again.insights, 'retried insight', retried);
    dropped = retried - (accepted.length - before);
  }
  return outcome('every insight of the LLM failed the checks, also after a retry');
}

/** The answer's insights, or what is wrong with the answer (not JSON, not the schema). */
export function parseAnswer(content: string): { insights: ProposedInsight[] } | { error: string } {
  const text = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/```\s*$/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `the answer is not valid JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  if (!validateAnswer(value)) {
    const problems = (validateAnswer.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    return { error: `the answer does not match the schema: ${problems.join('; ')}` };
  }
  return value as { insights: ProposedInsight[] };
}
