/**
 * The knowledge base through the public plugin API: a project's own plugin records findings each
 * run and gets back which are new or persisting, people's feedback (`pdb insights feedback`) and
 * the resolved ones; `pdb insights history` answers what was found before.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { knowledgeOf } from '../../core/plugins/insights/run-insights.js';
import type { Finding } from '../../core/plugins/insights/insights-file.js';
import { duckdbProject } from '../support/duckdb-project.js';
import { runCli, writeFiles } from '../support/temp-project.js';

/** Finds "a dip" on each date of the model's table and keeps what the knowledge base says. */
const PLUGIN = `
import type { PdbPlugin } from 'pdb/plugin';

const plugin: PdbPlugin = {
  name: 'dips',
  async afterRun({ query, knowledge, writeArtifact }) {
    const rows = await query("select strftime(d, '%Y-%m-%d') as d from main.days order by d");
    const found = rows.map((r, i) => ({
      key: 'anomaly:dau:event_date=' + r['d'], id: 'F' + (i + 1), kind: 'anomaly', metric: 'dau', segment: '',
      date_from: String(r['d']), date_to: String(r['d']), significant: true, summary: 'DAU dipped on ' + r['d'],
    }));
    const known = await knowledge.recordFindings(found);
    await writeArtifact('known', known);
  },
};
export default plugin;
`;

const files = (dates: readonly string[]): Record<string, string> => ({
  'project.yml': 'name: kb\nplugins:\n  - path: plugins/dips.ts\n',
  'plugins/dips.ts': PLUGIN,
  'models/days.sql': `{{ config(materialized='table') }}\nselect * from (values ${dates.map((d) => `(date '${d}')`).join(', ')}) as t(d)\n`,
});

interface Known {
  readonly findings: readonly { key: string; status: string; first_seen_run: string; feedback?: { verdict: string; note: string | null } }[];
  readonly resolved: readonly { key: string }[];
}

async function build(dir: string): Promise<Known> {
  const result = await runCli(dir, ['build']);
  assert.is(result.code, 0, result.stdout + result.stderr);
  return JSON.parse(await readFile(join(dir, 'target', 'dips', 'known.json'), 'utf8')) as Known;
}

test('findings are new, then persisting; feedback comes back with them; gone ones are resolved; history finds them', async () => {
  const dir = await duckdbProject(files(['2026-10-08', '2026-10-09']));
  const first = await build(dir);
  assert.equal(first.findings.map((f) => f.status), ['new', 'new']);
  assert.equal(first.resolved, []);

  const feedback = await runCli(dir, ['insights', 'feedback', 'F2', '--dismiss', '--note', 'tracking outage, fixed 10-10']);
  assert.is(feedback.code, 0, feedback.stderr);
  assert.is(feedback.stdout, 'Dismissed F2 (anomaly:dau:event_date=2026-10-09): DAU dipped on 2026-10-09\n');

  await writeFiles(dir, files(['2026-10-09', '2026-10-10']));
  const second = await build(dir);
  assert.equal(second.findings.map((f) => [f.key, f.status]), [['anomaly:dau:event_date=2026-10-09', 'persisting'], ['anomaly:dau:event_date=2026-10-10', 'new']]);
  assert.is(second.findings[0]!.first_seen_run, first.findings[1]!.first_seen_run);
  assert.equal([second.findings[0]!.feedback?.verdict, second.findings[0]!.feedback?.note], ['dismissed', 'tracking outage, fixed 10-10']);
  assert.is(second.findings[1]!.feedback, undefined);
  assert.equal(second.resolved.map((r) => r.key), ['anomaly:dau:event_date=2026-10-08']);

  const history = await runCli(dir, ['insights', 'history', '--metric', 'dau', '--text', 'outage', '--output', 'json']);
  assert.is(history.code, 0, history.stderr);
  const entries = JSON.parse(history.stdout) as { key: string; feedback?: { note: string } }[];
  assert.equal(entries.map((e) => e.key), ['anomaly:dau:event_date=2026-10-09', 'anomaly:dau:event_date=2026-10-09']);
  assert.is(entries[0]!.feedback?.note, 'tracking outage, fixed 10-10');
  const none = await runCli(dir, ['insights', 'history', '--metric', 'revenue']);
  assert.is(none.stdout, 'Nothing found before for that.\n');
});

test('feedback on an unknown finding, or without a verdict, is a usage error', async () => {
  const dir = await duckdbProject(files(['2026-10-08']));
  await build(dir);
  const unknown = await runCli(dir, ['insights', 'feedback', 'F9', '--confirm']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, "error E_FINDING_UNKNOWN: no finding 'F9' in this project's runs.");
  const neither = await runCli(dir, ['insights', 'feedback', 'F1']);
  assert.is(neither.code, 2);
  assert.is(neither.stderr, 'error: give one of --confirm or --dismiss.\n');
});

test('the insights plugin keys a finding by its metric, segment and dates', () => {
  const finding = { key: 'segment:retention_d1:channel=tiktok', id: 'F2', kind: 'segment', metric: 'retention_d1', where: { channel: 'tiktok' }, significant: true, summary: 's' } as unknown as Finding;
  assert.equal(knowledgeOf(finding), { key: 'segment:retention_d1:channel=tiktok', id: 'F2', kind: 'segment', metric: 'retention_d1', segment: 'channel=tiktok', date_from: null, date_to: null, significant: true, summary: 's' });
  const dated = { ...finding, where: { event_date: '2026-10-09' } } as unknown as Finding;
  assert.equal([knowledgeOf(dated).segment, knowledgeOf(dated).date_from, knowledgeOf(dated).date_to], ['', '2026-10-09', '2026-10-09']);
});

test.run();
