import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFiles, readTree, runCli, tempProject } from '../support/temp-project.js';

const SMALL = 'test/fixtures/compile/small';
const project = async (): Promise<string> => tempProject(await fixtureFiles(SMALL));

test('pdb ls lists every model by name in build order, and compiles nothing', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['ls']), { code: 0, stdout: 'stg_events\nactive_events\ndaily_users\nusers_by_country\n', stderr: '' });
  assert.equal(await readTree(dir, 'target/compiled'), {});
  assert.equal((await runCli(dir, ['list'])).stdout, 'stg_events\nactive_events\ndaily_users\nusers_by_country\n');
});

test('pdb ls --select by folder, tag, graph operator; --exclude removes', async () => {
  const dir = await project();
  const ls = async (...argv: string[]): Promise<string> => {
    const result = await runCli(dir, ['ls', ...argv]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    return result.stdout;
  };
  assert.equal(await ls('--select', 'staging'), 'stg_events\nactive_events\n');
  assert.equal(await ls('-s', 'tag:core', '--exclude', 'users_by_country'), 'daily_users\n');
  assert.equal(await ls('-s', '+daily_users'), 'stg_events\nactive_events\ndaily_users\n');
  assert.equal(await ls('-s', 'tag:geo', 'tag:daily'), 'daily_users\nusers_by_country\n');
  assert.equal(await ls('--exclude', 'staging'), 'daily_users\nusers_by_country\n');
});

test('pdb ls --output path', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['ls', '--output', 'path', '-s', 'active_events+']), {
    code: 0,
    stdout: 'models/staging/active_events.sql\nmodels/metrics/daily_users.sql\nmodels/metrics/users_by_country.sql\n',
    stderr: '',
  });
});

test('pdb ls --output json', async () => {
  const dir = await project();
  const result = await runCli(dir, ['ls', '-o', 'json', '-s', 'stg_events', 'users_by_country']);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  assert.equal(
    result.stdout,
    `${JSON.stringify(
      [
        { depends_on: [], materialized: 'view', name: 'stg_events', path: 'models/staging/stg_events.sql', sources: ['app.events'], tags: ['staging'] },
        { depends_on: ['active_events'], materialized: 'view', name: 'users_by_country', path: 'models/metrics/users_by_country.sql', sources: [], tags: ['core', 'geo', 'country'] },
      ],
      null,
      2,
    )}\n`,
  );
});

test('pdb ls warns about a selector that matches nothing, and still lists the rest', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['ls', '-s', 'daily_userz', 'daily_users']), {
    code: 0,
    stdout: 'daily_users\n',
    stderr: "warning: the selector 'daily_userz' matched no model.\n",
  });
});

test('pdb ls with a malformed selector: exit 2', async () => {
  const dir = await project();
  const result = await runCli(dir, ['ls', '-s', 'tag:']);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.ok(result.stderr.startsWith("--select: error E_SELECTOR: Selector 'tag:' has no value after 'tag:'.\n  hint: "), result.stderr);
});

test('pdb ls --output with an unknown format: exit 2', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['ls', '-o', 'xml']), {
    code: 2,
    stdout: '',
    stderr: "error: option '-o, --output <format>' argument 'xml' is invalid. Allowed choices are name, path, json.\n",
  });
});

test.run();
