/**
 * The proof of correctness: pdb's models, built on DuckDB, give exactly the rows of the
 * independent TypeScript reference (test/reference) for the same events, in every model.
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkInvariants, compareMetricTables, computeCoreMetrics, type CanonicalEvent, type MetricRoles } from '../reference/index.js';
import { readCoreTables, withEventsTable } from '../support/canonical-events.js';
import { copyRepoProject, runCli, writeFiles } from '../support/temp-project.js';
import { fixtureEvents } from './fixture-events.js';
import { GAME_ROLES, mappingYaml } from '../support/metric-mapping.js';

async function writeEvents(path: string, events: readonly CanonicalEvent[]): Promise<void> {
  await withEventsTable(events, async (connection) => {
    await connection.run(`copy events to '${path}' (format parquet)`);
  }, true);
}

async function buildAndCompare(events: CanonicalEvent[], roles: MetricRoles, withRevenueType = false): Promise<void> {
  const dir = await copyRepoProject();
  await writeEvents(join(dir, 'events.parquet'), events);
  await writeFiles(dir, {
    'mapping.yml': mappingYaml(roles, withRevenueType),
    'profiles.yml': 'target: dev\ntargets:\n  dev: { type: duckdb, path: target/test.duckdb, schema: main, threads: 2 }\n',
  });
  const vars = JSON.stringify({ events_path: 'events.parquet', start_date: roles.startDate ?? null, end_date: roles.endDate ?? null });
  const result = await runCli(dir, ['build', '--vars', vars]);
  assert.is(result.code, 0, `pdb build failed:\n${result.stdout}\n${result.stderr}`);
  const actual = await readCoreTables(join(dir, 'target/test.duckdb'));
  const expected = computeCoreMetrics(events, roles);
  const differences = compareMetricTables(expected as unknown as Record<string, unknown[]>, actual);
  assert.equal(differences, [], differences.slice(0, 20).join('\n'));
  assert.equal(checkInvariants(actual, { newUsersWithinDau: roles.cohortDateMapped !== true }), []);
  for (const name of ['date_wise_dau', 'retention_by_cohort_date', 'event_funnel_first_login', 'date_wise_revenue_by_type']) {
    assert.ok((actual[name] ?? []).length > 0, `${name} has rows`);
  }
}

test('all ten models equal the reference: several countries, a non-UTC zone across DST, a gap day, young cohorts, dropped rows', async () => {
  await buildAndCompare(fixtureEvents({ seed: 7, users: 400, days: 40, countries: ['US', 'DE', 'BR', 'IN'], emptyDay: 12 }), GAME_ROLES);
});

test('all ten models equal the reference: a single country (geo falls back to region), no new-user events, an activity list', async () => {
  await buildAndCompare(fixtureEvents({ seed: 11, users: 250, days: 35, countries: ['US'], emptyDay: 20 }), {
    ...GAME_ROLES,
    timezone: 'Asia/Kolkata',
    newUserEvents: [],
    activityEvents: ['session_start', 'first_open', 'level_start'],
  });
});

test('all ten models equal the reference: start/end dates and a revenue_type column', async () => {
  const events = fixtureEvents({ seed: 3, users: 200, days: 30, countries: ['US', 'DE'], emptyDay: 9 }).map((e, i) =>
    e.revenue === null ? e : { ...e, revenue_type: i % 7 === 0 ? 'bonus' : e.event_name === 'ad_impression' ? 'ads' : null },
  );
  await buildAndCompare(events, { ...GAME_ROLES, timezone: 'UTC', startDate: '2026-03-04', endDate: '2026-03-25' }, true);
});

test('all ten models equal the reference: a mapped cohort_date column (earliest value, inside the window only)', async () => {
  const DAY_US = 86_400_000_000;
  const events = fixtureEvents({ seed: 5, users: 300, days: 30, countries: ['US', 'DE', 'BR'], emptyDay: 14 });
  const firstTime = new Map<string, number>();
  for (const e of events) if (e.user_id !== null && e.event_time_us !== null) firstTime.set(e.user_id, Math.min(firstTime.get(e.user_id) ?? Infinity, e.event_time_us));
  // Per user an install time from 5 days before their first event (before the window for the
  // earliest users) to 2 days after it; per event a later value or none, so the earliest counts.
  const withInstall = events.map((e, i) => {
    const first = e.user_id === null ? undefined : firstTime.get(e.user_id);
    if (first === undefined || i % 5 === 0) return { ...e, cohort_time_us: null };
    const userShift = ((e.user_id!.length * 7 + e.user_id!.charCodeAt(e.user_id!.length - 1)) % 8) - 5;
    return { ...e, cohort_time_us: first + userShift * DAY_US + (i % 3) * DAY_US - 3_600_000_000 };
  });
  await buildAndCompare(withInstall, { ...GAME_ROLES, timezone: 'America/Los_Angeles', cohortDateMapped: true });
});

test.run();
