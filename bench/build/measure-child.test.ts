import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureNode, parseGnuTime, parseVmHwmKb, type PeakProbe } from './measure-child.js';

// Touches 200 MB and holds it long enough for the /proc poller to see it.
const HOG = `const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => { process.stdout.write('ok ' + b[123] + '\\n'); process.exitCode = 3; }, 300);\n`;

test('parses the report of /usr/bin/time -v', () => {
  const stderr = 'some output\n\tUser time (seconds): 5.27\n\tSystem time (seconds): 0.32\n\tMaximum resident set size (kbytes): 316944\n';
  const report = parseGnuTime(stderr);
  assert.is(report.peakKb, 316944);
  assert.is(Math.round(report.cpuSeconds * 100), 559);
  const none = parseGnuTime('no report');
  assert.ok(Number.isNaN(none.peakKb) && Number.isNaN(none.cpuSeconds));
});

test('parses VmHWM from /proc/<pid>/status, and nothing once the memory is gone', () => {
  assert.is(parseVmHwmKb('Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 100 kB\n'), 204800);
  assert.is(parseVmHwmKb('Name:\tnode\nState:\tZ (zombie)\n'), undefined);
});

const probes: PeakProbe[] = existsSync('/usr/bin/time') ? ['gnu-time', 'proc-status'] : ['proc-status'];
for (const probe of probes) {
  test(`${probe}: sees a child's 200 MB, its output and its exit code`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pdb-measure-'));
    try {
      await writeFile(join(dir, 'hog.mjs'), HOG);
      const m = await measureNode({ script: join(dir, 'hog.mjs'), args: [], cwd: dir, probe });
      assert.is(m.exitCode, 3);
      assert.is(m.stdout, 'ok 1\n');
      assert.ok(m.peakKb >= 200 * 1024 && m.peakKb < 1024 * 1024, `peak ${m.peakKb} kB`);
      assert.ok(m.seconds >= 0.3, `wall ${m.seconds} s`);
      assert.is(Number.isNaN(m.cpuSeconds), probe === 'proc-status');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test.run();
