import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import type { SampleProgress, SampleResult } from '../sample/generate-sample.js';
import type { CliIo, CommandRunner } from './io.js';
import { count as countOf } from '../text/count.js';
import { formatSeconds } from './output.js';

export const DEFAULT_SAMPLE_DIR = 'data/generated/ga4_sample';

interface SampleFlags {
  readonly out: string;
  readonly users?: number;
  readonly days?: number;
  readonly seed?: number;
  readonly events?: number;
  readonly ifMissing?: boolean;
  /** Commander's `--no-effects`: false when given. */
  readonly effects: boolean;
}

/** `pdb sample`: writes the deterministic GA4-shaped sample events the default project reads. */
export function sampleCommand(io: CliIo, run: CommandRunner): Command {
  const count = (v: string): number => {
    const n = Number(v.replace(/_/g, '').replace(/[kK]$/, '000').replace(/[mM]$/, '000000'));
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number such as 20000, 1M or 10M, not '${v}'`);
    return n;
  };
  const cli = new Command('sample').description('generate the sample clickstream (GA4 / Firebase export shape) as daily Parquet files');
  cli.option('--out <dir>', 'where to write the files', DEFAULT_SAMPLE_DIR);
  cli.addOption(new Option('--users <n>', 'users installing over the window (default 20000)').argParser(count));
  cli.addOption(new Option('--days <n>', 'days of data (default 60)').argParser(count));
  cli.addOption(new Option('--seed <n>', 'random seed (default 42)').argParser(count));
  cli.addOption(new Option('--events <n>', 'about this many events in all, e.g. 1M or 10M (sets the users)').argParser(count));
  cli.option('--no-effects', 'plant no facts (no outage, promotion, weak channel or country differences): a null sample for measuring false positives');
  cli.option('--if-missing', 'do nothing when the folder already holds a complete sample made with the same options');
  return cli.action(async (flags: SampleFlags) => {
    await run(async () => {
      const outDir = resolve(io.cwd, flags.out);
      // Loaded only here: the generator brings DuckDB's native binding.
      const { generateSample } = await import('../sample/generate-sample.js');
      const { completeSample, markerOptions } = await import('../sample/sample-folder.js');
      const { resolveSampleOptions } = await import('../sample/sample-options.js');
      const options = {
        outDir,
        ...(flags.users === undefined ? {} : { users: flags.users }),
        ...(flags.days === undefined ? {} : { days: flags.days }),
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.events === undefined ? {} : { targetEvents: flags.events }),
        effects: flags.effects,
      };
      if (flags.ifMissing) {
        const existing = await completeSample(outDir);
        const wanted = markerOptions(resolveSampleOptions(options));
        if (existing !== undefined && JSON.stringify(existing.options) === JSON.stringify(wanted)) {
          io.stdout(`Sample data already in ${flags.out}; nothing to do.\n`);
          return 0;
        }
        if (existing !== undefined) io.stdout(`The sample in ${flags.out} was made with other options; writing it again.\n`);
      }
      const started = performance.now();
      // A live status line on a terminal only; logs and CI get just the summary.
      const progress = io.interactive
        ? (p: SampleProgress): void =>
            io.stderr(`\r\u001b[2Kpdb sample: day ${p.day}/${p.days}, ${p.events.toLocaleString('en-US')} events, ${formatSeconds(performance.now() - started)}`)
        : undefined;
      let result: SampleResult;
      try {
        result = await generateSample(options, progress);
      } finally {
        if (progress !== undefined) io.stderr('\r\u001b[2K');
      }
      io.stdout(`Wrote ${result.events.toLocaleString('en-US')} events of ${result.users.toLocaleString('en-US')} users in ${countOf(result.files.length, 'file')} to ${flags.out} in ${formatSeconds(performance.now() - started)}.\n`);
      return 0;
    });
  });
}
