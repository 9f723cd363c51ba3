import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { PdbError } from '../../errors/pdb-error.js';
import type { BigQueryTarget, KeyfileOrigin } from '../../project/types.js';

/** A keyfile's parsed content, and the strings in it that must never be shown. */
export interface Keyfile {
  readonly credentials: Readonly<Record<string, unknown>>;
  readonly secrets: readonly string[];
}

/** The variable Google's libraries read Application Default Credentials from, when it is set. */
export const CREDENTIALS_VARIABLE = 'GOOGLE_APPLICATION_CREDENTIALS';

const SECRET_FIELDS = ['private_key', 'private_key_id', 'client_secret', 'refresh_token'];
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  service_account: ['client_email', 'private_key'],
  authorized_user: ['client_id', 'client_secret', 'refresh_token'],
};

/** "the keyfile keys/sa.json (from GOOGLE_APPLICATION_CREDENTIALS)": the key as the user set it. */
export function keyfileLabel(keyfile: string, origin: KeyfileOrigin | undefined): string {
  return `the keyfile ${keyfile}${origin?.variable === undefined ? '' : ` (from the environment variable ${origin.variable})`}`;
}

/**
 * Reads the service-account (or authorized-user) keyfile a BigQuery target names. Errors never
 * quote the file: JSON.parse's message shows a slice of the text, which may be the private key.
 * They point at `keyfile` in profiles.yml (its line when `origin` is known) and name the
 * environment variable the path came from.
 */
export async function readKeyfile(target: BigQueryTarget & { readonly keyfile: string }, projectDir: string, origin?: KeyfileOrigin): Promise<Keyfile> {
  const path = isAbsolute(target.keyfile) ? target.keyfile : join(projectDir, target.keyfile);
  const fail = (message: string, hint: string): PdbError =>
    new PdbError({ code: 'E_KEYFILE', message: `${keyfileLabel(target.keyfile, origin)} of target '${target.name}' ${message}`, hint, location: origin?.location ?? { file: 'profiles.yml' } });
  const fixPath = origin?.variable === undefined ? 'Fix `keyfile` in profiles.yml' : `Set ${origin.variable} to the key's path`;
  const text = await readText(path, (reason) =>
    fail(reason, `${fixPath} (a path relative to the project), or remove it to use Application Default Credentials (gcloud auth application-default login).`),
  );
  const parsed = parseJson(text, () => fail('is not valid JSON.', 'Download the key again from the Google Cloud console (IAM > Service accounts > Keys) and point `keyfile` at it.'));
  const record = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const type = typeof record['type'] === 'string' ? record['type'] : undefined;
  const required = type === undefined ? undefined : REQUIRED[type];
  if (required === undefined) {
    throw fail(`is not a service-account key (its "type" is ${type === undefined ? 'missing' : JSON.stringify(type.slice(0, 40))}).`, 'Use a JSON key of a service account, or remove `keyfile` to use Application Default Credentials.');
  }
  const missing = required.filter((field) => typeof record[field] !== 'string' || record[field] === '');
  if (missing.length > 0) throw fail(`lacks ${missing.map((f) => `"${f}"`).join(', ')}.`, 'Download the key again from the Google Cloud console and point `keyfile` at it.');
  return { credentials: record, secrets: secretsOf(record) };
}

/**
 * Without a keyfile in the profile, Google's library signs in with the file GOOGLE_APPLICATION_CREDENTIALS
 * names, if it is set. A file that is missing or not JSON is blamed on that variable here, before
 * the library reports it as a failure of "Application Default Credentials". Returns the file's
 * path (relative paths resolve against the working directory, as the library does) and its secrets.
 */
export async function checkCredentialsVariable(env: Readonly<Record<string, string | undefined>>): Promise<{ readonly path: string; readonly secrets: readonly string[] } | undefined> {
  const value = env[CREDENTIALS_VARIABLE];
  if (value === undefined || value === '') return undefined;
  const fail = (message: string, hint: string): PdbError =>
    new PdbError({ code: 'E_KEYFILE', message: `the file ${value} that the environment variable ${CREDENTIALS_VARIABLE} names ${message}`, hint, location: { file: CREDENTIALS_VARIABLE } });
  const text = await readText(resolve(value), (reason) =>
    fail(reason, `Set ${CREDENTIALS_VARIABLE} to the path of a credentials file, unset it to use gcloud's (gcloud auth application-default login), or set \`keyfile\` of the target in profiles.yml.`),
  );
  const parsed = parseJson(text, () => fail('is not valid JSON.', `Point ${CREDENTIALS_VARIABLE} at a JSON key downloaded from the Google Cloud console (IAM > Service accounts > Keys), or unset it.`));
  return { path: value, secrets: parsed !== null && typeof parsed === 'object' ? secretsOf(parsed as Record<string, unknown>) : [] };
}

async function readText(path: string, fail: (reason: string) => PdbError): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'does not exist.' : `cannot be read (${code ?? 'unknown error'}).`);
  }
}

function parseJson(text: string, fail: () => PdbError): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw fail();
  }
}

const secretsOf = (record: Readonly<Record<string, unknown>>): string[] =>
  SECRET_FIELDS.map((field) => record[field]).filter((value): value is string => typeof value === 'string' && value !== '');
