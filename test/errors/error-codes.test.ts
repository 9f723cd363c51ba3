/** The list of error codes is the whole truth: every code is raised somewhere, and codes given as data are in it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERROR_CODES, isErrorCode } from '../../src/errors/error-codes.js';
import { repoRoot } from '../support/temp-project.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !path.endsWith(join('errors', 'error-codes.ts')) ? [path] : [];
  });
}

const sources = ['src', join('core', 'plugins')].flatMap((dir) => sourceFiles(join(repoRoot(), dir))).map((path) => readFileSync(path, 'utf8'));

test('each code is listed once', () => {
  assert.is(new Set(ERROR_CODES).size, ERROR_CODES.length);
  for (const code of ERROR_CODES) assert.match(code, /^E_[A-Z0-9_]+$/);
});

test('every listed code is raised by some source file', () => {
  const unused = ERROR_CODES.filter((code) => !sources.some((text) => text.includes(`'${code}'`)));
  assert.equal(unused, [], 'codes no source raises: remove them from ERROR_CODES');
});

test('every code a source names is listed', () => {
  const named = new Set(sources.flatMap((text) => [...text.matchAll(/'(E_[A-Z0-9_]+)'/g)].map((m) => m[1] as string)));
  assert.equal([...named].filter((code) => !isErrorCode(code)).sort(), []);
});

test('isErrorCode narrows only known codes', () => {
  assert.ok(isErrorCode('E_CYCLE'));
  assert.not.ok(isErrorCode('E_NO_SUCH_THING'));
  assert.not.ok(isErrorCode(42));
});

test.run();
