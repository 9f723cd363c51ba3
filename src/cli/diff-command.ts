import { Command } from 'commander';
import { resolve } from 'node:path';
import { diff } from '../api.js';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import { diffMarkdown, type DiffReport } from '../diff/diff-markdown.js';
import { PdbError } from '../errors/pdb-error.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

interface DiffFlags extends CommonFlags {
  readonly base?: string;
  readonly out?: string;
}

/** `pdb diff`: what a change does to the compiled models, as markdown for a pull-request comment. Exits as `git diff --exit-code`. */
export function diffCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('diff').description('compare the working tree with a base (a git ref, or a previous build\'s artifacts) and write a markdown summary for a pull request; exit 0 when nothing changed, 1 when something did');
  withProjectFlags(command);
  command
    .option('--base <ref>', 'a git ref (branch, tag, commit) to compare with, e.g. origin/main; compiled from a temporary copy of its tree')
    .option('--state <dir>', "a previous build's artifacts folder (its manifest.json and compiled SQL) to compare with")
    .option('--out <file>', 'also write the markdown to this file');
  return command.action(async (flags: DiffFlags) => {
    await run(async () => {
      if ((flags.base === undefined) === (flags.state === undefined)) {
        throw new PdbError({ code: 'E_USAGE', message: flags.base === undefined ? 'pdb diff needs a base: --base <git ref> or --state <dir>.' : '--base and --state cannot be used together.', hint: 'e.g. pdb diff --base origin/main, or pdb diff --state prod-target/', location: { file: flags.base === undefined ? '--base' : '--state' } });
      }
      const options = projectOptions({ ...flags, state: undefined }, io);
      const report = await diff({
        ...options,
        ...(flags.base === undefined ? {} : { baseRef: flags.base }),
        ...(flags.state === undefined ? {} : { stateDir: resolve(io.cwd, flags.state), stateLabel: flags.state }),
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
