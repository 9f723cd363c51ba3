import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { PdbError } from '../../errors/pdb-error.js';
import type { BigQueryTarget } from '../../project/types.js';

/** A keyfile's parsed content, and the strings in it that must never be shown. */
export interface Keyfile {
  readonly credentials: Readonly<Record<string, unknown>>;
  readonly secrets: readonly string[];
}

const SECRET_FIELDS = ['private_key', 'private_key_id', 'client_secret', 'refresh_token'];
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  service_account: ['client_email', 'private_key'],
  authorized_user: ['client_id', 'client_secret', 'refresh_token'],
};

/**
 * Reads the service-account (or authorized-user) keyfile a BigQuery target names. Errors never
 * quote the file: JSON.parse's message shows a slice of the text, which may be the private key.
 */
export async function readKeyfile(target: BigQueryTarget & { readonly keyfile: string }, projectDir: string): Promise<Keyfile> {
  const path = isAbsolute(target.keyfile) ? target.keyfile : join(projectDir, target.keyfile);
  const fail = (message: string, hint: string): PdbError =>
    new PdbError({ code: 'E_KEYFILE', message: `the keyfile ${target.keyfile} of target '${target.name}' ${message}`, hint, location: { file: 'profiles.yml' } });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'does not exist.' : `cannot be read (${code ?? 'unknown error'}).`, 'Fix `keyfile` in profiles.yml (a path relative to the project), or remove it to use Application Default Credentials (gcloud auth application-default login).');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail('is not valid JSON.', 'Download the key again from the Google Cloud console (IAM > Service accounts > Keys) and point `keyfile` at it.');
  }
  const record = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const type = typeof record['type'] === 'string' ? record['type'] : undefined;
  const required = type === undefined ? undefined : REQUIRED[type];
  if (required === undefined) {
    throw fail(`is not a service-account key (its "type" is ${type === undefined ? 'missing' : JSON.stringify(type.slice(0, 40))}).`, 'Use a JSON key of a service account, or remove `keyfile` to use Application Default Credentials.');
  }
  const missing = required.filter((field) => typeof record[field] !== 'string' || record[field] === '');
  if (missing.length > 0) throw fail(`lacks ${missing.map((f) => `"${f}"`).join(', ')}.`, 'Download the key again from the Google Cloud console and point `keyfile` at it.');
  const secrets = SECRET_FIELDS.map((field) => record[field]).filter((value): value is string => typeof value === 'string' && value !== '');
  return { credentials: record, secrets };
}
