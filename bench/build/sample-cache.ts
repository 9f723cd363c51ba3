/**
 * The benchmark's input: `pdb sample --events N` written once per size to
 * data/generated/bench-<size>/ (ignored by git) and reused by later runs. A marker file written
 * after the sample command succeeds tells a complete folder from one a killed run left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchSize } from './run-args.js';

export const MARKER = 'bench-sample.json';

export interface SampleDir {
  readonly dir: string;
  /** The glob `pdb build` and the floor read: absolute, so it works from any project folder. */
  readonly glob: string;
  readonly reused: boolean;
}

export const sampleDirOf = (repoRoot: string, size: BenchSize): string => join(repoRoot, 'data', 'generated', `bench-${size.label}`);

export async function isCompleteSample(dir: string, size: BenchSize): Promise<boolean> {
  if (!existsSync(join(dir, MARKER))) return false;
  try {
    const marker = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as { events?: unknown };
    return marker.events === size.events;
  } catch {
    return false;
  }
}

/** Generates the sample with the project's CLI unless a complete one is already there. */
export async function ensureSample(repoRoot: string, pdbBin: string, size: BenchSize, log: (line: string) => void): Promise<SampleDir> {
  const dir = sampleDirOf(repoRoot, size);
  const glob = join(dir, 'events_*.parquet');
  if (await isCompleteSample(dir, size)) return { dir, glob, reused: true };
  await rm(join(dir, MARKER), { force: true });
  log(`${size.label}: generating the sample into ${dir} (minutes at 10M)...`);
  const { code, output } = await runNode(pdbBin, ['sample', '--events', String(size.events), '--out', dir], repoRoot);
  if (code !== 0) throw new Error(`pdb sample --events ${size.events} failed (exit ${code}):\n${output}`);
  log(`${size.label}: ${output.trim()}`);
  await writeFile(join(dir, MARKER), `${JSON.stringify({ events: size.events, sample: output.trim() })}\n`);
  return { dir, glob, reused: false };
}

function runNode(script: string, args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
