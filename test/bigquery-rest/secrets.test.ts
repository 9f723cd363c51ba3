import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRedactor } from '../../src/adapters/bigquery/redact-secrets.js';
import { estimateBuild } from '../../src/cost/estimate-build.js';
import { formatCostTable } from '../../src/cost/format-cost-table.js';
import { writeCostFile } from '../../src/cost/write-cost-file.js';
import { PdbError } from '../../src/errors/pdb-error.js';
import { errorReply } from '../support/fake-bigquery-server.js';
import { ACCESS_TOKEN, model, startHarness } from './harness.js';

const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7TopSecretKeyMaterial';
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`;
const KEY_ID = 'f3a1c2d4e5b60718293a4b5c6d7e8f9012345678';
const keyfile = { type: 'service_account', project_id: 'acme-analytics', private_key_id: KEY_ID, private_key: PRIVATE_KEY, client_email: 'pdb@acme-analytics.iam.gserviceaccount.com' };

function projectWithKeyfile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdb-bq-key-'));
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'sa.json'), content);
  return dir;
}

const leaks = (text: string): string[] => [ACCESS_TOKEN, KEY_BODY, KEY_ID].filter((secret) => text.includes(secret));

test('credentials never reach error messages, logs, cost.json or the cost table, even when BigQuery echoes them', async () => {
  const projectDir = projectWithKeyfile(JSON.stringify(keyfile));
  const h = await startHarness({ keyfile: 'keys/sa.json' }, { projectDir });
  try {
    h.server.addTable('acme-analytics.raw.events');
    const echo = `Access Denied: request had Authorization: Bearer ${ACCESS_TOKEN} and key ${JSON.stringify(PRIVATE_KEY)} (key id ${KEY_ID})`;
    h.server.replyOnce((r) => r.method === 'POST', errorReply(403, 'accessDenied', echo));
    h.server.failJob = () => ({ reason: 'accessDenied', message: `Access Denied: ${PRIVATE_KEY} ${ACCESS_TOKEN}` });

    const dry = await h.adapter.dryRun(model('stg', 'select * from `acme-analytics.raw.events`'), { fullRefresh: false });
    assert.equal(dry, { ok: false, error: { message: 'Access Denied: request had Authorization: [redacted] and key "[redacted]" (key id [redacted])' } });
    const run = await h.adapter.materialize(model('stg', 'select * from `acme-analytics.raw.events`'), { fullRefresh: false });
    assert.equal(run, { ok: false, error: { message: 'Access Denied: [redacted]' } });

    h.server.replyOnce((r) => r.method === 'POST', errorReply(403, 'accessDenied', echo));
    const estimate = await estimateBuild([model('stg', 'select * from `acme-analytics.raw.events`')], h.adapter, { fullRefresh: false });
    await writeCostFile(projectDir, 'target', 'prod', estimate);
    const costFile = readFileSync(join(projectDir, 'target', 'cost.json'), 'utf8');

    assert.equal(leaks(h.logs.join('\n')), []);
    assert.equal(leaks(costFile), []);
    assert.equal(leaks(formatCostTable(estimate)), []);
    assert.ok(costFile.includes('[redacted]'));
    // The token did go where it belongs: to BigQuery, in the Authorization header.
    assert.is(h.server.requests[0]!.headers['authorization'], `Bearer ${ACCESS_TOKEN}`);
  } finally {
    await h.close();
  }
});

async function openError(content: string | undefined): Promise<PdbError> {
  const projectDir = content === undefined ? mkdtempSync(join(tmpdir(), 'pdb-bq-key-')) : projectWithKeyfile(content);
  try {
    const h = await startHarness({ keyfile: 'keys/sa.json' }, { projectDir });
    await h.close();
  } catch (error) {
    assert.instance(error, PdbError);
    return error as PdbError;
  }
  throw new Error('expected the adapter to refuse the keyfile');
}

test('a keyfile that is not valid JSON is reported without quoting it', async () => {
  const error = await openError(`{"type": "service_account", "private_key": ${JSON.stringify(PRIVATE_KEY)}, oops}`);
  assert.equal([error.code, error.message, error.hint, error.location], [
    'E_KEYFILE',
    "the keyfile keys/sa.json of target 'prod' is not valid JSON.",
    'Download the key again from the Google Cloud console (IAM > Service accounts > Keys) and point `keyfile` at it.',
    { file: 'profiles.yml' },
  ]);
  assert.equal(leaks(`${error.message}${error.hint}${String(error.cause)}`), []);
});

test('a missing keyfile, and one of the wrong kind, are named with a fix', async () => {
  const missing = await openError(undefined);
  assert.is(missing.message, "the keyfile keys/sa.json of target 'prod' does not exist.");
  assert.is(missing.hint, 'Fix `keyfile` in profiles.yml (a path relative to the project), or remove it to use Application Default Credentials (gcloud auth application-default login).');
  const wrong = await openError(JSON.stringify({ type: 'external_account' }));
  assert.is(wrong.message, `the keyfile keys/sa.json of target 'prod' is not a service-account key (its "type" is "external_account").`);
  const partial = await openError(JSON.stringify({ type: 'service_account', client_email: 'a@b' }));
  assert.is(partial.message, `the keyfile keys/sa.json of target 'prod' lacks "private_key".`);
});

test('the redactor removes known secrets and token shapes, and keeps the rest', () => {
  const redact = makeRedactor([PRIVATE_KEY]);
  assert.is(redact(`key: ${KEY_BODY}!`), 'key: [redacted]!');
  assert.is(redact('{"access_token": "abc.def", "scope": "bq"}'), '{"access_token": "[redacted]", "scope": "bq"}');
  assert.is(redact('token ya29.a0AfH6SMBx-yz and Bearer abc123'), 'token [redacted] and [redacted]');
  assert.is(redact('jwt eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl end'), 'jwt [redacted] end');
  assert.is(redact('-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----'), '[redacted]');
  assert.is(redact('Not found: Table acme:pdb.x'), 'Not found: Table acme:pdb.x');
});

test.run();
