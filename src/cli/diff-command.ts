import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { diff } from '../api.js';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import { diffMarkdown, type DiffReport } from '../diff/diff-markdown.js';
import { PdbError } from '../errors/pdb-error.js';
import { positiveNumber } from './execute-command.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

interface DiffFlags extends CommonFlags {
  readonly base?: string;
  readonly out?: string;
  readonly data?: boolean;
  readonly baseTarget?: string;
  readonly baseDatabase?: string;
  readonly tolerance?: string;
  readonly cost?: boolean;
  readonly pricePerTib?: number;
}

/** A metric value that moved less than this (relative to the base) is taken as unchanged. */
const DEFAULT_TOLERANCE = '0.5%';

/** `pdb diff`: what a change does to the compiled models, as markdown for a pull-request comment. Exits as `git diff --exit-code`. */
export function diffCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('diff').description('compare the working tree with a base (a git ref, or a previous build\'s artifacts) and write a markdown summary for a pull request; exit 0 when nothing changed, 1 when something did');
  withProjectFlags(command);
  command
    .option('--base <ref>', 'a git ref (branch, tag, commit) to compare with, e.g. origin/main; compiled from a temporary copy of its tree')
    .option('--state <dir>', "a previous build's artifacts folder (its manifest.json and compiled SQL) to compare with")
    .option('--out <file>', 'also write the markdown to this file')
    .option('--data', 'also compare the tables both sides built: row counts, columns, and metric values that changed beyond --tolerance')
    .option('--base-target <name>', 'with --data: the target in profiles.yml the base is built in (another schema, dataset or database file)')
    .option('--base-database <file>', 'with --data, DuckDB: the database file the base is built in (same schemas as the target)')
    .option('--tolerance <change>', 'with --data: the relative change a value may have and count as unchanged, e.g. 0.5% or 0.005', DEFAULT_TOLERANCE)
    .option('--cost', "estimate both sides' cost with BigQuery dry runs (free) and show the difference; with --state, the base's is its cost.json")
    .addOption(new Option('--price-per-tib <usd>', 'with --cost: on-demand price per TiB for the estimate').argParser(positiveNumber))
    .addOption(new Option('-s, --select <selector...>', 'with --data: the models whose values are compared (default: tag:core, else every model)'))
    .addOption(new Option('--exclude <selector...>', 'with --data: models whose values are not compared'));
  return command.action(async (flags: DiffFlags) => {
    await run(async () => {
      if ((flags.base === undefined) === (flags.state === undefined)) {
        throw new PdbError({ code: 'E_USAGE', message: flags.base === undefined ? 'pdb diff needs a base: --base <git ref> or --state <dir>.' : '--base and --state cannot be used together.', hint: 'e.g. pdb diff --base origin/main, or pdb diff --state prod-target/', location: { file: flags.base === undefined ? '--base' : '--state' } });
      }
      if (!flags.data && (flags.baseTarget !== undefined || flags.baseDatabase !== undefined || flags.select !== undefined || flags.exclude !== undefined)) {
        throw new PdbError({ code: 'E_USAGE', message: '--base-target, --base-database, --select and --exclude are options of --data.', hint: 'Add --data to compare the built tables, or leave them out.', location: { file: '--data' } });
      }
      const options = projectOptions({ ...flags, state: undefined }, io);
      const report = await diff({
        ...options,
        ...(flags.base === undefined ? {} : { baseRef: flags.base }),
        ...(flags.state === undefined ? {} : { stateDir: resolve(io.cwd, flags.state), stateLabel: flags.state }),
        ...(flags.cost === true ? { cost: flags.pricePerTib === undefined ? {} : { pricePerTiB: flags.pricePerTib } } : {}),
        ...(flags.data !== true
          ? {}
          : {
              data: {
                tolerance: parseTolerance(flags.tolerance ?? DEFAULT_TOLERANCE),
                ...(flags.baseTarget === undefined ? {} : { baseTarget: flags.baseTarget }),
                ...(flags.baseDatabase === undefined ? {} : { baseDatabase: resolve(io.cwd, flags.baseDatabase) }),
              },
            }),
      });
      const markdown = diffMarkdown(report);
      if (flags.out !== undefined) await writeFileAtomic(resolve(io.cwd, flags.out), markdown);
      io.stdout(markdown);
      return anythingChanged(report) ? 1 : 0;
    });
  });
}

function anythingChanged(report: DiffReport): boolean {
  const { diff, data } = report;
  if (diff.models.length > 0 || diff.tests.length > 0 || diff.checks.length > 0) return true;
  return data !== undefined && (data.changedPerModel.some((m) => m.count > 0) || data.rowCounts.some((r) => r.base !== r.head));
}

/** `0.5%` or `0.005`: a relative change, as a fraction. */
function parseTolerance(text: string): number {
  const percent = text.trim().endsWith('%');
  const value = Number(percent ? text.trim().slice(0, -1) : text.trim());
  if (text.trim() === '' || text.trim() === '%' || !Number.isFinite(value) || value < 0) {
    throw new PdbError({ code: 'E_USAGE', message: `--tolerance '${text}' is not a relative change.`, hint: 'Write a percentage or a fraction at least 0, e.g. --tolerance 0.5% or --tolerance 0.005.', location: { file: '--tolerance' } });
  }
  return percent ? value / 100 : value;
}
