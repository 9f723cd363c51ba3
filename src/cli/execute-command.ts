import { Command, InvalidArgumentError, Option } from 'commander';
import { execute } from '../api.js';
import type { PlanCommand } from '../plan/build-plan.js';
import { isFailure } from '../runner/run-results.js';
import type { Interruption } from './interrupt.js';
import type { CliIo, CommandRunner } from './io.js';
import { noteDisabled, warnUnmatched } from './output.js';
import { RunReporter } from './run-reporter.js';
import { count } from '../text/count.js';
import { projectOptions, withProjectFlags, withSelectionFlags, type CommonFlags } from './shared-options.js';

const EXIT_INTERRUPTED = 130;

const DESCRIPTIONS: Record<PlanCommand, string> = {
  run: 'build the selected models in the target database',
  test: 'run the data tests of the selected models',
  build: 'build the selected models and run their tests in DAG order; a failing test skips what depends on it',
};

interface ExecuteFlags extends CommonFlags {
  readonly threads?: number;
  readonly failFast?: boolean;
  readonly fullRefresh?: boolean;
  readonly dryRun?: boolean;
  readonly maxBytes?: number;
  readonly pricePerTib?: number;
  readonly ignoreDataQuality?: boolean;
}

/** `pdb run`, `pdb test`, `pdb build`. Ctrl-C interrupts the running queries; nothing is half-written. */
export function executeCommand(command: PlanCommand, io: CliIo, run: CommandRunner, interruption: Interruption): Command {
  const cli = new Command(command).description(DESCRIPTIONS[command]);
  withSelectionFlags(withProjectFlags(cli));
  cli.addOption(new Option('--threads <n>', 'how many models or tests run at once').argParser(positiveInteger));
  cli.option('-x, --fail-fast', 'stop at the first failure');
  if (command !== 'test') cli.option('--full-refresh', 'rebuild incremental models from scratch');
  if (command !== 'test') {
    cli.option('--dry-run', 'estimate the bytes and cost of each model with the engine\'s dry run, and stop (BigQuery)');
    cli.addOption(new Option('--max-bytes <n>', 'refuse to start when the dry-run total exceeds this many bytes, e.g. 500GB (BigQuery)').argParser(byteCount));
    cli.addOption(new Option('--price-per-tib <usd>', 'on-demand price per TiB for the estimate').argParser(positiveNumber));
    cli.option('--ignore-data-quality', 'replace the tables even when a data-quality check of the source fails (the failures are still reported)');
  }
  return cli.action(async (flags: ExecuteFlags) => {
    await run(async () => {
      const reporter = new RunReporter(io, io.startedAt ?? performance.now(), interruption.signal);
      const release = interruption.claim();
      try {
        const outcome = await execute(command, {
          ...projectOptions(flags, io),
          ...(flags.threads === undefined ? {} : { threads: flags.threads }),
          failFast: flags.failFast ?? false,
          fullRefresh: flags.fullRefresh ?? false,
          signal: interruption.signal,
          onStart: reporter.onStart,
          onResult: reporter.onResult,
          onLog: reporter.log,
          ...(flags.dryRun === true ? { dryRun: true } : {}),
          ...(flags.maxBytes === undefined ? {} : { maxBytes: flags.maxBytes }),
          ...(flags.pricePerTib === undefined ? {} : { pricePerTiB: flags.pricePerTib }),
          // Printed before a budget is checked: a refusal points at the table and its reasons.
          onEstimate: async (estimate) => {
            const { formatCostTable } = await import('../cost/format-cost-table.js');
            io.stdout(`${formatCostTable(estimate)}\n`);
          },
          ...(flags.ignoreDataQuality === true ? { ignoreDataQuality: true } : {}),
        });
        warnUnmatched(outcome.unmatched, io);
        noteDisabled(outcome.disabled, io);
        if (outcome.addedUpstream.length > 0) {
          io.stdout(`Note: also built ${count(outcome.addedUpstream.length, 'upstream model')} that did not exist yet: ${outcome.addedUpstream.join(', ')}.\n`);
        }
        if (outcome.estimate !== undefined && flags.dryRun === true) {
          if (interruption.signal.aborted) {
            io.stdout('Cancelled: the estimate was stopped.\n');
            return interruption.exitCode ?? EXIT_INTERRUPTED;
          }
          io.stdout(`Dry run only: nothing was built. The estimate is in ${outcome.project.config.targetPath}/cost.json.\n`);
          // An estimate with unknown costs is incomplete: not a success a script could take as "fits".
          return outcome.estimate.unknownCount > 0 ? 1 : 0;
        }
        reporter.summary(outcome);
        // SIGTERM (`kill PID`, as the lock message suggests) stops a build the way Ctrl-C does.
        if (outcome.run.cancelled) return interruption.exitCode ?? EXIT_INTERRUPTED;
        return outcome.run.results.some((r) => isFailure(r.status)) ? 1 : 0;
      } finally {
        release();
      }
    });
  });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--threads takes a whole number of 1 or more, not '${value}'`);
  return n;
}

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

function byteCount(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const unit = UNITS[(match?.[2] ?? '').toUpperCase()];
  if (match === null || unit === undefined) throw new InvalidArgumentError(`expected a number of bytes such as 500000000, 500GB or 1TiB, not '${value}'`);
  return Math.round(Number(match[1]) * unit);
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, not '${value}'`);
  return n;
}
