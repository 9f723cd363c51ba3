/**
 * Where a command's time goes, for profiling: with PDB_TIMINGS=1 each phase a command marks is
 * written to stderr as it ends: wall and CPU milliseconds since the previous mark, and the wall
 * time since Node started. CPU time tells the work apart from waiting on a busy machine.
 * Off by default; marking costs nothing then.
 */
const enabled = process.env['PDB_TIMINGS'] === '1';
let last = performance.now();
let lastCpu = process.cpuUsage();

/** Ends the phase called `label` (the time since the previous mark). */
export function mark(label: string): void {
  if (!enabled) return;
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  const ms = (value: number): string => value.toFixed(0).padStart(6);
  process.stderr.write(`pdb timings: ${label.padEnd(28)} wall ${ms(now - last)} ms  cpu ${ms((cpu.user + cpu.system) / 1000)} ms  (at ${now.toFixed(0)} ms)\n`);
  last = now;
  lastCpu = process.cpuUsage();
}
