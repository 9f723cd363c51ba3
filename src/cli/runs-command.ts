import { Command, InvalidArgumentError, Option } from 'commander';
import { listRuns } from '../api.js';
import { stableJson } from '../artifacts/stable-json.js';
import type { RunSummary } from '../state/state-types.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

/** `pdb runs`: the project's recent runs from the state store, newest first. */
export function runsCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('runs').description('list recent runs with their id, hash, selection and outcome (from the run-state store)');
  withProjectFlags(command);
  command.addOption(new Option('-n, --limit <n>', 'how many runs').argParser(positive).default(20));
  command.addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'));
  return command.action(async (flags: CommonFlags & { limit: number; output: 'table' | 'json' }) => {
    await run(async () => {
      const { runs } = await listRuns({ ...projectOptions(flags, io), limit: flags.limit });
      if (flags.output === 'json') {
        io.stdout(stableJson(runs.map(runJson)));
        return 0;
      }
      if (runs.length === 0) {
        io.stdout('No runs recorded yet: `pdb build` records each run.\n');
        return 0;
      }
      const rows = runs.map((r) => [r.runId.slice(0, 8), r.startedAt.replace('T', ' ').slice(0, 19), r.command, r.status, String(r.models), String(r.failures), `${r.seconds.toFixed(2)} s`, r.runHash.slice(0, 12), [...r.select.map((s) => `-s ${s}`), ...r.exclude.map((s) => `--exclude ${s}`)].join(' ')]);
      io.stdout(alignedTable(['run', 'started (UTC)', 'command', 'status', 'models', 'failures', 'time', 'hash', 'selection'], rows));
      return 0;
    });
  });
}

export function runJson(r: RunSummary): object {
  return {
    run_id: r.runId, run_hash: r.runHash, command: r.command, status: r.status, started_at: r.startedAt, seconds: r.seconds,
    select: r.select, exclude: r.exclude, vars: r.vars, target: r.target, models: r.models, failures: r.failures, pdb_version: r.pdbVersion,
  };
}

function alignedTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return line(header) + rows.map(line).join('');
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`takes a whole number of 1 or more, not '${value}'`);
  return n;
}
