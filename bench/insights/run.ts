/**
 * The insights benchmarks:
 *   npm run bench:insights -- false-positives [--seeds 1,2,3,4,5] [--users 20000]
 *   npm run bench:insights -- speed [--events 1000000,10000000]
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { falsePositives, falsePositiveTable } from './false-positives.js';
import { speed, speedTable } from './speed.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const numbers = (text: string): number[] => text.split(',').map((s) => Number(s.trim())).filter((n) => Number.isFinite(n) && n > 0);

const [what, ...args] = process.argv.slice(2);
switch (what) {
  case 'false-positives': {
    const outcomes = await falsePositives(repoRoot(), numbers(flag(args, '--seeds') ?? '1,2,3,4,5'), Number(flag(args, '--users') ?? 20000));
    process.stdout.write(`${falsePositiveTable(outcomes)}\n`);
    break;
  }
  case 'speed': {
    const rows = await speed(repoRoot(), numbers(flag(args, '--events') ?? '1000000,10000000'));
    process.stdout.write(`${speedTable(rows)}\n`);
    break;
  }
  default:
    process.stderr.write('usage: npm run bench:insights -- false-positives [--seeds 1,2,3] [--users N] | speed [--events 1000000,10000000]\n');
    process.exitCode = 2;
}
