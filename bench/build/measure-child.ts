/**
 * Runs one Node child process and measures its wall time and peak resident memory: through
 * `/usr/bin/time -v` when present (it sees the whole process, DuckDB's native memory included),
 * else by polling VmHWM, the kernel's high-water mark, in /proc/<pid>/status.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const GNU_TIME = '/usr/bin/time';
/** VmHWM only grows, so the last read before exit is the peak, short of this much time. */
const POLL_MS = 20;

export type PeakProbe = 'gnu-time' | 'proc-status';

export interface Measurement {
  readonly seconds: number;
  /** Peak resident set size in kilobytes (1 kB = 1,024 bytes); NaN when the probe saw nothing. */
  readonly peakKb: number;
  /** User plus system CPU seconds (gnu-time only; NaN otherwise): less sensitive to other load. */
  readonly cpuSeconds: number;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const defaultProbe = (): PeakProbe => (existsSync(GNU_TIME) ? 'gnu-time' : 'proc-status');

export interface MeasureOptions {
  readonly script: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly probe?: PeakProbe;
}

/** Runs `node script args` from `cwd`. */
export async function measureNode(options: MeasureOptions): Promise<Measurement> {
  const probe = options.probe ?? defaultProbe();
  switch (probe) {
    case 'gnu-time': {
      const started = performance.now();
      const out = await runChild(GNU_TIME, ['-v', process.execPath, options.script, ...options.args], options.cwd, () => undefined);
      const seconds = (performance.now() - started) / 1000;
      const report = parseGnuTime(out.stderr);
      return { seconds, peakKb: report.peakKb, cpuSeconds: report.cpuSeconds, ...out };
    }
    case 'proc-status': {
      let peakKb = Number.NaN;
      const started = performance.now();
      const out = await runChild(process.execPath, [options.script, ...options.args], options.cwd, (pid) => {
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
      const seconds = (performance.now() - started) / 1000;
      return { seconds, peakKb, cpuSeconds: Number.NaN, ...out };
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
