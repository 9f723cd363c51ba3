/**
 * Chooses the narrative: the LLM's, when one is configured with a key and at least one of its
 * insights passes every check; the templates' otherwise (and the run says why). Never throws:
 * the build does not fail because of the LLM.
 */
import type { InsightsConfig } from '../config.js';
import type { Finding, Insight, NarrativeInfo, Verification } from '../insights-file.js';
import { templateInsights } from './template-narrative.js';

export interface NarrateOptions {
  readonly config: InsightsConfig;
  readonly env: (name: string) => string | undefined;
  readonly top: number;
  readonly project: string;
}

export interface Narrative {
  readonly headline: string;
  readonly insights: readonly Insight[];
  readonly info: NarrativeInfo;
  readonly verification: Verification;
  /** The exact request sent to the LLM (no key), kept for audit as prompt.json. */
  readonly prompt?: unknown;
}

export const CHECKS = [
  'every number in an insight comes from a cited finding (the narrative writes no digits of its own)',
  'every cited finding id exists',
  'directions ("higher", "dropped") agree with the numbers',
  '"significant" and intensity words only for findings with q < 0.05',
  'causal language only in the hypothesis field',
  'each recommendation cites a verified finding',
] as const;

export async function narrate(findings: readonly Finding[], options: NarrateOptions): Promise<Narrative> {
  const llm = options.config.llm;
  if (llm !== undefined && options.env(llm.api_key_env)) {
    const { llmNarrative } = await import('./llm-narrative.js');
    const outcome = await llmNarrative(findings, llm, options);
    if (outcome.insights.length > 0) {
      return { headline: outcome.insights[0]!.statement, insights: outcome.insights, info: { source: 'llm', model: llm.model, calls: outcome.calls }, verification: outcome.verification, prompt: outcome.prompt };
    }
    return templateNarrative(findings, options, outcome.reason, { calls: outcome.calls, verification: outcome.verification, prompt: outcome.prompt, model: llm.model });
  }
  const reason = llm === undefined ? 'no LLM configured' : `no API key in $${llm.api_key_env}`;
  return templateNarrative(findings, options, reason);
}

function templateNarrative(
  findings: readonly Finding[],
  options: NarrateOptions,
  reason: string,
  llm?: { calls: NarrativeInfo['calls']; verification: Verification; prompt: unknown; model: string },
): Narrative {
  const insights = templateInsights(findings, options.top);
  const headline = headlineOf(findings);
  const verification: Verification = llm?.verification ?? { proposed: 0, accepted: 0, retried: 0, dropped: 0, errors: [], checks: [...CHECKS] };
  return {
    headline,
    insights,
    info: { source: 'template', reason, calls: llm?.calls ?? [], ...(llm === undefined ? {} : { model: llm.model }) },
    verification,
    ...(llm?.prompt === undefined ? {} : { prompt: llm.prompt }),
  };
}

export function headlineOf(findings: readonly Finding[]): string {
  const lead = findings.find((f) => f.significant || (f.kind === 'gap' && f.test === null));
  return lead === undefined ? 'No significant change, gap or segment difference in this run.' : lead.summary;
}
