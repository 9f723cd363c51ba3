import { Command } from 'commander';
import { retryTarget } from '../api.js';
import { executeCommand } from './execute-command.js';
import type { Interruption } from './interrupt.js';
import type { CliIo, CommandRunner } from './io.js';
import { count } from '../text/count.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

/**
 * `pdb retry`: runs again what failed or was skipped in the project's last run, with its command,
 * target and vars, as `dbt retry` does. Unchanged upstream work is reused, not redone.
 */
export function retryCommand(io: CliIo, run: CommandRunner, interruption: Interruption): Command {
  const command = new Command('retry').description('run again the models and tests that failed or were skipped in the last run');
  withProjectFlags(command);
  command.option('--threads <n>', 'how many models or tests run at once');
  return command.action(async (flags: CommonFlags & { threads?: string }) => {
    await run(async () => {
      const plan = await retryTarget(projectOptions(flags, io));
      if (plan.models.length === 0) {
        io.stdout(`Nothing to retry: the last run (${plan.runId.slice(0, 8)}, ${plan.command}) had no failed or skipped step.\n`);
        return 0;
      }
      io.stdout(`Retrying ${count(plan.models.length, 'model')} of run ${plan.runId.slice(0, 8)} (${plan.command}): ${plan.models.join(', ')}\n`);
      const passed = [
        ...(flags.projectDir === undefined ? [] : ['--project-dir', flags.projectDir]),
        ...(flags.profilesDir === undefined ? [] : ['--profiles-dir', flags.profilesDir]),
        ...(flags.threads === undefined ? [] : ['--threads', flags.threads]),
        '--target', plan.target,
        ...(Object.keys(plan.vars).length === 0 ? [] : ['--vars', JSON.stringify(plan.vars)]),
        '--select', ...plan.models.map((m) => `name:${m}`),
      ];
      let code = 0;
      const again = executeCommand(plan.command, io, async (action) => (code = await run(action)), interruption);
      await again.exitOverride().parseAsync(passed, { from: 'user' });
      return code;
    });
  });
}
