import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureNode, parseCpuSeconds, parseGnuTime, parsePeakKb, parseVmHwmKb, type PeakProbe } from './measure-child.js';

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

// From the compile bench's measure-process tests (one module now).
test('parses the peak from GNU time and from the wrapper', () => {
  assert.is(parsePeakKb('gnu-time', '\tUser time (seconds): 0.03\n\tMaximum resident set size (kbytes): 40272\n'), 40272);
  assert.is(parsePeakKb('node-wrapper', 'some output\nPDB_BENCH_MAX_RSS_KB=123\n'), 123);
  assert.ok(Number.isNaN(parsePeakKb('gnu-time', 'nothing')));
  assert.ok(Number.isNaN(parsePeakKb('node-wrapper', 'nothing')));
});

test('parses CPU seconds (user plus system) from GNU time and from the wrapper', () => {
  assert.is(parseCpuSeconds('gnu-time', '\tUser time (seconds): 0.25\n\tSystem time (seconds): 0.50\n'), 0.75);
  assert.is(parseCpuSeconds('node-wrapper', 'PDB_BENCH_MAX_RSS_KB=1\nPDB_BENCH_CPU_S=1.5\n'), 1.5);
  assert.ok(Number.isNaN(parseCpuSeconds('gnu-time', '\tUser time (seconds): 0.25\n')));
  assert.ok(Number.isNaN(parseCpuSeconds('node-wrapper', 'nothing')));
});

// A script that holds about 200 MB, so both probes must report more than that.
const SCRIPT = `const keep = Buffer.alloc(200 * 1024 * 1024, 1);
process.stdout.write('held ' + keep.length + ' ' + process.argv.slice(2).join(','));
process.exitCode = 3;
`;

for (const probe of ['node-wrapper', 'gnu-time'] as const) {
  test(`${probe}: measures time, peak memory, output and exit code of a node script`, async () => {
    if (probe === 'gnu-time' && !existsSync('/usr/bin/time')) return;
    const dir = await mkdtemp(join(tmpdir(), 'pdb-bench-measure-'));
    try {
      const script = join(dir, 'hold.mjs');
      await writeFile(script, SCRIPT);
      const m = await measureNode({ script, args: ['a', 'b'], cwd: dir, probe });
      assert.is(m.stdout, 'held 209715200 a,b');
      assert.is(m.exitCode, 3);
      assert.ok(m.peakKb > 200 * 1024, `peak ${m.peakKb} kB`);
      assert.ok(m.peakKb < 1024 * 1024, `peak ${m.peakKb} kB`);
      assert.ok(m.seconds > 0 && m.seconds < 30, `${m.seconds} s`);
      assert.ok(m.cpuSeconds > 0 && m.cpuSeconds < 30, `${m.cpuSeconds} cpu s`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}


test.run();
