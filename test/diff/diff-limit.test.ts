import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMENT_LIMIT, diffMarkdown } from '../../src/diff/diff-markdown.js';
import type { ModelChange } from '../../src/diff/compare-sides.js';
import { runCli, writeFiles } from '../support/temp-project.js';
import { gitProject } from './git-repo.js';

const MODELS = 150;
const name = (i: number): string => `m_${String(i).padStart(3, '0')}`;
/** A model of 40 output columns, each on its own line once formatted. */
const modelSql = (i: number, factor: number): string => `select ${Array.from({ length: 40 }, (_, c) => `${(i + c) * factor} as column_${c}`).join(', ')}\n`;

test('pdb diff: a huge change stays under GitHub\'s comment limit, keeps the whole model table and says which SQL diffs it left out', async () => {
  const files: Record<string, string> = { 'project.yml': 'name: big\npackages: []\n', 'profiles.yml': 'target: dev\ntargets:\n  dev:\n    type: duckdb\n    path: target/big.duckdb\n    schema: main\n' };
  for (let i = 0; i < MODELS; i += 1) files[`models/${name(i)}.sql`] = modelSql(i, 1);
  const dir = await gitProject(files);
  await writeFiles(dir, Object.fromEntries(Array.from({ length: MODELS }, (_, i) => [`models/${name(i)}.sql`, modelSql(i, 7)])));

  const result = await runCli(dir, ['diff', '--base', 'main']);
  assert.equal(result.code, 1, result.stderr);
  const out = result.stdout;
  assert.ok(out.length <= COMMENT_LIMIT, `${out.length} characters`);
  assert.ok(out.length > COMMENT_LIMIT - 5_000, `${out.length} characters: the room was not used`);
  // Every model is in the table; the diffs that did not fit are named in the closing note.
  for (let i = 0; i < MODELS; i += 1) assert.ok(out.includes(`| \`${name(i)}\` | modified (SQL) |`), name(i));
  assert.match(out, /\n- Left out to stay under GitHub's 65,536-character comment limit: the SQL diffs of these models: `m_\d{3}`, .*and \d+ more\. Run `pdb diff` locally/);
  // No code block or collapsed section is cut in the middle.
  assert.equal(out.split('```diff\n').length, out.split('\n```\n\n</details>').length);
  assert.equal(out.split('<details>').length, out.split('</details>').length);
  assert.ok(out.endsWith('\n'));
});

test('diffMarkdown: with thousands of models even the table is cut, row by row, and the note counts the rows left out', () => {
  const models: ModelChange[] = Array.from({ length: 5_000 }, (_, i) => ({ name: `model_${i}`, kind: 'added', path: `models/model_${i}.sql`, parts: [], columnsAdded: [], columnsRemoved: [], downstream: [] }));
  const text = diffMarkdown({ diff: { baseLabel: 'main', headLabel: 'working tree', columnsFrom: 'yaml', models, downstream: [], tests: [], checks: [], notes: [] } });
  assert.ok(text.length <= COMMENT_LIMIT, `${text.length}`);
  assert.ok(text.includes('| `model_0` | added |'));
  assert.not.ok(text.includes('| `model_4999` | added |'));
  const shown = text.split('\n').filter((l) => l.startsWith('| `model_')).length;
  assert.match(text, new RegExp(`Left out to stay under GitHub's 65,536-character comment limit: ${5_000 - shown} rows of the model table; the SQL diffs of these models: `));
  // A tiny limit still gives a well-formed, limited text.
  const small = diffMarkdown({ diff: { baseLabel: 'main', headLabel: 'working tree', columnsFrom: 'yaml', models, downstream: [], tests: [], checks: [], notes: [] } }, 3_000);
  assert.ok(small.length <= 3_000, `${small.length}`);
});

test.run();
