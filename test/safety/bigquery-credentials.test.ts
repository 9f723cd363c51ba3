/**
 * A BigQuery credential that does not work is reported as what it is, at profiles.yml, before any
 * query: not as a failed data-quality scan of the source blamed on mapping.yml.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BigQueryAdapter } from '../../src/adapters/bigquery/bigquery-adapter.js';
import { PdbError } from '../../src/errors/pdb-error.js';
import { FakeBigQueryServer } from '../support/fake-bigquery-server.js';
import { copyRepoProject, runCli, tempProject, writeFiles } from '../support/temp-project.js';
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

test('pdb build with a broken key names the key and profiles.yml, not mapping.yml', async () => {
  const dir = await copyRepoProject();
  await writeFiles(dir, { 'keys/sa.json': KEYFILE });
  const result = await runCli(dir, ['build', '--target', 'bq'], { GOOGLE_APPLICATION_CREDENTIALS: 'keys/sa.json', METADATA_SERVER_DETECTION: 'none' });
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.ok(result.stderr.startsWith("profiles.yml: error E_BIGQUERY_AUTH: cannot sign in to BigQuery for target 'bq' with the keyfile keys/sa.json: "), result.stderr);
  assert.not.match(result.stderr, 'mapping.yml');
});

test.run();
