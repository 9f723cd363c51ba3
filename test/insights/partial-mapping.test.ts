/**
 * A project whose mapping has no revenue and no funnel: the build disables the models that need
 * them, and `pdb insights` reports what it can (users, new users, retention by segment) and says
 * which analyses it skipped and why.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFiles } from '../support/temp-project.js';
import { expectOk, readInsights, repoProjectOn, runCli } from './support.js';

const MAPPING = `source: ga4.events
timezone: UTC
columns:
  user_id: user_pseudo_id
  event_time: "{{ timestamp_from_micros('event_timestamp') }}"
  event_name: event_name
  country: geo.country
  channel: traffic_source.source
events:
  activity: all
  new_user: [first_open]
`;

test('pdb insights without revenue and funnel: findings on what is built, the rest skipped with a reason', async () => {
  const { dir, vars } = await repoProjectOn(undefined, { 'mapping.yml': MAPPING });
  // No product category either: no published benchmark range applies.
  const project = await readFile(join(dir, 'project.yml'), 'utf8');
  assert.match(project, 'product:\n  category: mobile_game\n');
  await writeFiles(dir, { 'project.yml': project.replace('product:\n  category: mobile_game\n', '') });
  expectOk(await runCli(dir, ['build', ...vars]), 'pdb build');
  const result = await runCli(dir, ['insights', ...vars]);
  expectOk(result, 'pdb insights');
  const { json, markdown } = await readInsights(dir);

  const skipped = new Map(json.skipped.map((s) => [s.analysis, s.reason]));
  assert.match(skipped.get('revenue') ?? '', 'date_wise_revenue is not built');
  assert.match(skipped.get('funnel') ?? '', 'event_funnel_first_login is not built');
  assert.match(skipped.get('payer rate and revenue per user by segment') ?? '', 'no revenue mapped');
  assert.match(result.stdout, '[insights] skipped revenue: date_wise_revenue is not built');
  assert.match(result.stdout, '[insights] skipped funnel: event_funnel_first_login is not built');
  assert.match(markdown, '- Skipped revenue: date_wise_revenue is not built');
  assert.match(skipped.get('benchmark comparison') ?? '', 'project.yml names no product category');
  assert.not.ok(json.findings.some((f) => f.kind === 'benchmark'));

  const metrics = new Set(json.findings.map((f) => f.metric));
  assert.ok(metrics.has('retention_d1'), 'retention by segment is still analysed');
  assert.ok(json.findings.some((f) => f.kind === 'gap' && f.metric === 'new_users'), 'the outage is still found');
  for (const f of json.findings) {
    assert.not.ok(f.metric.startsWith('revenue') || f.metric.startsWith('funnel') || f.metric === 'arpdau' || f.metric === 'payer_rate', `unexpected finding on ${f.metric}`);
  }
});

test.run();
