import { Command } from 'commander';
import { compile } from '../api.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, withSelectionFlags, type CommonFlags } from './shared-options.js';
import { formatSeconds, noteDisabled, warnUnmatched } from './output.js';

export function compileCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('compile').description('render, check and format the selected models into target/compiled, and write target/manifest.json (no database needed)');
  withSelectionFlags(withProjectFlags(command));
  return command.action(async (flags: CommonFlags) => {
    await run(async () => {
      const started = performance.now();
      const outcome = await compile(projectOptions(flags, io));
      warnUnmatched(outcome.unmatched, io);
      noteDisabled(outcome.disabled, io);
      const { target, config } = outcome.project;
      const count = outcome.models.length;
      io.stdout(`Compiled ${count} model${count === 1 ? '' : 's'} for target ${target.name} (${target.type}) in ${formatSeconds(performance.now() - started)}: ${config.targetPath}/compiled/${target.name}/\n`);
      return 0;
    });
  });
}
