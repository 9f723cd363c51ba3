/**
 * Runs a Node script in this process and, when it exits, reports the process's peak resident
 * set size on stderr: the fallback of measure-child.ts where /usr/bin/time is missing.
 * Usage: node max-rss-wrapper.js SCRIPT [ARGS...]
 */
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAX_RSS_MARKER = 'PDB_BENCH_MAX_RSS_KB=';
export const CPU_MARKER = 'PDB_BENCH_CPU_S=';

const [script, ...args] = process.argv.slice(2);
if (script !== undefined && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The script sees the argv it would have had if started directly.
  process.argv = [process.argv[0] ?? process.execPath, resolve(script), ...args];
  process.on('exit', () => {
    const usage = process.resourceUsage();
    // maxRSS is in kilobytes, as /usr/bin/time reports it; CPU times are in microseconds.
    writeSync(2, `\n${MAX_RSS_MARKER}${usage.maxRSS}\n${CPU_MARKER}${(usage.userCPUTime + usage.systemCPUTime) / 1e6}\n`);
  });
  await import(pathToFileURL(resolve(script)).href);
}
