#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ to dist/ by `npm install` (prepare) or `npm run build`,
// and bundled into one file (dist/src/pdb-cli.js) that starts faster; without the bundle, the
// compiled modules are used as they are.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const startedAtMs = Date.now() - performance.now();
const argv = process.argv.slice(2);
const bundle = new URL('../dist/src/pdb-cli.js', import.meta.url);

// An unchanged `pdb compile` is answered from the stamp of the last one, before the CLI loads
// (src/cli/compile-stamp.ts: every input and output must be as that compile left them).
let replayed = false;
if (argv[0] === 'compile' && existsSync(bundle)) {
  const { replayCompileStamp } = await import('../dist/src/cli/compile-stamp.js');
  const pdbRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
  const write = (stream, text) => (stream === 'stdout' ? process.stdout : process.stderr).write(text);
  replayed = replayCompileStamp(argv, { cwd: process.cwd(), env: process.env, pdbRoot, startedAtMs, write });
}

if (replayed) process.exitCode = 0;
else {
  const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/src/cli/main.js');
  process.exitCode = await main(argv);
}
