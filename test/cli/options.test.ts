import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFiles, readTree, runCli, tempProject } from '../support/temp-project.js';

const SMALL = 'test/fixtures/compile/small';
const project = async (): Promise<string> => tempProject(await fixtureFiles(SMALL));
const STG = 'models/staging/stg_events.sql';

const whereClause = async (dir: string): Promise<string | undefined> => (await readTree(dir, 'target/compiled/dev'))[STG]?.split('\n').slice(-2).join('\n');

test('--vars as JSON overrides a project var', async () => {
  const dir = await project();
  const result = await runCli(dir, ['compile', '--vars', '{"min_date": "2025-02-02"}', '-s', 'stg_events']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(await whereClause(dir), "where (make_timestamp((ts_ms) * 1000)) >= '2025-02-02'\n");
});

test('--vars as YAML overrides a project var', async () => {
  const dir = await project();
  const result = await runCli(dir, ['compile', '--vars', 'min_date: 2025-03-03', '-s', 'stg_events']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(await whereClause(dir), "where (make_timestamp((ts_ms) * 1000)) >= '2025-03-03'\n");
});

test('--vars that is not YAML: exit 2 with a hint', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['compile', '--vars', '{min_date: 2025']), {
    code: 2,
    stdout: '',
    stderr: [
      '--vars: error E_USAGE: --vars is not valid YAML or JSON: Flow map must end with a } at line 1, column 16:',
      `  hint: Quote the whole value for the shell: --vars '{"start_date": "2026-01-01"}'.`,
      '1 error.',
      '',
    ].join('\n'),
  });
});

test('--vars that is not a mapping: exit 2', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['ls', '--vars', '[1, 2]']), {
    code: 2,
    stdout: '',
    stderr: `--vars: error E_USAGE: --vars must be a mapping of names to values.\n  hint: Write --vars '{"name": "value"}'.\n1 error.\n`,
  });
});

test('an unknown command: exit 2, with a suggestion when close', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['frobnicate']), { code: 2, stdout: '', stderr: "error: unknown command 'frobnicate'\n" });
  assert.equal(await runCli(dir, ['compil']), { code: 2, stdout: '', stderr: "error: unknown command 'compil'\n(Did you mean compile?)\n" });
});

test('an unknown option: exit 2', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['compile', '--bogus']), { code: 2, stdout: '', stderr: "error: unknown option '--bogus'\n" });
});

test('--target that profiles.yml does not define: exit 2, with did-you-mean', async () => {
  const dir = await project();
  assert.equal(await runCli(dir, ['compile', '--target', 'bqq']), {
    code: 2,
    stdout: '',
    stderr: [
      "error E_TARGET_UNKNOWN: Target 'bqq' (from --target) is not defined: profiles.yml defines 'dev', 'bq'. Did you mean 'bq'?",
      "  hint: Choose one of the defined targets, or add 'bqq' under 'targets:' in profiles.yml.",
      '1 error.',
      '',
    ].join('\n'),
  });
  const far = await runCli(dir, ['ls', '-t', 'production']);
  assert.equal(far.code, 2);
  assert.ok(far.stderr.startsWith("error E_TARGET_UNKNOWN: Target 'production' (from --target) is not defined: profiles.yml defines 'dev', 'bq'.\n"), far.stderr);
  assert.equal(await readTree(dir, 'target'), {});
});

test('--version and --help exit 0', async () => {
  const dir = await project();
  const version = await runCli(dir, ['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const help = await runCli(dir, ['compile', '--help']);
  assert.equal(help.code, 0);
  assert.ok(help.stdout.startsWith('Usage: pdb compile [options]\n'), help.stdout);
});

test.run();
