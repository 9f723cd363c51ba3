/**
 * Dataform's CLI for the side-by-side figure: installed on demand into a bench-local folder
 * (never a dependency of pdb), with npm's ordinary client. Returns where it is, or why not.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The versions the figures were taken with (Dataform 3, the current major). */
export const DATAFORM_PACKAGES = ['@dataform/cli@3.0.69', '@dataform/core@3.0.62'] as const;

export interface DataformInstall {
  /** The CLI's entry script, run with node. */
  readonly cli: string;
  /** The @dataform/core package folder each generated project gets a copy of. */
  readonly core: string;
}

export function dataformPaths(prefix: string): DataformInstall {
  return { cli: join(prefix, 'node_modules', '@dataform', 'cli', 'bundle.js'), core: join(prefix, 'node_modules', '@dataform', 'core') };
}

/** The install under `prefix`, installing it first when missing; a reason string when that fails. */
export async function ensureDataform(prefix: string): Promise<DataformInstall | string> {
  const paths = dataformPaths(prefix);
  if (existsSync(paths.cli) && existsSync(paths.core)) return paths;
  await mkdir(prefix, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = await new Promise<{ code: number; output: string }>((resolvePromise) => {
    const child = spawn(npm, ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, ...DATAFORM_PACKAGES], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (error) => resolvePromise({ code: 1, output: error.message }));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
  if (result.code !== 0 || !existsSync(paths.cli) || !existsSync(paths.core)) return `npm install of ${DATAFORM_PACKAGES.join(' ')} failed: ${result.output.trim().split('\n').slice(-3).join(' ')}`;
  return paths;
}
