/** The insights plugin's config (project.yml `plugins: - name: insights, config: {...}`). */

export interface LlmConfig {
  /** The model name the endpoint knows, e.g. `gpt-4o-mini` or `llama3.1`. */
  readonly model: string;
  /** An OpenAI-compatible endpoint, e.g. `http://localhost:11434/v1` (Ollama); default OpenAI's. */
  readonly base_url?: string;
  /** The environment variable holding the API key (never the key itself). */
  readonly api_key_env: string;
  readonly timeout_ms?: number;
  /** Retries of a failed call (429, 5xx, timeouts), with backoff. */
  readonly max_retries?: number;
  /** USD per million prompt / completion tokens, for the cost estimate. */
  readonly price_per_million_input?: number;
  readonly price_per_million_output?: number;
}

export interface InsightsConfig {
  /** The benchmarks file, relative to the project; default: the one pdb ships. */
  readonly benchmarks?: string;
  /** How many insights the narrative keeps (default 5). */
  readonly top?: number;
  /** The false discovery rate (default 0.05). */
  readonly fdr?: number;
  readonly llm?: LlmConfig;
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    benchmarks: { type: 'string', pattern: '\\.ya?ml$' },
    top: { type: 'integer', minimum: 1, maximum: 20 },
    fdr: { type: 'number', exclusiveMinimum: 0, maximum: 0.5 },
    llm: {
      type: 'object',
      additionalProperties: false,
      required: ['model', 'api_key_env'],
      properties: {
        model: { type: 'string', minLength: 1 },
        base_url: { type: 'string', pattern: '^https?://' },
        api_key_env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        timeout_ms: { type: 'integer', minimum: 100 },
        max_retries: { type: 'integer', minimum: 0, maximum: 5 },
        price_per_million_input: { type: 'number', minimum: 0 },
        price_per_million_output: { type: 'number', minimum: 0 },
      },
    },
  },
} as const;
