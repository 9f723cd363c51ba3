/**
 * Sample generator benchmark: `pdb sample --events N` into a temporary folder, timed as a child
 * process (Node startup included) with wall time, CPU time and peak memory; the folder is removed
 * afterwards. Usage: node dist/bench/sample/run.js [sizes...] [--repeat N] (default 1M 10M, 1 run).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize, type BenchSize } from '../build/run-args.js';
import { measureNode, type Measurement } from '../measure-child.js';

const PDB = fileURLToPath(new URL('../../../bin/pdb.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

interface Row {
  readonly size: BenchSize;
  readonly best: Measurement;
  readonly summary: string;
  readonly load: string;
}

async function measure(size: BenchSize): Promise<{ m: Measurement; load: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pdb-sample-bench-'));
  const before = loadavg()[0]!;
  try {
    const m = await measureNode({ script: PDB, args: ['sample', '--events', String(size.events), '--out', dir], cwd: REPO });
    if (m.exitCode !== 0) throw new Error(`pdb sample --events ${size.events} failed (exit ${m.exitCode}):\n${m.stdout}${m.stderr}`);
    return { m, load: `${before.toFixed(1)}-${loadavg()[0]!.toFixed(1)}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { repeat: { type: 'string', default: '1' } } });
  const sizes = (positionals.length > 0 ? positionals : ['1M', '10M']).map(parseSize);
  const repeat = Number(values.repeat);
  const rows: Row[] = [];
  for (const size of sizes) {
    let best: { m: Measurement; load: string } | undefined;
    for (let r = 0; r < repeat; r++) {
      const run = await measure(size);
      process.stderr.write(`${size.label} run ${r + 1}: ${run.m.seconds.toFixed(1)} s wall, ${run.m.cpuSeconds.toFixed(1)} s CPU, ${Math.round(run.m.peakKb / 1024)} MB, load ${run.load}\n`);
      if (best === undefined || run.m.seconds < best.m.seconds) best = run;
    }
    rows.push({ size, best: best!.m, summary: best!.m.stdout.trim(), load: best!.load });
  }
  const lines = [
    '| events | wall s | CPU s (user+sys) | peak MB | load avg (1 min, before-after) | goal: 10M < 60 s |',
    '| --: | --: | --: | --: | --: | --- |',
    ...rows.map((r) => `| ${r.size.label} (${/Wrote ([\d,]+) events/.exec(r.summary)?.[1] ?? '?'}) | ${r.best.seconds.toFixed(1)} | ${r.best.cpuSeconds.toFixed(1)} | ${Math.round(r.best.peakKb / 1024)} | ${r.load} | ${r.size.events >= 1e7 ? (r.best.seconds < 60 ? 'met' : 'not met') : ''} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
