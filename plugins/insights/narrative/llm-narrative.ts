import type { LlmConfig } from '../config.js';
import type { Finding, Insight, LlmCall, Verification } from '../insights-file.js';
import { CHECKS, type NarrateOptions } from './narrate.js';

export interface LlmOutcome {
  readonly insights: readonly Insight[];
  readonly calls: readonly LlmCall[];
  readonly verification: Verification;
  readonly prompt: unknown;
  readonly reason: string;
}

export async function llmNarrative(_findings: readonly Finding[], _llm: LlmConfig, _options: NarrateOptions): Promise<LlmOutcome> {
  return { insights: [], calls: [], verification: { proposed: 0, accepted: 0, retried: 0, dropped: 0, errors: [], checks: [...CHECKS] }, prompt: undefined, reason: 'the LLM narrative is not built yet' };
}
