/** Counts in messages: "1 row", never "1 rows"; the verb agrees ("1 row has", "2 rows have"). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dataQualitySummary } from '../../src/data-quality/data-quality-output.js';
import { judge } from '../../src/data-quality/run-data-quality.js';
import { DEFAULT_MAX_AGE_YEARS, DEFAULT_THRESHOLDS } from '../../src/data-quality/thresholds.js';
import { agree, count } from '../../src/text/count.js';

test('a count and its noun in the right number', () => {
  assert.equal([count(0, 'row'), count(1, 'row'), count(2, 'row'), count(1500, 'row'), count(1, 'query', 'queries'), count(3, 'query', 'queries')], ['0 rows', '1 row', '2 rows', '1,500 rows', '1 query', '3 queries']);
  assert.equal([agree(1, 'has', 'have'), agree(0, 'has', 'have'), agree(2, 'has', 'have')], ['has', 'have', 'have']);
});

test('data-quality details of a one-row source say "1 row" and agree with their count', () => {
  const row = { total_rows: 1, valid_rows: 1, distinct_events: 1, null_rows: 1, future_rows: 1, old_rows: 1, negative_revenue_rows: 1, window_days: 2, event_dates: 1, min_date: '2026-03-01', max_date: '2026-03-02' };
  const report = judge(row, { sql: '', eventNames: [], hasRevenue: true }, { enabled: true, maxAgeYears: DEFAULT_MAX_AGE_YEARS, thresholds: DEFAULT_THRESHOLDS });
  const lines = dataQualitySummary(report).join('\n');
  assert.match(lines, 'Data quality of the source (1 row): ');
  assert.match(lines, '1 of 1 row has no user_id or event_time');
  assert.match(lines, '1 row has an event_time after now');
  assert.match(lines, '1 row has an event_time more than 10 years ago');
  assert.match(lines, '1 of 2 dates from 2026-03-01 to 2026-03-02 has no events');
  assert.match(lines, '1 row has revenue below 0');
  assert.not.match(lines, /\b1 rows\b/);
});

test.run();
