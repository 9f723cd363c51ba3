/**
 * A BigQuery credential that does not work is reported as what it is, at profiles.yml, before any
 * query: not as a failed data-quality scan of the source blamed on mapping.yml.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BigQueryAdapter } from '../../src/adapters/bigquery/bigquery-adapter.js';
import { PdbError } from '../../src/errors/pdb-error.js';
import { FakeBigQueryServer } from '../support/fake-bigquery-server.js';
import { join } from 'node:path';
import { copyRepoProject, repoRoot, runCli, tempProject, writeFiles } from '../support/temp-project.js';
import { TARGET } from '../bigquery-rest/harness.js';

// Well-formed JSON of a service-account key whose private key cannot sign (no network needed to fail).
const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7NotAKeyAtAll';
const KEYFILE = JSON.stringify({
  type: 'service_account',
  project_id: 'acme',
  private_key_id: 'abc123',
  private_key: `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`,
  client_email: 'pdb@acme.iam.gserviceaccount.com',
});

test('the adapter refuses to open with a key that cannot sign: E_BIGQUERY_AUTH at profiles.yml, no request sent, no secret shown', async () => {
  const projectDir = await tempProject({ 'keys/sa.json': KEYFILE });
  const server = await FakeBigQueryServer.start();
  let error: unknown;
  try {
    const adapter = await BigQueryAdapter.open({ ...TARGET, keyfile: 'keys/sa.json' }, { projectDir, apiEndpoint: server.url });
    await adapter.close();
  } catch (e) {
    error = e;
  } finally {
    await server.close();
  }
  assert.instance(error, PdbError);
  const e = error as PdbError;
  assert.is(e.code, 'E_BIGQUERY_AUTH');
  assert.ok(e.message.startsWith("cannot sign in to BigQuery for target 'prod' with the keyfile keys/sa.json: "), e.message);
  assert.equal(e.location, { file: 'profiles.yml' });
  assert.not.match(e.message, KEY_BODY);
  assert.equal(server.requests.length, 0);
});

// The line of `keyfile` in the repo's profiles.yml, at its value.
const KEYFILE_LINE = 'profiles.yml:15:14';

test('pdb build with a broken key names the key, the variable it came from and its line in profiles.yml, not mapping.yml', async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, { 'keys/sa.json': KEYFILE });
  const result = await runCli(dir, ['build', '--target', 'bq'], { GOOGLE_APPLICATION_CREDENTIALS: 'keys/sa.json', METADATA_SERVER_DETECTION: 'none' });
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.ok(
    result.stderr.startsWith(`${KEYFILE_LINE}: error E_BIGQUERY_AUTH: cannot sign in to BigQuery for target 'bq' with the keyfile keys/sa.json (from the environment variable GOOGLE_APPLICATION_CREDENTIALS): `),
    result.stderr,
  );
  assert.not.match(result.stderr, 'mapping.yml');
});

/** `pdb build --target bq` on the repo project with `env`, offline: the exit code and the first line of stderr. */
async function buildBigQuery(files: Record<string, string>, env: Record<string, string>): Promise<{ code: number; first: string; stderr: string }> {
  const dir = await copyRepoProject();
  await writeFiles(dir, files);
  const result = await runCli(dir, ['build', '--target', 'bq'], { METADATA_SERVER_DETECTION: 'none', ...env });
  assert.not.match(result.stderr, 'mapping.yml');
  assert.not.match(result.stderr, KEY_BODY);
  assert.not.match(result.stderr, /\n\s+at /, 'no stack trace');
  return { code: result.code, first: result.stderr.split('\n')[0] ?? '', stderr: result.stderr };
}

test('a keyfile path (from the environment) that does not exist, is a folder, or is not JSON: exit 2 at the keyfile line of profiles.yml', async () => {
  const missing = await buildBigQuery({}, { GOOGLE_APPLICATION_CREDENTIALS: 'keys/none.json' });
  assert.equal([missing.code, missing.first], [2, `${KEYFILE_LINE}: error E_KEYFILE: the keyfile keys/none.json (from the environment variable GOOGLE_APPLICATION_CREDENTIALS) of target 'bq' does not exist.`]);
  assert.match(missing.stderr, "hint: Set GOOGLE_APPLICATION_CREDENTIALS to the key's path (a path relative to the project)");
  const folder = await buildBigQuery({ 'keys/folder/x': '' }, { GOOGLE_APPLICATION_CREDENTIALS: 'keys/folder' });
  assert.equal([folder.code, folder.first], [2, `${KEYFILE_LINE}: error E_KEYFILE: the keyfile keys/folder (from the environment variable GOOGLE_APPLICATION_CREDENTIALS) of target 'bq' cannot be read (EISDIR).`]);
  const broken = await buildBigQuery({ 'keys/sa.json': KEYFILE.slice(0, 120) }, { GOOGLE_APPLICATION_CREDENTIALS: 'keys/sa.json' });
  assert.equal([broken.code, broken.first], [2, `${KEYFILE_LINE}: error E_KEYFILE: the keyfile keys/sa.json (from the environment variable GOOGLE_APPLICATION_CREDENTIALS) of target 'bq' is not valid JSON.`]);
});

test('a keyfile written in profiles.yml that does not exist: exit 2 at its line, with no variable named', async () => {
  const profiles = (await import('node:fs/promises')).readFile(join(repoRoot(), 'profiles.yml'), 'utf8');
  const written = (await profiles).replace(`"{{ env_var('GOOGLE_APPLICATION_CREDENTIALS', '') }}"`, 'secrets/key.json');
  const result = await buildBigQuery({ 'profiles.yml': written }, {});
  assert.equal([result.code, result.first], [2, `${KEYFILE_LINE}: error E_KEYFILE: the keyfile secrets/key.json of target 'bq' does not exist.`]);
  assert.match(result.stderr, 'hint: Fix `keyfile` in profiles.yml (a path relative to the project)');
});

test('without a keyfile in the profile, a GOOGLE_APPLICATION_CREDENTIALS file that is missing or not JSON is blamed on that variable, exit 2', async () => {
  const profiles = (await (await import('node:fs/promises')).readFile(join(repoRoot(), 'profiles.yml'), 'utf8')).replace(/^ +keyfile: .*\n/m, '');
  const dir = await tempProject({ 'broken.json': '{"type": "service_account", "private_key": "' });
  const missingPath = join(dir, 'none.json');
  const missing = await buildBigQuery({ 'profiles.yml': profiles }, { GOOGLE_APPLICATION_CREDENTIALS: missingPath });
  assert.equal([missing.code, missing.first], [2, `GOOGLE_APPLICATION_CREDENTIALS: error E_KEYFILE: the file ${missingPath} that the environment variable GOOGLE_APPLICATION_CREDENTIALS names does not exist.`]);
  assert.match(missing.stderr, 'hint: Set GOOGLE_APPLICATION_CREDENTIALS to the path of a credentials file, unset it');
  const broken = await buildBigQuery({ 'profiles.yml': profiles }, { GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'broken.json') });
  assert.equal([broken.code, broken.first], [2, `GOOGLE_APPLICATION_CREDENTIALS: error E_KEYFILE: the file ${join(dir, 'broken.json')} that the environment variable GOOGLE_APPLICATION_CREDENTIALS names is not valid JSON.`]);
});

test.run();
