/**
 * Retention by segment reads each new user's returns from int_user_funnel (returned_day_N): its
 * cells equal those counted from the per-user-day table, user by user, on the shipped sample.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readMetrics } from '../../core/plugins/insights/read-metrics.js';
import { duckdbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { dialectInfo } from '../../src/plugins/dialect-info.js';
import { queryDb } from '../support/duckdb-project.js';
import { expectOk, repoProjectOn, runCli } from './support.js';

test('retention cells by channel and geo equal the returns counted from int_user_days', async () => {
  const { dir, vars } = await repoProjectOn();
  expectOk(await runCli(dir, ['build', ...vars]), 'pdb build');
  const database = 'target/pdb.duckdb';
  const data = await readMetrics({ dialect: dialectInfo(duckdbDialect), relationOf: (model) => `main."${model}"`, query: (sql) => queryDb(dir, sql, database), retentionDays: [1, 2, 3, 4, 5, 6, 7, 14, 30] });
  const retention = data.segments.filter((s) => s.metric.startsWith('retention_d'));
  assert.equal(retention.map((s) => `${s.metric} ${s.dimension}`).sort(), ['retention_d1 channel', 'retention_d1 geo', 'retention_d30 channel', 'retention_d30 geo', 'retention_d7 channel', 'retention_d7 geo']);
  for (const segment of retention) {
    const day = Number(segment.metric.slice('retention_d'.length));
    const expected = await queryDb(dir, `
      select u."${segment.dimension}" as segment, count(*) as n, count(a.user_id) as k
      from main.int_users as u
      cross join main.int_window as w
      left join main.int_user_days as a on a.user_id = u.user_id and a.event_date = u.cohort_date + ${day} and a.is_active = 1
      where u.cohort_date is not null and u.cohort_date + ${day} < w.max_date
      group by 1 order by 1`, database);
    const cells = segment.cells.map((c) => (c.type === 'proportion' ? { segment: c.segment, n: c.n, k: c.k } : c)).sort((a, b) => String(a.segment).localeCompare(String(b.segment)));
    assert.equal(cells, expected.map((r) => ({ segment: String(r['segment']), n: Number(r['n']), k: Number(r['k']) })).sort((a, b) => a.segment.localeCompare(b.segment)), `${segment.metric} by ${segment.dimension}`);
  }
});

test.run();
