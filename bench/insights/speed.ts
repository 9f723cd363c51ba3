/**
 * Speed of insights on generated samples of a given size: `pdb insights` end to end (a fresh
 * process would add Node's start), and inside it the table reads (queries that aggregate in the
 * database) and the findings engine (pure JavaScript over the aggregates), each timed alone.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { findFindings } from '../../core/plugins/insights/engine.js';
import { readMetrics } from '../../core/plugins/insights/read-metrics.js';
import { retentionDays } from '../../core/plugins/shared/retention-days.js';
import { readShippedBenchmarks } from '../../core/plugins/qa/benchmarks.js';
import { duckdbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { dialectInfo } from '../../src/plugins/dialect-info.js';
import { loadProject } from '../../src/project/load-project.js';
import { buildSample, runQuiet } from './build-sample.js';

export interface SpeedRow {
  readonly events: number;
  readonly insightsMs: number;
  readonly readMs: number;
  readonly engineMs: number;
  readonly metricRows: number;
  readonly findings: number;
}

const MODELS = ['int_window', 'date_wise_dau', 'date_wise_new_logins_overall', 'date_wise_revenue', 'date_wise_revenue_by_type', 'event_funnel_first_login', 'int_users', 'int_user_days', 'int_user_funnel', 'int_user_revenue_days', 'date_wise_new_logins_by_channel', 'date_wise_new_logins_by_country', 'retention_by_cohort_date'];

export async function speed(repoRoot: string, sizes: readonly number[]): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  for (const targetEvents of sizes) {
    process.stderr.write(`generating and building about ${targetEvents.toLocaleString('en-US')} events...\n`);
    const built = await buildSample(repoRoot, { seed: 42, effects: true, targetEvents });
    try {
      const started = performance.now();
      const code = await runQuiet(built.dir, ['insights', ...built.vars]);
      if (code !== 0) throw new Error(`pdb insights exited ${code}`);
      const insightsMs = performance.now() - started;
      const instance = await DuckDBInstance.create(join(built.dir, 'target/pdb.duckdb'), { access_mode: 'READ_ONLY' });
      const connection = await instance.connect();
      const reader = {
        dialect: dialectInfo(duckdbDialect),
        query: async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson(),
        relationOf: (m: string) => (MODELS.includes(m) ? `main.${m}` : undefined),
        retentionDays: retentionDays((await loadProject({ dir: built.dir })).vars, 'retention_days'),
      };
      const readStart = performance.now();
      const data = await readMetrics(reader);
      const readMs = performance.now() - readStart;
      const engineStart = performance.now();
      const result = findFindings(data, readShippedBenchmarks());
      const engineMs = performance.now() - engineStart;
      connection.closeSync();
      instance.closeSync();
      const metricRows = data.series.reduce((s, x) => s + x.points.length, 0) + data.segments.reduce((s, x) => s + x.cells.length, 0) + data.dimensionDaily.reduce((s, x) => s + x.rows.length, 0);
      rows.push({ events: built.events, insightsMs, readMs, engineMs, metricRows, findings: result.findings.length });
      process.stderr.write(`${built.events} events: pdb insights ${insightsMs.toFixed(0)} ms, reads ${readMs.toFixed(0)} ms, engine ${engineMs.toFixed(1)} ms\n`);
    } finally {
      await built.cleanup();
    }
  }
  return rows;
}

export function speedTable(rows: readonly SpeedRow[]): string {
  const lines = ['| events | `pdb insights` (in-process) | table reads | findings engine | aggregate rows | findings |', '|---|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.events.toLocaleString('en-US')} | ${(r.insightsMs / 1000).toFixed(2)} s | ${(r.readMs / 1000).toFixed(2)} s | ${r.engineMs.toFixed(1)} ms | ${r.metricRows.toLocaleString('en-US')} | ${r.findings} |`);
  return lines.join('\n');
}
