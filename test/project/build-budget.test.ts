/** A BigQuery target's build budget comes from profiles.yml, validated like every other key. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/project/load-project.js';
import { tempProject } from '../support/temp-project.js';

const profiles = (budget: string): string =>
  `target: bq\ntargets:\n  bq: { type: bigquery, project: p, dataset: d, maximum_bytes_billed: 1000, max_build_bytes: ${budget} }\n`;

test('max_build_bytes becomes the target budget', async () => {
  const dir = await tempProject({ 'project.yml': 'name: budget\n', 'profiles.yml': profiles('5000000000') });
  const project = await loadProject({ dir, env: {} });
  assert.equal(project.target, { type: 'bigquery', name: 'bq', project: 'p', dataset: 'd', maximumBytesBilled: 1000, maxBuildBytes: 5000000000 });
});

test('a budget that is not a whole number is an error at its value', async () => {
  const dir = await tempProject({ 'project.yml': 'name: budget\n', 'profiles.yml': profiles('lots') });
  try {
    await loadProject({ dir, env: {} });
    assert.unreachable('loadProject should fail');
  } catch (error) {
    const [first] = (error as { errors: { code: string; location: { file: string; line: number } }[] }).errors;
    assert.equal([first?.code, first?.location.file, first?.location.line], ['E_WRONG_TYPE', 'profiles.yml', 3]);
  }
});

test.run();
