/**
 * Runs one child process and measures its wall time and peak memory: through `/usr/bin/time -v`
 * when present (it sees the whole process, startup included), else through max-rss-wrapper.js.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CPU_MARKER, MAX_RSS_MARKER } from './max-rss-wrapper.js';

const GNU_TIME = '/usr/bin/time';
const WRAPPER = fileURLToPath(new URL('./max-rss-wrapper.js', import.meta.url));

export type RssProbe = 'gnu-time' | 'node-wrapper';

export interface Measurement {
  readonly seconds: number;
  /** Peak resident set size in kilobytes. */
  readonly peakKb: number;
  /** User plus system CPU time: less sensitive than wall time to other work on the machine. */
  readonly cpuSeconds: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const defaultProbe = (): RssProbe => (existsSync(GNU_TIME) ? 'gnu-time' : 'node-wrapper');

/** Runs `node [nodeFlags] script args` from `cwd`. */
export async function measureNode(options: {
  readonly script: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly nodeFlags?: readonly string[];
  readonly probe?: RssProbe;
}): Promise<Measurement> {
  const probe = options.probe ?? defaultProbe();
  const flags = options.nodeFlags ?? [];
  const [command, argv] =
    probe === 'gnu-time'
      ? [GNU_TIME, ['-v', process.execPath, ...flags, options.script, ...options.args]]
      : [process.execPath, [...flags, WRAPPER, options.script, ...options.args]];

  const started = performance.now();
  const { exitCode, stdout, stderr } = await run(command, argv, options.cwd);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, peakKb: parsePeakKb(probe, stderr), cpuSeconds: parseCpuSeconds(probe, stderr), exitCode, stdout, stderr };
}

/** Peak RSS in kilobytes from the probe's report on stderr; NaN when it is missing. */
export function parsePeakKb(probe: RssProbe, stderr: string): number {
  switch (probe) {
    case 'gnu-time': {
      const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      return match?.[1] === undefined ? Number.NaN : Number(match[1]);
    }
    case 'node-wrapper': {
      const index = stderr.lastIndexOf(MAX_RSS_MARKER);
      return index < 0 ? Number.NaN : Number.parseInt(stderr.slice(index + MAX_RSS_MARKER.length), 10);
    }
  }
}

/** User plus system CPU seconds from the probe's report on stderr; NaN when it is missing. */
export function parseCpuSeconds(probe: RssProbe, stderr: string): number {
  switch (probe) {
    case 'gnu-time': {
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
      const system = /System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
      return user === undefined || system === undefined ? Number.NaN : Number(user) + Number(system);
    }
    case 'node-wrapper': {
      const index = stderr.lastIndexOf(CPU_MARKER);
      return index < 0 ? Number.NaN : Number.parseFloat(stderr.slice(index + CPU_MARKER.length));
    }
  }
}

function run(command: string, argv: readonly string[], cwd: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolvePromise({
        exitCode: code ?? (signal === null ? 1 : 128),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
