import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { interpolateEnv } from '../../src/project/env-var.js';

const ENV = { HOME_DIR: '/home/ana', EMPTY: '' };

test('text without braces is unchanged', () => {
  assert.equal(interpolateEnv('target/pdb.duckdb', ENV), { kind: 'ok', value: 'target/pdb.duckdb' });
});

test('env_var with and without a default, either quote, several in one string', () => {
  assert.equal(interpolateEnv("{{ env_var('HOME_DIR') }}/db", ENV), { kind: 'ok', value: '/home/ana/db' });
  assert.equal(interpolateEnv('{{env_var("HOME_DIR")}}', ENV), { kind: 'ok', value: '/home/ana' });
  assert.equal(interpolateEnv("{{ env_var('NOPE', 'fallback') }}", ENV), { kind: 'ok', value: 'fallback' });
  assert.equal(interpolateEnv("{{ env_var('NOPE', '') }}", ENV), { kind: 'ok', value: '' });
  assert.equal(interpolateEnv("a{{ env_var('HOME_DIR') }}b{{ env_var('NOPE', 'c') }}d", ENV), { kind: 'ok', value: 'a/home/anabcd' });
});

test('a set but empty variable wins over the default', () => {
  assert.equal(interpolateEnv("{{ env_var('EMPTY', 'x') }}", ENV), { kind: 'ok', value: '' });
});

test('a missing variable without default', () => {
  assert.equal(interpolateEnv("x{{ env_var('NOPE') }}", ENV), { kind: 'missing', name: 'NOPE' });
});

test('anything else between braces is malformed', () => {
  assert.equal(interpolateEnv("{{ var('x') }}", ENV), { kind: 'malformed', expression: "{{ var('x') }}" });
  assert.equal(interpolateEnv('{{ env_var(NAME) }}', ENV), { kind: 'malformed', expression: '{{ env_var(NAME) }}' });
  assert.equal(interpolateEnv("a {{ env_var('X'", ENV), { kind: 'malformed', expression: "{{ env_var('X'" });
});

test.run();
