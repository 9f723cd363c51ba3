/**
 * The report on a BigQuery target: its only SQL is `select * from` each metric table, sent
 * through the BigQuery adapter, and BigQuery's row values (INT64 as strings, dates as text) shape
 * into the same report data as DuckDB's numbers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gatherReportData } from '../../core/plugins/report/gather-report-data.js';
import { METRIC_MODELS } from '../../core/plugins/report/metric-rows.js';
import { relation, startHarness } from './harness.js';

test('the report reads the BigQuery metric tables with select * through the adapter', async () => {
  const h = await startHarness();
  try {
    h.server.resultFor = (query) => {
      if (query === `select * from ${relation('date_wise_dau')}`) {
        return { fields: [{ name: 'event_date', type: 'DATE' }, { name: 'dau', type: 'INT64' }], rows: [['2026-10-01', '100'], ['2026-10-02', '120'], ['2026-10-03', '30']] };
      }
      if (query === `select * from ${relation('event_funnel_first_login')}`) {
        return {
          fields: [{ name: 'cohort_date', type: 'DATE' }, { name: 'step', type: 'INT64' }, { name: 'step_name', type: 'STRING' }, { name: 'users', type: 'INT64' }, { name: 'rate_from_start', type: 'FLOAT64' }, { name: 'rate_from_previous', type: 'FLOAT64' }],
          rows: [['2026-10-01', '1', 'login', '9', '0.9', '0.9'], ['2026-10-01', '2', 'level', '3', '0.3', '0.333']],
        };
      }
      if (query === `select * from ${relation('date_wise_new_logins_overall')}`) {
        return { fields: [{ name: 'event_date', type: 'DATE' }, { name: 'new_users', type: 'INT64' }], rows: [['2026-10-01', '10'], ['2026-10-02', '0'], ['2026-10-03', '4']] };
      }
      return { fields: [], rows: [] };
    };
    const built = ['date_wise_dau', 'event_funnel_first_login', 'date_wise_new_logins_overall'];
    for (const name of built) h.server.tables.set(`acme-analytics.pdb_dev.${name}`, { type: 'TABLE', numRows: 3, fields: [], lastModifiedTime: 1_780_000_000_000, creationTime: 1_780_000_000_000, numBytes: 0 });
    const data = await gatherReportData({
      project: { name: 'ga4' },
      target: { name: 'prod', type: 'bigquery' },
      vars: {},
      models: built.map((name) => ({ name, path: `models/${name}.sql`, relation: relation(name), materialized: 'table', tags: [], description: '', columns: [] })),
      results: [],
      query: async (sql) => {
        const outcome = await h.adapter.query(sql);
        if (!outcome.ok) throw new Error(outcome.error.message);
        return outcome.value.rows;
      },
      readArtifact: async () => undefined,
      dataQuality: async () => undefined,
    });
    const queries = h.server.requests.flatMap((r) => {
      const body = r.body as { configuration?: { query?: { query?: string } } } | undefined;
      return body?.configuration?.query?.query === undefined ? [] : [body.configuration.query.query];
    });
    assert.equal(queries.sort(), built.map((name) => `select * from ${relation(name)}`).sort());
    assert.equal([data.window, data.incompleteDate], [{ minDate: '2026-10-01', maxDate: '2026-10-03' }, '2026-10-03']);
    assert.equal([data.users!.dau, data.users!.newUsers], [[100, 120, 30], [10, 0, 4]]);
    assert.equal(data.funnel!.steps.map((s) => [s.name, s.users, s.fromStart, s.fromPrevious]), [['login', 9, 0.9, 0.9], ['level', 3, 0.3, 3 / 9]]);
    assert.equal(data.funnel!.largestDropOff, { fromName: 'login', toName: 'level', step: 2, lostShare: 1 - 3 / 9, lostUsers: 6 });
    // The models not built are said, by section.
    assert.equal(data.skipped.map((s) => s.section).sort(), ['Insights', 'Retention', 'Retention', 'Revenue', 'Revenue', 'Revenue', 'Users', 'Users'].sort());
    assert.is(Object.keys(METRIC_MODELS).length, 10);
  } finally {
    await h.close();
  }
});

test.run();
