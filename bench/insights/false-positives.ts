/**
 * False positives of the findings engine on samples with no planted effects (`effects: false`):
 * for each seed, generate, build, and count the significant findings by kind. Segment findings
 * are all false positives there (no channel or country differs); anomalies and gaps too (no
 * outage, no promotion). Trends are not: the sample's installs grow by design.
 *
 *   npm run bench:insights -- false-positives [--seeds 1,2,3,4,5] [--users 20000]
 */
import type { InsightsFile } from '../../core/plugins/insights/insights-file.js';
import { buildSample, readInsightsFile } from './build-sample.js';

export interface SeedOutcome {
  readonly seed: number;
  readonly tests: number;
  readonly segmentTests: number;
  readonly significant: Readonly<Record<string, number>>;
  readonly falsePositives: readonly string[];
}

export function countOutcome(seed: number, file: InsightsFile): SeedOutcome {
  const significant: Record<string, number> = { segment: 0, anomaly: 0, gap: 0, trend: 0, funnel: 0 };
  const falsePositives: string[] = [];
  for (const f of file.findings) {
    if (!f.significant) continue;
    significant[f.kind] = (significant[f.kind] ?? 0) + 1;
    if (f.kind === 'segment' || f.kind === 'anomaly' || f.kind === 'gap') falsePositives.push(`${f.key} (q ${f.test?.q.toExponential(1)})`);
  }
  return { seed, tests: file.tests.family_size, segmentTests: file.findings.filter((f) => f.kind === 'segment' && f.test !== null).length, significant, falsePositives };
}

export async function falsePositives(repoRoot: string, seeds: readonly number[], users: number): Promise<SeedOutcome[]> {
  const out: SeedOutcome[] = [];
  for (const seed of seeds) {
    const built = await buildSample(repoRoot, { seed, effects: false, users });
    try {
      out.push(countOutcome(seed, await readInsightsFile(built.dir)));
    } finally {
      await built.cleanup();
    }
    const last = out[out.length - 1]!;
    process.stderr.write(`seed ${seed}: ${last.tests} tests (${last.segmentTests} segment), significant ${JSON.stringify(last.significant)}\n`);
  }
  return out;
}

export function falsePositiveTable(outcomes: readonly SeedOutcome[]): string {
  const lines = ['| seed | tests | segment tests | significant segment | significant anomaly | significant gap | significant trend |', '|---|---|---|---|---|---|---|'];
  for (const o of outcomes) lines.push(`| ${o.seed} | ${o.tests} | ${o.segmentTests} | ${o.significant['segment'] ?? 0} | ${o.significant['anomaly'] ?? 0} | ${o.significant['gap'] ?? 0} | ${o.significant['trend'] ?? 0} |`);
  const fp = outcomes.flatMap((o) => o.falsePositives.map((f) => `seed ${o.seed}: ${f}`));
  lines.push('', fp.length === 0 ? 'False positives (segment, anomaly, gap): none.' : `False positives (segment, anomaly, gap): ${fp.length}\n${fp.map((f) => `- ${f}`).join('\n')}`);
  return lines.join('\n');
}
