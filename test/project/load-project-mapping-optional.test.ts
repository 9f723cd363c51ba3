import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorsOf, type PdbErrors } from '../../src/errors/pdb-error.js';
import { loadProject } from '../../src/project/load-project.js';
import { tempProject } from '../support/temp-project.js';

const SOURCES = 'sources:\n  - name: app\n    tables:\n      - name: events\n        duckdb: { path: events.parquet }\n';

async function codes(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    return errorsOf(error as PdbErrors).map((e) => e.code);
  }
  return [];
}

test("mapping: 'optional' loads a project whose mapping is broken or missing, without it", async () => {
  for (const mapping of [undefined, 'columns: [not, a, mapping]\n']) {
    const dir = await tempProject({ 'project.yml': 'name: t\nmapping: mapping.yml\n', 'models/sources.yml': SOURCES, ...(mapping === undefined ? {} : { 'mapping.yml': mapping }) });
    assert.ok((await codes(loadProject({ dir, env: {} }))).length > 0, 'without the option the mapping is an error');
    const project = await loadProject({ dir, env: {}, mapping: 'optional' });
    assert.is(project.mapping, undefined);
    assert.equal(project.sources.map((s) => s.name), ['events']);
  }
});

test("mapping: 'optional' still reports every other mistake", async () => {
  const dir = await tempProject({ 'project.yml': 'name: t\nmapping: mapping.yml\nmodles: {}\n', 'models/sources.yml': SOURCES });
  assert.equal(await codes(loadProject({ dir, env: {}, mapping: 'optional' })), ['E_UNKNOWN_KEY']);
});

test('compile reports a mistake in the data-quality block at its line, before any database opens', async () => {
  const dir = await tempProject({ 'project.yml': 'name: t\ndata-quality:\n  duplicate_event: { warn_above: 0.01 }\n', 'models/m.sql': 'select 1 as x\n' });
  try {
    await loadProject({ dir, env: {} });
    assert.unreachable('the block is wrong');
  } catch (error) {
    assert.equal(errorsOf(error as PdbErrors).map((e) => [e.code, e.location]), [['E_DATA_QUALITY_KEY', { file: 'project.yml', line: 3, column: 3 }]]);
  }
});

test.run();
