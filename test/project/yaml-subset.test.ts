/**
 * The fast reader of common YAML (src/project/yaml-subset.ts) gives exactly what the `yaml`
 * package gives, value and every location, or leaves the file to it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { folderYaml } from '../../bench/compile/generate-project.js';
import { locate, parseYamlDocument, parseYamlFile, type YamlFile, type YamlPath } from '../../src/project/yaml-file.js';
import { parseYamlSubset } from '../../src/project/yaml-subset.js';
import { repoRoot } from '../support/temp-project.js';

/** Every path into a value: each key and index, depth first. */
function pathsOf(value: unknown, at: YamlPath = []): YamlPath[] {
  const here: YamlPath[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => here.push(...pathsOf(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) here.push(...pathsOf(v, [...at, k]));
  return here;
}

/** The subset reader took the file and agrees with the `yaml` package on its value and on every location. */
function assertSame(text: string, name: string): void {
  const fast = parseYamlFile(name, text).file;
  assert.ok('subset' in fast.nodes, `${name} is read by the subset reader`);
  const slow = parseYamlDocument(name, text);
  assert.equal(slow.errors, [], name);
  assert.equal(fast.value, slow.file.value, name);
  const paths = [...pathsOf(slow.file.value), ['missing'], ['models', 99, 'nope'], [0, 'x']];
  for (const path of paths) {
    for (const at of ['value', 'key'] as const) {
      assert.equal(locate(fast, path, at), locate(slow.file, path, at), `${name} ${JSON.stringify(path)} ${at}`);
    }
  }
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'data' || entry.startsWith('.')) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

test("the bench's models.yml and the repository's own YAML files read the same", () => {
  assertSame(folderYaml(0, 100), 'bench models.yml');
  const files = yamlFilesUnder(repoRoot());
  assert.ok(files.length >= 20, `${files.length} YAML files`);
  let read = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (parseYamlSubset(text) === undefined) continue;
    assertSame(text, file);
    read++;
  }
  // Most real files are in the subset, else the fast path would not help real projects.
  assert.ok(read >= files.length * 0.75, `${read} of ${files.length} read by the subset reader`);
});

const WITHIN = [
  '',
  '# only a comment\n\n',
  'a: 1\nb: -2\nc: +3\nd: 0o17\ne: 0x1F\nf: 1.5\ng: .5\nh: 1e3\ni: -1.5E-2\nj: .inf\nk: -.Inf\nl: .nan\nm: 1.50\n',
  'a: true\nb: False\nc: TRUE\nd: null\ne: ~\nf: Null\ng: yes\nh: no\ni: on\nj: 2024-01-01\nk: 1_000\nl: 12:30\nm: v1.2\n',
  "a: 'it''s # not a comment'\nb: \"double: quoted\"\nc: plain with spaces # a comment\nd: a#b\ne: 'x'   # c\nf: '' \ng: \"\"\n",
  'models:\n  - name: m\n    description: text, with [brackets] and {braces}\n    columns:\n      - name: c\n        tests: [not_null, unique]\n      - name: d\n        tests:\n          - accepted_values: { values: [a, b, "c d"], severity: warn }\n          - relationships: {to: x, field: y}\n',
  'sources:\n- name: app\n  tables:\n  - name: events\n    duckdb: { path: "data/*.parquet", format: parquet }\n    columns: []\n  - name: other\n    bigquery: {}\n',
  'top:\n    deep:\n          deeper: x\n    back: y\nlast:\n- 1\n- 2\n',
  'list:\n  -\n    a: 1\n  - # comment\n    b: 2\n  - [1, [2, 3], {x: [4]}]\n',
  'vars:\n  start_date: \'2024-01-01\'\n  countries: [DE, FR]\n  n: 7\n+materialized: table\nkey with spaces: v\npath/like.key: v\n',
  '  indented: root\n  second: 2\n',
  'a: -x\nb: ?y\nc: :z\ne: x:y\nf: -1\n',
];

test('values and locations of YAML within the subset match the yaml package', () => {
  for (const [i, text] of WITHIN.entries()) assertSame(text, `case ${i}`);
});

const OUTSIDE = [
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: |\n  block\n',
  'a: >-\n  folded\n',
  'a: plain\n  continued\n',
  "a: 'quoted\n  across lines'\n",
  'a: "esc\\taped"\n',
  'a:\nb: 1\n',
  'a: 1\na: 2\n',
  'a:\tb\n',
  '---\na: 1\n---\nb: 2\n',
  '%YAML 1.2\n---\na: 1\n',
  '"quoted key": 1\n',
  '1: one\n',
  'true: yes\n',
  '? complex\n: key\n',
  'a: [1, 2\n  , 3]\n',
  'a: {b: 1\n  }\n',
  'a: b: c\n',
  '- a\nb: 1\n',
  'a: 1\n  b: 2\n',
  'a: [1, 2, ]\n',
  'just a scalar\n',
  'a: 1\r\nb: 2\r\n',
  'a: -\n',
  '- - 1\n',
  '__proto__: 1\n',
];

test('anything else is left to the yaml package, which reads it or reports its errors', () => {
  for (const text of OUTSIDE) {
    assert.is(parseYamlSubset(text), undefined, JSON.stringify(text));
    const parsed = parseYamlFile('x.yml', text);
    assert.ok('doc' in parsed.file.nodes, JSON.stringify(text));
  }
  // The yaml package still reports errors with their location.
  assert.equal(
    parseYamlFile('x.yml', 'a: 1\na: 2\n').errors.map((e) => ({ code: e.code, location: e.location })),
    [{ code: 'E_YAML_SYNTAX', location: { file: 'x.yml', line: 2, column: 1 } }],
  );
});

test.run();
