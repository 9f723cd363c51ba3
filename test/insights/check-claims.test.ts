/** Each claim check of an LLM's insight, one rule at a time, with the insight filled in when it passes. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkInsight } from '../../core/plugins/insights/narrative/check-claims.js';
import { FINDINGS, GOOD_CHANNEL, GOOD_DROP, type Proposed } from './llm-fixtures.js';

const byId = new Map(FINDINGS.map((f) => [f.id, f]));
const errorsOf = (p: Proposed): readonly string[] => checkInsight(p, byId).errors;

test('a good insight passes and every placeholder is filled from its finding', () => {
  const result = checkInsight(GOOD_DROP, byId);
  assert.equal(result.errors, []);
  assert.equal(result.insight, {
    title: 'Daily users dropped on 2026-02-18',
    statement: 'Daily active users fell to 600 against a usual 1,000 (-40%, q < 0.001).',
    hypothesis: 'A tracking problem could be behind the drop.',
    recommendation: 'Check the tracking for 2026-02-18.',
    finding_ids: ['F1'],
  });
  assert.equal(checkInsight(GOOD_CHANNEL, byId).insight?.statement, 'D1 retention of tiktok is 16.6%, lower than the 31.5% of the other channels.');
});

test('numbers of its own are rejected, wherever they are', () => {
  assert.equal(errorsOf({ ...GOOD_DROP, statement: 'Daily active users fell by 40% to {F1.value}.' }), ['statement writes a number of its own ("40%"): numbers only through placeholders such as {F1.value}']);
  assert.equal(errorsOf({ ...GOOD_CHANNEL, statement: 'D1 retention of {F2.segment} is {F2.value}, lower than D7 suggests.' }), ['statement writes a number of its own ("D7"): numbers only through placeholders such as {F1.value}'], 'D1 is a metric name here, D7 is not');
  assert.is(errorsOf({ ...GOOD_DROP, title: 'Users dropped on the 18th' }).length, 1);
});

test('a direction that disagrees with the numbers is rejected; a clause with both directions is not judged', () => {
  assert.equal(errorsOf({ ...GOOD_DROP, statement: 'Daily active users rose to {F1.value}.' }), ['statement: "rose" disagrees with F1 (down)']);
  assert.equal(errorsOf({ ...GOOD_CHANNEL, title: 'Channel {F2.segment} retains better' }), ['title: "better" disagrees with F2 (down)']);
  assert.equal(errorsOf({ ...GOOD_DROP, statement: 'Users fell to {F1.value}, more than a usual weekday would explain.' }), []);
});

test('unknown ids, placeholders of findings not cited, and unknown fields are rejected', () => {
  assert.equal(errorsOf({ ...GOOD_DROP, finding_ids: ['F99'], statement: 'Users fell to {F99.value}.' }), [
    'cites unknown finding F99',
    'title: {F1.date} cites F1, which is not in finding_ids',
    'statement: {F99.value} cites unknown finding F99',
    'recommendation: {F1.date} cites F1, which is not in finding_ids',
    'the recommendation cites no verified finding (a significant one, a gap or a benchmark)',
  ]);
  assert.equal(errorsOf({ ...GOOD_DROP, statement: 'Users fell to {F1.mean}.' }), ['statement: {F1.mean} is not a known field (use value, baseline, change, difference, n, q, low, high, date, segment, where, metric)']);
});

test('"significant" only with q < 0.05; causal words only in the hypothesis; recommendations need a verified finding', () => {
  const weak: Proposed = { title: 'Google retains a bit better', statement: 'D1 retention of {F3.segment} is significantly higher at {F3.value}.', finding_ids: ['F3'], hypothesis: null, recommendation: 'Spend more on {F3.segment}.' };
  assert.equal(errorsOf(weak), [
    'statement: "significantly" for F3, which is not significant (q >= 0.05 or below the minimum size)',
    'the recommendation cites no verified finding (a significant one, a gap or a benchmark)',
  ]);
  assert.equal(errorsOf({ ...GOOD_DROP, statement: 'Users fell to {F1.value} because of an outage.' }), ['statement: causal language ("because") belongs in the hypothesis field only']);
  assert.equal(errorsOf({ ...GOOD_DROP, hypothesis: 'Perhaps because of an outage.' }), []);
  assert.equal(errorsOf({ ...GOOD_DROP, statement: 'Benchmarks say {F4.value} is significant.', finding_ids: ['F1', 'F4'] }), ['statement: "significant" for F4, which is not significant (q >= 0.05 or below the minimum size)']);
});

test.run();
