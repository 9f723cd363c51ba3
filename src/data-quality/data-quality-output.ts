import { join } from 'node:path';
import { stableJson } from '../artifacts/stable-json.js';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import type { LoadedProject } from '../project/types.js';
import type { NodeResult, RunResults } from '../runner/run-results.js';
import { skipReasonText } from '../runner/skip-reason.js';
import { count } from '../text/count.js';
import type { DataQualityReport } from './run-data-quality.js';

export const DATA_QUALITY_SCHEMA_VERSION = 'pdb.data_quality.v1';

/** `target/data_quality.json`: the report with stable key order (no timings, no paths). */
export async function writeDataQualityFile(project: LoadedProject, report: DataQualityReport): Promise<string> {
  const relative = `${project.config.targetPath}/data_quality.json`;
  await writeFileAtomic(join(project.dir, relative), dataQualityJson(project, report));
  return relative;
}

export function dataQualityJson(project: LoadedProject, report: DataQualityReport): string {
  return stableJson({ metadata: { schema_version: DATA_QUALITY_SCHEMA_VERSION, project: project.config.name, target: project.target.name }, ...report });
}

const LABEL = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const;

/** The console summary: a heading and one line per check. */
export function dataQualitySummary(report: DataQualityReport): string[] {
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const check of report.checks) counts[check.status] += 1;
  const width = Math.max(...report.checks.map((c) => c.name.length));
  return [
    `Data quality of the source (${count(report.rows, 'row')}): ${counts.pass} passed, ${counts.warn} warned, ${counts.fail} failed`,
    ...report.checks.map((c) => `  ${LABEL[c.status].padEnd(4)} ${c.name.padEnd(width)}  ${c.detail}`),
  ];
}

/**
 * The checks as run results of kind 'test' (`data_quality.<check>`), so a failed check makes the
 * command exit 1 and is kept in run_results.json like any test.
 */
export function dataQualityResults(report: DataQualityReport): NodeResult[] {
  return report.checks.map((c) => ({
    id: `test.data_quality.${c.name}`,
    kind: 'test',
    name: `data_quality.${c.name}`,
    status: c.status,
    seconds: 0,
    ...(c.status === 'pass' ? {} : { message: c.detail }),
  }));
}

/**
 * Why a build stopped at the data-quality gate, what was kept, and how to go on: the lines
 * printed after the run (the checks' own lines come first).
 */
export function dataQualityStopMessage(run: RunResults): string[] {
  const failed = (run.dataQuality?.checks ?? []).filter((c) => c.status === 'fail');
  const notRun = run.results.filter((r) => r.status === 'skipped' && r.skippedBecause === skipReasonText({ kind: 'data-quality' })).length;
  const example = failed[0]?.name ?? 'null_user_or_time';
  return [
    `Stopped before replacing any table: ${failed.length === 1 ? 'a data-quality check' : `${failed.length} data-quality checks`} failed at error level (${failed.map((c) => c.name).join(', ')}). The previous tables stay as they were; ${notRun} step${notRun === 1 ? '' : 's'} did not run.`,
    ...failed.map((c) => `  ${c.name}: ${c.detail} (fail_above: ${c.threshold.fail_above})`),
    `To build anyway: fix the source, raise the threshold in project.yml (data-quality: { ${example}: { fail_above: ... } }), or run again with --ignore-data-quality.`,
  ];
}
