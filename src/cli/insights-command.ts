import { Command } from 'commander';
import { insights } from '../api.js';
import type { CliIo, CommandRunner } from './io.js';
import { formatSeconds } from './output.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

/** `pdb insights`: findings and a narrative from the tables already built (no rebuild). */
export function insightsCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('insights').description('find tested insights in the metric tables already built (no rebuild): target/insights/');
  withProjectFlags(command);
  return command.action(async (flags: CommonFlags) => {
    await run(async () => {
      const started = performance.now();
      const outcome = await insights({ ...projectOptions(flags, io), onLog: (line) => io.stdout(`${line}\n`) });
      if (outcome.result.status === 'error') {
        io.stderr(`${outcome.result.message ?? 'insights failed'}\n`);
        return 1;
      }
      io.stdout(`Insights from ${outcome.built} built tables in ${formatSeconds(performance.now() - started)}: ${outcome.project.config.targetPath}/insights/insights.md\n`);
      return 0;
    });
  });
}
