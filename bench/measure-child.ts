/**
 * Runs one Node child process and measures its wall time, peak resident memory and CPU time, for
 * both benchmarks (compile and build). Probes:
 * - 'gnu-time': `/usr/bin/time -v` (sees the whole process, startup and native memory included);
 * - 'node-wrapper': max-rss-wrapper.js runs the script in its process and reports
 *   `process.resourceUsage()` (peak RSS and CPU) when it exits;
 * - 'proc-status': polls VmHWM, the kernel's high-water mark, in /proc/<pid>/status (no CPU time).
 * The default is 'gnu-time' where it exists, else 'node-wrapper'.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CPU_MARKER, MAX_RSS_MARKER } from './max-rss-wrapper.js';

const GNU_TIME = '/usr/bin/time';
const WRAPPER = fileURLToPath(new URL('./max-rss-wrapper.js', import.meta.url));
/** VmHWM only grows, so the last read before exit is the peak, short of this much time. */
const POLL_MS = 20;

export type PeakProbe = 'gnu-time' | 'node-wrapper' | 'proc-status';

export interface Measurement {
  readonly seconds: number;
  /** Peak resident set size in kilobytes (1 kB = 1,024 bytes); NaN when the probe saw nothing. */
  readonly peakKb: number;
  /** User plus system CPU seconds (NaN with proc-status): less sensitive than wall time to other load. */
  readonly cpuSeconds: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const defaultProbe = (): PeakProbe => (existsSync(GNU_TIME) ? 'gnu-time' : 'node-wrapper');

export interface MeasureOptions {
  readonly script: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Flags for node itself, before the script (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  readonly probe?: PeakProbe;
}

/** Runs `node [nodeFlags] script args` from `cwd`. */
export async function measureNode(options: MeasureOptions): Promise<Measurement> {
  const probe = options.probe ?? defaultProbe();
  const flags = options.nodeFlags ?? [];
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  switch (probe) {
    case 'gnu-time': {
      const out = await runChild(GNU_TIME, ['-v', process.execPath, ...flags, options.script, ...options.args], options.cwd, () => undefined);
      const seconds = elapsed();
      const report = parseGnuTime(out.stderr);
      return { seconds, peakKb: report.peakKb, cpuSeconds: report.cpuSeconds, ...out };
    }
    case 'node-wrapper': {
      const out = await runChild(process.execPath, [...flags, WRAPPER, options.script, ...options.args], options.cwd, () => undefined);
      const seconds = elapsed();
      return { seconds, peakKb: parsePeakKb('node-wrapper', out.stderr), cpuSeconds: parseCpuSeconds('node-wrapper', out.stderr), ...out };
    }
    case 'proc-status': {
      let peakKb = Number.NaN;
      const out = await runChild(process.execPath, [...flags, options.script, ...options.args], options.cwd, (pid) => {
        const timer = setInterval(() => {
          void readFile(`/proc/${pid}/status`, 'utf8').then(
            (text) => {
              const kb = parseVmHwmKb(text);
              if (kb !== undefined && !(kb <= peakKb)) peakKb = kb;
            },
            () => undefined,
          );
        }, POLL_MS);
        return () => clearInterval(timer);
      });
      return { seconds: elapsed(), peakKb, cpuSeconds: Number.NaN, ...out };
    }
  }
}

/** Peak RSS (kB) and user + system CPU seconds from the report `/usr/bin/time -v` appends to stderr. */
export function parseGnuTime(stderr: string): { peakKb: number; cpuSeconds: number } {
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
  return {
    peakKb: peak === undefined ? Number.NaN : Number(peak),
    cpuSeconds: user === undefined || system === undefined ? Number.NaN : Number(user) + Number(system),
  };
}

/** Peak RSS in kilobytes from a probe's report on stderr; NaN when it is missing (and always for proc-status, which polls). */
export function parsePeakKb(probe: PeakProbe, stderr: string): number {
  switch (probe) {
    case 'gnu-time':
      return parseGnuTime(stderr).peakKb;
    case 'node-wrapper': {
      const index = stderr.lastIndexOf(MAX_RSS_MARKER);
      return index < 0 ? Number.NaN : Number.parseInt(stderr.slice(index + MAX_RSS_MARKER.length), 10);
    }
    case 'proc-status':
      return Number.NaN;
  }
}

/** User plus system CPU seconds from a probe's report on stderr; NaN when it is missing. */
export function parseCpuSeconds(probe: PeakProbe, stderr: string): number {
  switch (probe) {
    case 'gnu-time':
      return parseGnuTime(stderr).cpuSeconds;
    case 'node-wrapper': {
      const index = stderr.lastIndexOf(CPU_MARKER);
      return index < 0 ? Number.NaN : Number.parseFloat(stderr.slice(index + CPU_MARKER.length));
    }
    case 'proc-status':
      return Number.NaN;
  }
}

/** VmHWM in kB from the text of /proc/<pid>/status; undefined once the process has let go of its memory. */
export function parseVmHwmKb(status: string): number | undefined {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb);
}

/** Spawns and collects output; `watch` starts with the pid and returns how to stop watching. */
function runChild(command: string, argv: readonly string[], cwd: string, watch: (pid: number) => (() => void) | undefined): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = child.pid === undefined ? undefined : watch(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      stop?.();
      reject(error);
    });
    child.on('close', (code, signal) => {
      stop?.();
      resolvePromise({
        exitCode: code ?? (signal === null ? 1 : 128),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
