/**
 * The shipped sample's planted facts (docs/sample-data.md) are found by the findings engine with
 * the right direction, and the narrative that `pdb build` prints and writes tells each of them.
 * `pdb insights` then gives the same file from the tables already built.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isoDate, plantedFacts, SAMPLE_DEFAULTS } from '../../src/sample/sample-options.js';
import { expectOk, readInsights, repoProjectOn, runCli, significant } from './support.js';

const facts = plantedFacts(SAMPLE_DEFAULTS.days);
const start = Date.parse(`${SAMPLE_DEFAULTS.startDate}T00:00:00Z`);
const OUTAGE = isoDate(start, facts.outageDay);
const PROMO = isoDate(start, facts.promoDay);

test('pdb build finds the outage, the weak channel and the promotion, and tells them in the narrative', async () => {
  const { dir, vars } = await repoProjectOn();
  const build = await runCli(dir, ['build', ...vars]);
  expectOk(build, 'pdb build');
  const { json, markdown, text } = await readInsights(dir);

  const outage = significant(json, (f) => f.where['event_date'] === OUTAGE && f.metric === 'new_users');
  assert.is(outage.length, 1, `outage: ${JSON.stringify(json.findings.filter((f) => f.where['event_date'] === OUTAGE))}`);
  assert.is(outage[0]!.direction, 'down');
  assert.is(outage[0]!.kind, 'gap', 'a collapse of new users is reported as a gap in the data');

  const weak = significant(json, (f) => f.kind === 'segment' && f.metric === 'retention_d1' && f.where['channel'] === facts.weakChannel);
  assert.is(weak.length, 1);
  assert.is(weak[0]!.direction, 'down');
  assert.ok(weak[0]!.value < 0.6 * weak[0]!.baseline!, `tiktok D1 ${weak[0]!.value} against ${weak[0]!.baseline}`);

  const promo = significant(json, (f) => f.where['event_date'] === PROMO && (f.metric === 'revenue_iap' || f.metric === 'revenue'));
  assert.ok(promo.length >= 1, `promotion: ${JSON.stringify(json.findings.filter((f) => f.where['event_date'] === PROMO))}`);
  assert.ok(promo.every((f) => f.direction === 'up'));

  // Each appears in the narrative: cited by an insight, in insights.md and in the build's output.
  const cited = new Set(json.insights.flatMap((i) => i.finding_ids));
  for (const [name, found] of [['outage', outage], ['weak channel', weak], ['promotion', promo]] as const) {
    assert.ok(found.some((f) => cited.has(f.id)), `${name} is not cited by an insight: ${JSON.stringify(json.insights)}`);
  }
  for (const needle of [OUTAGE, `channel ${facts.weakChannel}`, PROMO]) {
    assert.ok(markdown.includes(needle), `insights.md lacks ${needle}`);
    assert.ok(build.stdout.split('\n').some((l) => l.startsWith('[insights] ') && l.includes(needle)), `the build's top insights lack ${needle}:\n${build.stdout}`);
  }
  assert.ok(json.data_quality !== undefined && json.data_quality.rows > 900_000, 'the data-quality figures of the scan');
  assert.match(markdown, /- Data quality of the source \(its last scan\): [\d,]+ rows, \d+ checks, all passed\./);
  assert.is(json.narrative.source, 'template');
  assert.is(json.narrative.reason, 'no LLM configured');
  assert.is(json.metadata.schema_version, 'pdb.insights.v1');
  assert.ok(json.tests.family_size > 100, `family of ${json.tests.family_size} tests`);

  // No rebuild: pdb insights reads the same tables and finds the same findings, which the
  // knowledge base now knows from the build: every one persisting, none resolved.
  const again = await runCli(dir, ['insights', ...vars]);
  expectOk(again, 'pdb insights');
  assert.match(again.stdout, /Insights from \d+ built tables in \d+\.\d\d s: target\/insights\/insights\.md/);
  const second = JSON.parse((await readInsights(dir)).text) as typeof json;
  const withoutHistory = (file: typeof json): unknown => ({ ...file, findings: file.findings.map(({ history: _, ...f }) => f) });
  assert.equal(withoutHistory(second), withoutHistory(JSON.parse(text) as typeof json));
  assert.ok(json.findings.every((f) => f.history?.status === 'new'));
  assert.ok(second.findings.every((f) => f.history?.status === 'persisting'));
  assert.equal(second.resolved, []);
});

test.run();
