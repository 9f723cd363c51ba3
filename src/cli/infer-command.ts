import { Command } from 'commander';
import { infer } from '../infer/run-infer.js';
import { PdbError } from '../errors/pdb-error.js';
import type { CliIo, CommandRunner } from './io.js';
import { proposalText } from './proposal-table.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

interface InferFlags extends CommonFlags {
  readonly source?: string;
  readonly out: string;
  readonly force?: boolean;
  readonly sampleRows: string;
}

export function inferCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('infer').description('propose the schema mapping of a source (columns, confidence, evidence) and write it for review');
  withProjectFlags(command)
    .option('--source <name.table>', 'the source to infer (default: the mapping\'s source, else the only declared source)')
    .option('--out <file>', 'the mapping file to write, relative to the project', 'mapping.yml')
    .option('--force', 'overwrite the file if it exists')
    .option('--sample-rows <n>', 'rows sampled for value profiles', '20000');
  return command.action(async (flags: InferFlags) => {
    await run(async () => {
      const sampleRows = Number(flags.sampleRows);
      if (!Number.isInteger(sampleRows) || sampleRows < 1) {
        throw new PdbError({ code: 'E_USAGE', message: `--sample-rows must be a positive whole number, not '${flags.sampleRows}'.`, hint: 'Write e.g. --sample-rows 20000.', location: { file: '--sample-rows' } });
      }
      const outcome = await infer({ ...projectOptions(flags, io), ...(flags.source === undefined ? {} : { source: flags.source }), out: flags.out, force: flags.force === true, sampleRows });
      io.stdout(proposalText(outcome.proposal));
      io.stdout(`\nWrote ${outcome.path} for ${outcome.source} (${outcome.sampleRows} sampled rows). Review it, then run pdb build.\n`);
      return 0;
    });
  });
}
