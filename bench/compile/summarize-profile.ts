/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists where the time went: functions by
 * self time, functions by total time (self plus callees), and files by self time.
 * Usage: node dist/bench/compile/summarize-profile.js FILE.cpuprofile|DIR [TOP]
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Cost {
  readonly name: string;
  readonly ms: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly selfByFunction: readonly Cost[];
  readonly totalByFunction: readonly Cost[];
  readonly selfByFile: readonly Cost[];
  /** Total time of pdb's own functions (under dist/src): where the stages spend it. */
  readonly totalByPdbFunction: readonly Cost[];
}

const REPO_URL = pathToFileURL(fileURLToPath(new URL('../../../', import.meta.url))).href;

/** `dist/src/x.js`, `node_modules/pkg/...` or `node:internal/...`: short and the same on any machine. */
export function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const local = url.startsWith(REPO_URL) ? url.slice(REPO_URL.length) : url;
  const modules = local.lastIndexOf('node_modules/');
  return modules < 0 ? local : local.slice(modules);
}

const frameName = (f: CallFrame): string => `${shortUrl(f.url)}:${f.functionName || '(anonymous)'}${f.url === '' ? '' : `:${f.lineNumber + 1}`}`;

export function summarizeProfile(profile: CpuProfile, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // A sample's duration is the gap to the next sample.
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  });

  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number): void => {
    map.set(key, (map.get(key) ?? 0) + us);
  };

  // Total time per function, counted once per stack even when the function recurses.
  const walk = (id: number, onStack: ReadonlyMap<string, number>): number => {
    const node = byId.get(id);
    if (node === undefined) return 0;
    const name = frameName(node.callFrame);
    const self = selfUs.get(id) ?? 0;
    add(selfByFunction, name, self);
    add(selfByFile, shortUrl(node.callFrame.url), self);
    const stack = new Map(onStack);
    stack.set(name, (stack.get(name) ?? 0) + 1);
    let total = self;
    for (const child of node.children ?? []) total += walk(child, stack);
    if (!onStack.has(name)) add(totalByFunction, name, total);
    return total;
  };
  const root = profile.nodes[0];
  const totalUs = root === undefined ? 0 : walk(root.id, new Map());

  const ranked = (map: Map<string, number>): Cost[] =>
    [...map.entries()]
      .filter(([name, us]) => us > 0 && !name.startsWith('(native):(root)') && !name.startsWith('(native):(program)'))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000 }));
  const pdbOnly = new Map([...totalByFunction].filter(([name]) => name.includes('dist/src/')));
  return {
    totalMs: totalUs / 1000,
    selfByFunction: ranked(selfByFunction),
    totalByFunction: ranked(totalByFunction),
    selfByFile: ranked(selfByFile),
    totalByPdbFunction: ranked(pdbOnly),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const list = (title: string, costs: readonly Cost[]): string =>
    `${title}\n${costs.map((c) => `  ${c.ms.toFixed(0).padStart(6)} ms  ${c.name}`).join('\n')}`;
  return [
    `sampled ${summary.totalMs.toFixed(0)} ms`,
    list('self time by function:', summary.selfByFunction),
    list('total time by function:', summary.totalByFunction),
    list('self time by file:', summary.selfByFile),
    list('total time of pdb functions:', summary.totalByPdbFunction),
  ].join('\n');
}

/** Summarizes every `.cpuprofile` in a folder (or the one file given). */
export async function summarizeProfileDir(path: string, top: number): Promise<string> {
  const files = (await stat(path)).isDirectory() ? (await readdir(path)).filter((f) => f.endsWith('.cpuprofile')).sort().map((f) => join(path, f)) : [path];
  const parts: string[] = [];
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
    parts.push(`${file}\n${formatSummary(summarizeProfile(profile, top))}`);
  }
  return parts.join('\n\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [path, top] = process.argv.slice(2);
  if (path === undefined) {
    process.stderr.write('usage: node dist/bench/compile/summarize-profile.js FILE.cpuprofile|DIR [TOP]\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${await summarizeProfileDir(path, Number(top ?? 20))}\n`);
  }
}
