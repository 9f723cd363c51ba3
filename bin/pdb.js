#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ to dist/ by `npm install` (prepare) or `npm run build`,
// and bundled into one file (dist/src/pdb-cli.js) that starts faster; without the bundle, the
// compiled modules are used as they are.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/src/pdb-cli.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/src/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
