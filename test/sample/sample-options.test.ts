import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PdbError, PdbErrors } from '../../src/errors/pdb-error.js';
import { plantedFacts, resolveSampleOptions, shardSuffix } from '../../src/sample/sample-options.js';

test('defaults: 20000 users, 60 days from 2026-09-01, seed 42', () => {
  assert.equal(resolveSampleOptions({ outDir: 'data' }), {
    outDir: 'data',
    users: 20000,
    days: 60,
    startDate: '2026-09-01',
    startMs: Date.UTC(2026, 8, 1),
    seed: 42,
    targetEvents: undefined,
    effects: true,
  });
});

test('planted facts of the default window: outage day 38, promotion day 45, release day 30', () => {
  const facts = plantedFacts(60);
  assert.equal(facts, {
    outageDay: 38,
    outageKeepRate: 0.1,
    promoDay: 45,
    promoMultiplier: 3,
    releaseDay: 30,
    releaseDay1Lift: 1.15,
    weakChannel: 'tiktok',
    countryDifferences: true,
  });
  const start = Date.UTC(2026, 8, 1);
  assert.is(shardSuffix(start, facts.outageDay), '20261009');
  assert.is(shardSuffix(start, facts.promoDay), '20261016');
  assert.is(shardSuffix(start, facts.releaseDay), '20261001');
});

test('without effects the calendar stays but every planted effect is neutral', () => {
  assert.equal(plantedFacts(60, false), {
    outageDay: 38,
    outageKeepRate: 1,
    promoDay: 45,
    promoMultiplier: 1,
    releaseDay: 30,
    releaseDay1Lift: 1,
    weakChannel: null,
    countryDifferences: false,
  });
});

test('planted days scale with a shorter window', () => {
  const facts = plantedFacts(35);
  assert.equal([facts.releaseDay, facts.outageDay, facts.promoDay], [17, 22, 26]);
});

test('every bad option is reported at once, with a hint', () => {
  try {
    resolveSampleOptions({ outDir: 'x', users: 0, days: 2.5, startDate: '2026-02-30', targetEvents: 5 });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, PdbErrors);
    const errors = (e as PdbErrors).errors;
    assert.equal(
      errors.map((x: PdbError) => [x.code, x.message, x.hint]),
      [
        ['E_SAMPLE_OPTIONS', "Sample option 'users' is 0: it must be a whole number from 1 to 50000000.", 'Use e.g. users: 20000.'],
        ['E_SAMPLE_OPTIONS', "Sample option 'days' is 2.5: it must be a whole number from 1 to 3660.", 'Use e.g. days: 60.'],
        [
          'E_SAMPLE_OPTIONS',
          "Sample option 'targetEvents' is 5: it must be a whole number from 1000 to 2000000000.",
          'Use e.g. targetEvents: 10000000, or leave it out.',
        ],
        ['E_SAMPLE_OPTIONS', 'Sample option \'startDate\' is "2026-02-30": it must be a date written YYYY-MM-DD.', "Use e.g. startDate: '2026-09-01'."],
      ],
    );
  }
});

test.run();
