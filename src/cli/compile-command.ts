import { Command } from 'commander';
import { compile } from '../api.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, withSelectionFlags, type CommonFlags } from './shared-options.js';
import { formatSeconds, noteDisabled, warnUnmatched } from './output.js';

export function compileCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('compile').description('render, check and format the selected models into target/compiled, and write target/manifest.json (no database needed)');
  withSelectionFlags(withProjectFlags(command));
  command.option('--no-validate', 'skip the offline check of BigQuery SQL with ZetaSQL');
  return command.action(async (flags: CommonFlags) => {
    await run(async () => {
      const started = performance.now();
      const outcome = await compile({ ...projectOptions(flags, io), validate: (flags as { validate?: boolean }).validate !== false });
      warnUnmatched(outcome.unmatched, io);
      noteDisabled(outcome.disabled, io);
      const { target, config } = outcome.project;
      const count = outcome.models.length;
      const checked = outcome.validation === 'validated' ? ', checked with ZetaSQL' : '';
      io.stdout(`Compiled ${count} model${count === 1 ? '' : 's'} for target ${target.name} (${target.type}${checked}) in ${formatSeconds(performance.now() - started)}: ${config.targetPath}/compiled/${target.name}/\n`);
      if (typeof outcome.validation === 'object') io.stderr(`warning: BigQuery validation did not run: ${outcome.validation.unavailable}\n`);
      return 0;
    });
  });
}
