/** The ZetaSQL server is started on demand and always stopped; without the optional package, nothing runs. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startZetaSqlServer, withZetaSqlServer } from '../../src/validate/zetasql-server.js';
import { SHOP_PROJECT, validateProject } from './validate-project.js';
import { tempProject } from '../support/temp-project.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a started server answers, and is gone after stop()', async () => {
  const start = await startZetaSqlServer();
  assert.is(start.status, 'started');
  if (start.status !== 'started') return;
  const { server } = start;
  assert.ok(alive(server.pid), 'the server runs');
  const options = (await server.call('GetLanguageOptions', { maximumFeatures: true })) as { enabledLanguageFeatures: number[] };
  assert.ok(options.enabledLanguageFeatures.length > 50, 'it answers with its language features');
  await server.stop();
  assert.not.ok(alive(server.pid), 'the server is gone');
  await server.stop(); // a second stop is harmless
});

test('withZetaSqlServer stops the server when the work throws', async () => {
  let pid = -1;
  const failure = await withZetaSqlServer(
    async (server) => {
      pid = server.pid;
      throw new Error('boom');
    },
  ).catch((error: Error) => error.message);
  assert.is(failure, 'boom');
  assert.ok(pid > 0);
  assert.not.ok(alive(pid), 'the server is gone');
});

test('validation leaves no server process behind', async () => {
  const dir = await tempProject(SHOP_PROJECT);
  const pids: number[] = [];
  const validation = await validateProject(dir, { server: { onStart: (pid) => pids.push(pid) } });
  assert.is(validation.status, 'validated');
  assert.is(pids.length, 1, 'one server for the whole compile');
  assert.not.ok(alive(pids[0]!), 'the server is gone');
});

test('without the optional package, validation is unavailable and says why', async () => {
  const dir = await tempProject(SHOP_PROJECT);
  const validation = await validateProject(dir, { server: { packageName: '@fivetrandevelopers/zetasql-not-installed' } });
  assert.equal(
    { status: validation.status, reason: validation.reason, errors: validation.errors.length, schemas: validation.schemas.size },
    { status: 'unavailable', reason: 'the optional package @fivetrandevelopers/zetasql-not-installed is not installed', errors: 0, schemas: 0 },
  );
});

test.run();
