/**
 * What `pdb build` prints while it runs and at the end: the status line on a terminal (a fake
 * TTY of fixed width), Ctrl-C at early and late moments, the failures repeated at the end, and
 * the command's real wall time.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliIo } from '../../src/cli/io.js';
import { writeParquet, defectiveEvents, projectWithDefects } from '../data-quality/source-with-defects.js';
import { duckdbProject } from '../support/duckdb-project.js';
import { repoRoot, runCli, type CliResult } from '../support/temp-project.js';

/** A terminal of `columns` characters: interprets \r, \n, "erase line" and wrapping; colors are zero-width. */
class FakeTerminal {
  readonly lines: string[] = [''];
  private column = 0;
  constructor(readonly columns: number) {}

  write(text: string): void {
    // eslint-disable-next-line no-control-regex
    for (const token of text.replace(/\u001b\[[0-9;]*m/g, '').split(/(\u001b\[2K|\r|\n)/)) {
      if (token === '\r') this.column = 0;
      else if (token === '\n') this.newLine();
      else if (token === '\u001b[2K') this.lines[this.lines.length - 1] = '';
      else {
        for (const char of token) {
          if (this.column === this.columns) this.newLine();
          const line = this.lines[this.lines.length - 1]!;
          this.lines[this.lines.length - 1] = line.slice(0, this.column).padEnd(this.column) + char + line.slice(this.column + 1);
          this.column += 1;
        }
      }
    }
  }

  private newLine(): void {
    this.lines.push('');
    this.column = 0;
  }
}

/** Runs pdb in-process on a terminal of `columns` characters; stderr goes to the same terminal, as it does in a shell. */
async function runOnTerminal(dir: string, argv: readonly string[], columns: number, onStdout?: (text: string) => void): Promise<{ code: number; terminal: FakeTerminal; raw: string }> {
  const terminal = new FakeTerminal(columns);
  let raw = '';
  const io: CliIo = {
    stdout: (text) => {
      raw += text;
      terminal.write(text);
      onStdout?.(text);
    },
    stderr: (text) => terminal.write(text),
    cwd: dir,
    env: {},
    interactive: true,
    columns,
  };
  const { main } = await import('../../src/cli/main.js');
  return { code: await main(argv, io), terminal, raw };
}

const slowish = (name: string): string => `{{ config(materialized='table') }}\nselect count(*) as n from range(3000000) -- ${name}\n`;
const LONG_NAMES = {
  'models/a_model_with_a_rather_long_name_one.sql': slowish('1'),
  'models/a_model_with_a_rather_long_name_two.sql': slowish('2'),
  'models/a_model_with_a_rather_long_name_three.sql': slowish('3'),
  'models/a_model_with_a_rather_long_name_four.sql': slowish('4'),
};

test('on a terminal the status line is erased before each redraw and cut to its width: no stale "running:" line remains', async () => {
  const dir = await duckdbProject(LONG_NAMES);
  const { code, terminal, raw } = await runOnTerminal(dir, ['run', '--threads', '4'], 40);
  assert.is(code, 0);
  assert.ok(raw.includes('running: '), 'the status line was drawn');
  const stale = terminal.lines.filter((line) => line.includes('running:') || line.includes('rather_long_name_') && !/OK +model/.test(line));
  assert.equal(stale, [], terminal.lines.join('\n'));
  // Every status line drawn fits the width (the width minus one: a full line wraps on some terminals).
  // eslint-disable-next-line no-control-regex
  for (const drawn of raw.replace(/\u001b\[[0-9;]*m/g, '').split('\r\u001b[2K')) {
    const status = drawn.split('\n').at(-1)!;
    assert.ok(status.length <= 39, `status line of ${status.length} characters: ${status}`);
  }
});

test('lines printed while steps run (the data-quality summary, the Ctrl-C notice) erase the status line first: no stale "running:" line', async () => {
  const dir = await projectWithDefects();
  await writeParquet(join(dir, 'events.parquet'), defectiveEvents().slice(0, 20));
  const { code, terminal, raw } = await runOnTerminal(dir, ['build', '--threads', '4', '--vars', '{"events_path": "events.parquet"}'], 60);
  assert.is(code, 0, terminal.lines.join('\n'));
  assert.ok(raw.includes('running: '), 'the status line was drawn');
  assert.ok(terminal.lines.some((line) => line.startsWith('Data quality of the source (20 rows)')), terminal.lines.join('\n'));
  assert.equal(terminal.lines.filter((line) => line.includes('running:')), [], terminal.lines.join('\n'));
  // The checks have no result line of their own to take them off the status line, so they are never put on it.
  // eslint-disable-next-line no-control-regex
  const statuses = raw.replace(/\u001b\[[0-9;]*m/g, '').split('\r\u001b[2K').map((drawn) => drawn.split('\n').at(-1)!);
  assert.equal(statuses.filter((status) => status.includes('data_quality')), [], JSON.stringify(statuses.filter((status) => status.includes('data_quality'))));
});

test('Ctrl-C while the status line is shown: the notice starts on a clean line, no stale "running:" line remains', async () => {
  const slow = (name: string): string => `{{ config(materialized='table') }}\nselect sum(a.range * b.range) as n from range(30000) a, range(30000) b -- ${name}\n`;
  const dir = await duckdbProject({ 'models/a_slow_model_with_a_long_name_one.sql': slow('1'), 'models/a_slow_model_with_a_long_name_two.sql': slow('2') });
  // Pressed once the status line is up (in-process: the CLI's SIGINT listener).
  let pressed = false;
  const { code, terminal } = await runOnTerminal(dir, ['run', '--threads', '4', '--no-cache'], 40, (text) => {
    if (!pressed && text.includes('running: ')) {
      pressed = true;
      setImmediate(() => process.emit('SIGINT'));
    }
  });
  assert.is(code, 130, terminal.lines.join('\n'));
  assert.ok(terminal.lines.some((line) => line.startsWith('Interrupted: ')), terminal.lines.join('\n'));
  assert.equal(terminal.lines.filter((line) => line.includes('running:')), [], terminal.lines.join('\n'));
});

const PLUGIN = (body: string): string => `
import type { PdbPlugin } from 'pdb/plugin';
const plugin: PdbPlugin<unknown> = {
  name: 'probe',
  async afterRun() {
    ${body}
  },
};
export default plugin;
`;

const SMALL = {
  'models/one.sql': "{{ config(materialized='table') }}\nselect 1 as x\n",
  'models/two.sql': "{{ config(materialized='table') }}\nselect x from {{ ref('one') }}\n",
  'models/three.sql': "{{ config(materialized='table') }}\nselect sum(a.range * b.range) as n from range(12000) a, range(12000) b, {{ ref('two') }}\n",
};

test('Ctrl-C during the post-run hooks still makes a cancelled run: exit 130, not 0', async () => {
  const dir = await duckdbProject({
    ...SMALL,
    'project.yml': 'name: t\nplugins:\n  - path: plugins/probe.ts\n',
    'plugins/probe.ts': PLUGIN("process.emit('SIGINT');"),
  });
  const result = await runCli(dir, ['run']);
  assert.is(result.code, 130, result.stdout + result.stderr);
  assert.match(result.stdout, /, cancelled\.\n$/);
});

/** Runs `pdb run` and presses Ctrl-C `ms` milliseconds after the command started (in-process: the CLI's SIGINT listener). */
async function interruptedAfter(dir: string, ms: number): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t, undefined), stderr: (t) => (stderr += t, undefined), cwd: dir, env: {}, interactive: false };
  const timer = setTimeout(() => process.emit('SIGINT'), ms);
  try {
    return { code: await main(['run', '--threads', '1', '--no-cache'], io), stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

test('Ctrl-C at early moments of a build (loading, compiling, the first step) is never ignored', async () => {
  const dir = await duckdbProject(SMALL);
  for (const ms of [0, 1, 5, 20, 50, 150]) {
    const result = await interruptedAfter(dir, ms);
    assert.is(result.code, 130, `Ctrl-C after ${ms} ms: exit ${result.code}\n${result.stdout}${result.stderr}`);
    assert.match(result.stderr, 'Interrupted: stopping the running queries');
    // One summary line for the steps that never started, not a CANCEL line each.
    assert.ok(result.stdout.split('\n').filter((line) => line.includes('CANCEL')).length <= 1, result.stdout);
    assert.match(result.stdout, /, cancelled\.\n$/);
  }
  assert.is(process.listenerCount('SIGINT'), 0);
});

test('"Done in" is the wall time of the whole command, the hooks included', async () => {
  const dir = await duckdbProject({
    'models/one.sql': "{{ config(materialized='table') }}\nselect 1 as x\n",
    'project.yml': 'name: t\nplugins:\n  - path: plugins/probe.ts\n',
    'plugins/probe.ts': PLUGIN('await new Promise((resolve) => setTimeout(resolve, 700));'),
  });
  const started = performance.now();
  const result = await runCli(dir, ['run']);
  const wall = (performance.now() - started) / 1000;
  assert.is(result.code, 0, result.stdout + result.stderr);
  const reported = Number(/Done in (\d+\.\d\d) s/.exec(result.stdout)?.[1]);
  assert.ok(reported >= 0.7 && reported <= wall + 0.01, `reported ${reported} s, the command took ${wall.toFixed(2)} s`);
});

test('"Done in" counts from the start of the process: a slow start (a loaded machine) is included', async () => {
  const dir = await duckdbProject({ 'models/one.sql': "{{ config(materialized='table') }}\nselect 1 as x\n" });
  // Holds the process for 1.5 s before pdb's own code loads, as a busy machine can.
  const slowStart = 'data:text/javascript,const t=Date.now();while(Date.now()-t<1500){}';
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', slowStart, join(repoRoot(), 'bin', 'pdb.js'), 'run', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let shownAfter = Infinity;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (shownAfter === Infinity && output.includes('Done in')) shownAfter = (performance.now() - started) / 1000;
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.is(code, 0, output);
  const reported = Number(/Done in (\d+\.\d\d) s/.exec(output)?.[1]);
  // What the line says is the time from the process's start to the line: all of it but the
  // moment the operating system took to start node (a share, not seconds, on a loaded machine).
  assert.ok(reported >= 1.5 && reported >= 0.8 * shownAfter && reported <= shownAfter + 0.01, `reported ${reported} s, the line came ${shownAfter.toFixed(2)} s after the process was started\n${output}`);
});

test.run();
