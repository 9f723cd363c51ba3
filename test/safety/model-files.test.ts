import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duckdbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { PdbError } from '../../src/errors/pdb-error.js';
import { loadProject } from '../../src/project/load-project.js';
import { MAX_PROJECT_FILE_BYTES } from '../../src/project/read-files.js';
import { TemplateEnvironment } from '../../src/templating/template-environment.js';
import { duckdbProject } from '../support/duckdb-project.js';
import { runCli } from '../support/temp-project.js';

test('a model file that is not UTF-8: exit 2 naming the file and the line of the bad byte', async () => {
  const dir = await duckdbProject({ 'models/placeholder.sql': 'select 1 as a\n' });
  // "café" in Latin-1: 0xe9 alone is no UTF-8.
  await writeFile(join(dir, 'models', 'm.sql'), Buffer.concat([Buffer.from("select 1 as a,\n  'caf"), Buffer.from([0xe9]), Buffer.from("' as b\n")]));
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 2);
  assert.ok(
    result.stderr.startsWith('models/m.sql:2: error E_FILE_ENCODING: models/m.sql is not UTF-8: byte 0xe9 (byte 7 of line 2) is not valid UTF-8.\n'),
    result.stderr,
  );
  assert.match(result.stderr, 'hint: Save the file as UTF-8');
});

test('a model file past the size limit: exit 2 naming the file, before rendering it', async () => {
  const dir = await duckdbProject({ 'models/big.sql': `select 1 as a\n${'-- filler\n'.repeat(MAX_PROJECT_FILE_BYTES / 10 + 1)}` });
  const result = await runCli(dir, ['compile']);
  assert.is(result.code, 2);
  assert.ok(result.stderr.startsWith('models/big.sql: error E_FILE_TOO_LARGE: models/big.sql is 1.0 MB; project files are limited to 1 MB.\n'), result.stderr);
});

test('a template loop that grows its own list stops at the time limit, located in the model', async () => {
  const text = ["{% set xs = [1] %}", 'select', "{% for x in xs %}{% if xs.push(x) %}{% endif %}{% endfor %}", '1 as a', ''].join('\n');
  const dir = await duckdbProject({ 'models/loop.sql': text });
  const project = await loadProject({ dir, env: {} });
  const templates = new TemplateEnvironment({ project, dialect: duckdbDialect, env: {}, renderTimeLimitMs: 300 });
  const started = Date.now();
  let error: unknown;
  try {
    templates.render('models/loop.sql', text, 'loop');
  } catch (e) {
    error = e;
  }
  assert.ok(Date.now() - started < 5000, 'stopped near the limit');
  assert.instance(error, PdbError);
  const e = error as PdbError;
  assert.is(e.code, 'E_TEMPLATE_TIME_LIMIT');
  assert.equal(e.location?.file, 'models/loop.sql');
  assert.equal(e.location?.line, 3);
  assert.is(e.message, 'models/loop.sql took longer than 0.3 s to render, so rendering stopped here: is there a loop that never ends (e.g. one that appends to the list it loops over)?');
  // The environment renders again afterwards: the limit belongs to one render.
  assert.is(templates.render('models/ok.sql', "{% for i in range(3) %}{{ i }}{% endfor %}", 'ok').sql, '012');
});

test.run();
