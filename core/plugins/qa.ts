/**
 * pdb's built-in QA assertions, written against the public plugin API only: data-test kinds for
 * cross-checks between models (METRICS.md section 4) and for sanity ranges from published
 * benchmarks (benchmarks.yml). Declared in project.yml:
 *
 *   plugins:
 *     - name: qa
 *       config: { benchmarks: benchmarks.yml }
 */
import type { PdbPlugin } from '../../src/plugins/plugin-api.js';
import { equalToModel } from './qa/equal-to-model.js';
import { sumsMatch } from './qa/sums-match.js';
import { withinBenchmark } from './qa/within-benchmark.js';

export interface QaConfig {
  /** The benchmarks file, relative to the project. */
  readonly benchmarks?: string;
}

const plugin: PdbPlugin<QaConfig> = {
  name: 'qa',
  description: 'Cross-checks between models and benchmark sanity ranges, as data-test kinds.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      benchmarks: { type: 'string', pattern: '\\.ya?ml$' },
    },
  },
  testKinds: {
    sums_match: sumsMatch,
    equal_to_model: equalToModel,
    within_benchmark: withinBenchmark,
  },
};

export default plugin;
